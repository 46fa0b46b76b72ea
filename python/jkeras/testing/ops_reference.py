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
    """Traces a function whose body is Java (``tf.function`` on tensorflow, ``jax.jit`` on jax) and
    runs it on ``array``: Java receives the symbolic tensor the trace made, calls ops on it and
    passes the result to ``keep``. Returns [the value, whether Java was given a symbolic tensor,
    whether Java's ops gave one back]."""
    import keras

    from jkeras import ops

    seen = {}

    def body(x):
        _kept.clear()
        seen["input"] = ops.is_symbolic(x)
        java_function.accept(x)
        result = _kept[-1]  # the bridge gave the tensor itself, out of its Handle
        seen["output"] = ops.is_symbolic(result)
        return result

    if keras.backend.backend() == "tensorflow":
        import tensorflow as tf

        value = tf.function(body)(tf.constant(array)).numpy()
    elif keras.backend.backend() == "jax":
        import jax
        import jax.numpy as jnp

        value = np.asarray(jax.jit(body)(jnp.asarray(array)))
    else:
        raise ValueError(f"no tracing on the {keras.backend.backend()} backend")
    return [value, seen["input"], seen["output"]]
