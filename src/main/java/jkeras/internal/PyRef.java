package jkeras.internal;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicBoolean;
import jep.python.PyObject;

/**
 * Java's reference to one Python object, shared by the typed handles made over it. Closing it lets
 * Python free the object (if nothing in Python still uses it) at once, on the Python thread. One
 * nobody closed is released the same way once it is garbage (a Cleaner: Jep's own memory manager
 * would release it too, but only when the next Python object comes back to Java).
 */
public final class PyRef {
    private static final Cleaner CLEANER = Cleaner.create(runnable -> {
        Thread thread = new Thread(runnable, "jkeras-handle-cleaner");
        thread.setDaemon(true);
        return thread;
    });

    private final PyObject object;
    private final Release release;
    private final Cleaner.Cleanable cleanable;

    private PyRef(PyObject object) {
        this.object = object;
        this.release = new Release(object);
        this.cleanable = CLEANER.register(this, release);
    }

    /** The reference a call returned; it must be a Python object. */
    public static PyRef of(Object callResult) {
        if (callResult instanceof PyObject object) {
            PyRef ref = new PyRef(object);
            HandleScope.adopt(ref);
            return ref;
        }
        throw new IllegalStateException("expected a Python object, got "
                + (callResult == null ? "None" : callResult.getClass().getName() + " " + callResult));
    }

    /** Whether a call result is a Python object (rather than a number, a string, a tensor…). */
    public static boolean isPythonObject(Object callResult) {
        return callResult instanceof PyObject;
    }

    /** The Jep object, for the Python thread; throws if closed. */
    PyObject object(String what) {
        if (release.done.get()) {
            throw new IllegalStateException(what + " is closed");
        }
        return object;
    }

    boolean isClosed() {
        return release.done.get();
    }

    /** Releases the reference on the Python thread. Idempotent. */
    void close() {
        cleanable.clean();
    }

    /** Posts the Jep object's release to the Python thread, once; must not refer to the PyRef. */
    private static final class Release implements Runnable {
        private final PyObject object;
        private final AtomicBoolean done = new AtomicBoolean();

        Release(PyObject object) {
            this.object = object;
        }

        @Override
        public void run() {
            if (done.compareAndSet(false, true) && PythonRuntime.isStarted()) {
                PythonRuntime.get().post(object::close);
            }
        }
    }
}
