package jkeras.runtime;

import jep.python.PyObject;

/**
 * A handle to a Python object that Java holds: a model, a layer, an optimizer. It can only be passed
 * back into Python calls; the object lives while Java holds the handle (Jep releases it after the
 * handle is garbage collected).
 */
public class PythonObject {
    private final PyObject ref;

    public PythonObject(PyObject ref) {
        if (ref == null) {
            throw new NullPointerException("ref");
        }
        this.ref = ref;
    }

    /** A typed handle (a Layer, an Optimizer…) to the same object as {@code handle}. */
    protected PythonObject(PythonObject handle) {
        this(handle.ref);
    }

    /**
     * Calls the Python class or function at {@code pythonPath} (e.g. {@code "keras.layers.Dense"},
     * or {@code "my_package.MyLayer"} for a custom one importable from Python's path) with the
     * keyword arguments {@code args}, and returns the object it made.
     */
    public static PythonObject construct(String pythonPath, KwArgs<?> args) {
        return of(PythonRuntime.get().call("jkeras.objects:construct", pythonPath, args.toMap()));
    }

    /** Calls {@code jkeras.objects}' {@code function} on this object: small helper for typed handles. */
    protected final Object callOnSelf(String function, Object... args) {
        Object[] all = new Object[args.length + 1];
        all[0] = this;
        System.arraycopy(args, 0, all, 1, args.length);
        return PythonRuntime.get().call(function, all);
    }
    /** Wraps a call's result, which must be a Python object. */
    public static PythonObject of(Object callResult) {
        if (callResult instanceof PythonObject handle) {
            return handle;
        }
        if (callResult instanceof PyObject ref) {
            return new PythonObject(ref);
        }
        throw new IllegalStateException("expected a Python object, got "
                + (callResult == null ? "None" : callResult.getClass().getName()));
    }

    /** The Jep reference; touched only on the Python thread (the runtime passes it as an argument). */
    PyObject ref() {
        return ref;
    }

    /** Python's {@code repr()} of the object. */
    @Override
    public String toString() {
        return String.valueOf(PythonRuntime.get().call("jkeras.objects:describe", this));
    }
}
