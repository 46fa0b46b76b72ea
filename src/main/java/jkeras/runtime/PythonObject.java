package jkeras.runtime;

import jkeras.internal.PyHandle;
import jkeras.internal.PyRef;
import jkeras.internal.PythonFunctions;
import jkeras.internal.PythonRuntime;

/**
 * A handle to a Python object that Java holds: a model, a layer, an optimizer. It can be passed back
 * into Keras calls. Close it ({@link #close()}, or try-with-resources) to let Python free the object
 * now; one nobody closes is released after it becomes garbage. Typed handles over the same object
 * (made by jkeras from one another) share the reference: closing one closes them all.
 */
public class PythonObject extends PyHandle {
    /** A handle over a reference a call returned (jkeras' own use). */
    protected PythonObject(PyRef ref) {
        super(ref);
    }

    /** A typed handle (a Layer, an Optimizer…) over the same reference as {@code handle}. */
    protected PythonObject(PythonObject handle) {
        super(handle);
    }

    /** A plain handle over a call's result, which must be a Python object (jkeras' own use). */
    public static PythonObject wrap(Object callResult) {
        return callResult instanceof PythonObject handle ? handle : new PythonObject(PyRef.of(callResult));
    }

    /**
     * Calls the Python class or function at {@code pythonPath} (e.g. {@code "keras.layers.Dense"},
     * or {@code "my_package.MyLayer"} for a custom one importable from Python's path) with the
     * keyword arguments {@code args}, and returns the object it made. With {@code kind} (a Python
     * base class such as {@code "keras.callbacks.Callback"}), the path is checked to name such a
     * class (or a function Keras exports beside them) before anything is called.
     */
    public static PythonObject construct(String pythonPath, KwArgs<?> args, String kind) {
        return wrap(PythonRuntime.get().call(PythonFunctions.OBJECTS_CONSTRUCT, pythonPath, args.toMap(), kind));
    }

    /** {@link #construct(String, KwArgs, String)} with no kind: any class or function (the escape hatch). */
    public static PythonObject construct(String pythonPath, KwArgs<?> args) {
        return construct(pythonPath, args, null);
    }

    /** Calls {@code jkeras.objects}' {@code function} on this object: small helper for typed handles. */
    protected final Object callOnSelf(String function, Object... args) {
        Object[] all = new Object[args.length + 1];
        all[0] = this;
        System.arraycopy(args, 0, all, 1, args.length);
        return PythonRuntime.get().call(function, all);
    }

    /**
     * Calls the Python method {@code name} of this object with positional arguments, converted as
     * every call's are; the generic path for methods jkeras has no typed wrapper for.
     */
    public Object callMethod(String name, Object... args) {
        return handles(callOnSelf(PythonFunctions.OBJECTS_CALL_METHOD, name, java.util.Arrays.asList(args), java.util.Map.of()));
    }

    /**
     * The Python attribute {@code name} of this object: numbers, strings, booleans, lists and maps
     * as Java values, arrays as tensors, and any other Python object as a {@link PythonObject}
     * handle (close it when done).
     */
    public Object getAttribute(String name) {
        return handles(callOnSelf(PythonFunctions.OBJECTS_GET_ATTRIBUTE, name));
    }

    /**
     * A result of the generic path as the caller may use it on any thread: a raw Python object
     * (bound to the Python thread) becomes a handle, inside lists and maps too.
     */
    private static Object handles(Object result) {
        if (result instanceof jep.python.PyObject) {
            return wrap(result);
        }
        if (result instanceof java.util.List<?> list) {
            java.util.List<Object> out = new java.util.ArrayList<>(list.size());
            for (Object item : list) {
                out.add(handles(item));
            }
            return out;
        }
        if (result instanceof java.util.Map<?, ?> map) {
            java.util.Map<Object, Object> out = new java.util.LinkedHashMap<>();
            for (java.util.Map.Entry<?, ?> entry : map.entrySet()) {
                out.put(entry.getKey(), handles(entry.getValue()));
            }
            return out;
        }
        return result;
    }

    /** Sets the Python attribute {@code name} of this object (a public name) to {@code value}, converted as arguments are. */
    public void setAttribute(String name, Object value) {
        callOnSelf(PythonFunctions.OBJECTS_SET_ATTRIBUTE, name, value);
    }

    /** Python's {@code repr()} of the object. */
    @Override
    public String toString() {
        if (isClosed()) {
            return handleName() + " (closed)";
        }
        return String.valueOf(PythonRuntime.get().call(PythonFunctions.OBJECTS_DESCRIBE, this));
    }
}
