"""What the Java tests of the generated ops compare with: NumPy's own functions, and a traced
function whose body is Java (as a Java layer's ``call`` will be)."""
import numpy as np

# NumPy's functions the tests name, looked up in this fixed table (a name is data, never code).
_NUMPY = {
    name: getattr(np, name)
    for name in ("add", "matmul", "sum", "mean", "exp", "sqrt", "transpose", "reshape", "concatenate",
                 "argmax", "where", "maximum", "einsum", "meshgrid", "sort", "clip", "stack")
}


def numpy(name, args, kwargs):
    """``numpy.<name>(*args, **kwargs)`` as an array (a scalar too): the result an op must equal."""
    return np.asarray(_NUMPY[name](*args, **kwargs))


_kept = []


def keep(value):
    """Java hands its result (a handle) back here from inside a traced function."""
    _kept.append(value)


def trace_with_java(java_function, array):
    """Runs ``tf.function(lambda x: <Java>)`` on ``array``: Java receives the symbolic tf.Tensor the
    trace made, calls ops on it and passes the result to ``keep``. Returns the traced function's
    value and the Python type names Java saw and gave back."""
    import tensorflow as tf

    seen = {}

    @tf.function
    def traced(x):
        _kept.clear()
        seen["input"] = type(x).__name__
        java_function.accept(x)
        result = _kept[-1]  # the bridge gave the tensor itself, out of its Handle
        seen["output"] = type(result).__name__
        return result

    value = traced(tf.constant(array)).numpy()
    return [value, seen["input"], seen["output"]]
