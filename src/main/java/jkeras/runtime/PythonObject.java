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
