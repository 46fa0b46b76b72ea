package jkeras.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Closes the handles made on this thread while it is open. Java code that Keras calls while it
 * traces (a custom layer's {@code call}, a custom {@code trainStep}) makes a handle for every
 * symbolic tensor it touches; left to the garbage collector they would keep each trace's graph (or
 * jax tracers) alive long after. jkeras opens one around each such call; a scope opened with
 * {@link #keepAll()} shadows the one around it, for what must outlive the call (weights made by a
 * layer's build, which Keras may run in the middle of another layer's call).
 *
 * <p>Scopes nest and must be closed in the order they were opened (try-with-resources).
 */
public final class HandleScope implements AutoCloseable {
    private static final ThreadLocal<HandleScope> CURRENT = new ThreadLocal<>();

    private final HandleScope outer;
    private final List<PyRef> refs; // null: keeps what is made inside it
    private boolean closed;

    private HandleScope(HandleScope outer, boolean collecting) {
        this.outer = outer;
        this.refs = collecting ? new ArrayList<>() : null;
    }

    /** A scope closing, when it closes, every handle made on this thread meanwhile. */
    public static HandleScope open() {
        return push(true);
    }

    /** A scope in which handles made are left to their owner, even inside a collecting scope. */
    public static HandleScope keepAll() {
        return push(false);
    }

    private static HandleScope push(boolean collecting) {
        HandleScope scope = new HandleScope(CURRENT.get(), collecting);
        CURRENT.set(scope);
        return scope;
    }

    /** Called for each new reference: the innermost scope of this thread takes it, if it collects. */
    static void adopt(PyRef ref) {
        HandleScope scope = CURRENT.get();
        if (scope != null && scope.refs != null) {
            scope.refs.add(ref);
        }
    }

    /** How many handles this scope will close (for tests). */
    public int size() {
        return refs == null ? 0 : refs.size();
    }

    /** Closes the handles made inside (releasing them on the Python thread) and restores the outer scope. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        CURRENT.set(outer);
        if (refs != null) {
            for (PyRef ref : refs) {
                ref.close();
            }
            refs.clear();
        }
    }
}
