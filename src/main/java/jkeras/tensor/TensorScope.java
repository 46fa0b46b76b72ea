package jkeras.tensor;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Owns every tensor made inside it, so that code making many intermediates frees them all at once:
 * <pre>{@code
 * try (TensorScope scope = TensorScope.open()) {
 *     Tensor x = pixels.div(255);            // made in the scope
 *     Tensor p = model.predict(x);           // so are results coming back from Keras
 *     result = scope.detach(p.argmax());     // kept: the caller closes it
 * }                                          // x, p and everything else made here are closed
 * }</pre>
 * A scope is opened on one thread and is that thread's current scope until it closes (scopes nest).
 * Tensors made by Keras for a call the thread makes (predictions, weights) belong to it too, whichever
 * thread Python runs on. Its memory comes from its own Arrow child allocator, so
 * {@link #allocatedBytes()} says what the scope's tensors hold. Closing never frees memory still in
 * use: a tensor Python still reads, or one {@link #detach detached}, keeps its memory until it is done.
 */
public final class TensorScope implements AutoCloseable {
    private static final ThreadLocal<TensorScope> CURRENT = new ThreadLocal<>();
    private static final AtomicLong NUMBERS = new AtomicLong();
    /** Allocators of closed scopes whose memory is still in use (detached tensors, Python); closed once empty. */
    private static final List<BufferAllocator> LINGERING = new ArrayList<>();

    private final String name;
    private final BufferAllocator allocator;
    private final TensorScope outer;
    private final Set<Tensor> tensors = new LinkedHashSet<>();
    private volatile boolean closed;

    private TensorScope(String name, TensorScope outer) {
        this.name = name;
        this.outer = outer;
        this.allocator = TensorMemory.root().newChildAllocator(name, 0, Long.MAX_VALUE);
    }

    /** Opens a scope, current on this thread until it is closed. */
    public static TensorScope open() {
        return open("scope-" + NUMBERS.incrementAndGet());
    }

    /** Opens a scope with a name (it names the Arrow child allocator, seen in Arrow's leak reports). */
    public static TensorScope open(String name) {
        closeLingering();
        TensorScope scope = new TensorScope(name, current());
        CURRENT.set(scope);
        return scope;
    }

    /** The calling thread's innermost open scope, or null. */
    public static TensorScope current() {
        TensorScope scope = CURRENT.get();
        while (scope != null && scope.closed) {
            scope = scope.outer;
        }
        return scope;
    }

    /**
     * Runs {@code work} with {@code scope} (null for none) as the calling thread's current scope, then
     * restores the previous one. How a scope follows work handed to another thread.
     */
    public static <T> T runIn(TensorScope scope, Supplier<T> work) {
        TensorScope previous = CURRENT.get();
        CURRENT.set(scope);
        try {
            return work.get();
        } finally {
            CURRENT.set(previous);
        }
    }

    /** Takes {@code tensor} out of this scope: it stays open and the caller closes it. */
    public Tensor detach(Tensor tensor) {
        synchronized (tensors) {
            if (!tensors.remove(tensor)) {
                throw new IllegalArgumentException("detach(tensor): the tensor (" + tensor.describe()
                        + ") was not made in scope " + name);
            }
        }
        return tensor;
    }

    /** Bytes held by the memory of this scope's tensors (including ones Python still holds). */
    public long allocatedBytes() {
        return closed ? 0 : allocator.getAllocatedMemory();
    }

    /** Number of tensors the scope owns that are still open. */
    public int openTensors() {
        synchronized (tensors) {
            return (int) tensors.stream().filter(t -> !t.isClosed()).count();
        }
    }

    public String name() {
        return name;
    }

    public boolean isClosed() {
        return closed;
    }

    BufferAllocator allocator() {
        return allocator;
    }

    void adopt(Tensor tensor) {
        synchronized (tensors) {
            if (closed) {
                throw new IllegalStateException("scope " + name + " is closed");
            }
            tensors.add(tensor);
        }
    }

    /** Closes every tensor the scope still owns, newest first. Idempotent. */
    @Override
    public void close() {
        List<Tensor> owned;
        synchronized (tensors) {
            if (closed) {
                return;
            }
            closed = true;
            owned = new ArrayList<>(tensors);
            tensors.clear();
        }
        for (int i = owned.size() - 1; i >= 0; i--) {
            owned.get(i).close();
        }
        if (CURRENT.get() == this) {
            CURRENT.set(outer);
        }
        synchronized (LINGERING) {
            LINGERING.add(allocator);
        }
        closeLingering();
    }

    private static void closeLingering() {
        synchronized (LINGERING) {
            LINGERING.removeIf(allocator -> {
                if (allocator.getAllocatedMemory() != 0) {
                    return false;
                }
                allocator.close();
                return true;
            });
        }
    }

    @Override
    public String toString() {
        return "TensorScope(" + name + (closed ? ", closed)" : ", " + openTensors() + " open tensors)");
    }
}
