package jkeras.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import jep.python.PyObject;

/**
 * Java's reference to one Python object, shared by the typed handles made over it. Closing it lets
 * Python free the object (if nothing in Python still uses it) at once, on the Python thread; one
 * nobody closed is released by Jep's own memory manager once it is garbage.
 */
public final class PyRef {
    private final PyObject object;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PyRef(PyObject object) {
        this.object = object;
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
        if (closed.get()) {
            throw new IllegalStateException(what + " is closed");
        }
        return object;
    }

    boolean isClosed() {
        return closed.get();
    }

    /** Releases the reference on the Python thread. Idempotent. */
    void close() {
        if (closed.compareAndSet(false, true) && PythonRuntime.isStarted()) {
            PythonRuntime.get().post(object::close);
        }
    }
}
