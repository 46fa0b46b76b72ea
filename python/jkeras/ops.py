"""keras.ops, keras.ops.image and keras.random for Java: one function calls any of them by name.

The generated Java methods (``opAdd``, ``opImageResize``, ``randomNormal``…) all come here through
``call("keras.ops.add", kwargs, *args)``. The name is looked up in a fixed table: the functions that
``jkeras.introspect`` lists for the three families, the same list the generator wrapped. Nothing is
evaluated.

What comes back depends on what went in:

* **Symbolic**: an argument is a Python tensor Java holds a handle to (a KerasTensor of the
  functional API, a backend tensor or a Keras variable; inside a layer's ``call`` while Keras traces
  it, a ``tf.function``/``jax.jit`` tracer). The result is returned as it is: Java gets handles.
* **Eager**: every argument is a Java value (tensors arrive as NumPy arrays over Java's memory,
  numbers, strings, lists). The op runs at once and every concrete backend tensor in the result is
  converted to NumPy, which crosses back to Java as a tensor over NumPy's memory. A result that is
  symbolic even so (``ones((2,))`` while a ``tf.function`` is being traced) stays a handle.

Tuples of results become lists (the bridge's conversion), Python scalars stay scalars. A tensor
returned as a handle, other than a KerasTensor, goes in a ``convert.Handle``: Jep would copy an
eager TensorFlow tensor (it has the buffer protocol) into a Java array; the bridge unwraps it when
Java passes it back.
"""
import importlib

import numpy as np

from jkeras import convert, introspect

FAMILIES = ("ops", "ops_image", "random")

_table = None


def functions():
    """{Python path: function} of every op Java may call (built once)."""
    global _table
    if _table is None:
        table = {}
        for family in FAMILIES:
            for entry in introspect.public_api(family)["generated"]:
                module_name, _, name = entry["path"].rpartition(".")
                table[entry["path"]] = getattr(importlib.import_module(module_name), name)
        _table = table
    return _table


def call(path, kwargs, *args):
    """Calls the op at ``path`` (``"keras.ops.add"``) with positional ``args`` and the keyword
    arguments ``kwargs`` (a dict, or None for none)."""
    kwargs = kwargs or {}
    function = functions().get(path)
    if function is None:
        raise ValueError(f"not an op jkeras wraps: {path!r}; the ops are those of keras.ops, "
                         "keras.ops.image and keras.random listed in jkeras/generated-api.json")
    result = function(*args, **kwargs)
    symbolic = any(is_handle(a) for a in _leaves(args)) or any(is_handle(v) for v in _leaves(kwargs.values()))
    return handles(result if symbolic else to_numpy(result))


def _leaves(values):
    for value in values:
        if isinstance(value, (list, tuple)):
            yield from _leaves(value)
        elif isinstance(value, dict):
            yield from _leaves(value.values())
        else:
            yield value


def is_handle(value):
    """Whether ``value`` is a tensor living in Python (not a NumPy array lent by Java, not a number)."""
    if value is None or isinstance(value, (bool, int, float, complex, str, bytes, np.ndarray, np.generic)):
        return False
    import keras

    return isinstance(value, (keras.KerasTensor, keras.Variable)) or keras.ops.is_tensor(value)


def is_symbolic(value):
    """Whether ``value`` is a tensor without a value yet: a KerasTensor, or one being traced."""
    import keras

    if isinstance(value, keras.KerasTensor):
        return True
    backend = keras.backend.backend()
    if backend == "tensorflow":
        import tensorflow as tf

        return tf.is_tensor(value) and tf.is_symbolic_tensor(value)
    if backend == "jax":
        import jax

        return isinstance(value, jax.core.Tracer)
    return False


def to_numpy(result):
    """The result with every concrete backend tensor in it converted to NumPy; the rest as it is."""
    if isinstance(result, (list, tuple)):
        return [to_numpy(r) for r in result]
    if isinstance(result, dict):
        return {k: to_numpy(v) for k, v in result.items()}
    if isinstance(result, np.generic):
        return np.asarray(result)  # a 0-d tensor in Java, as the backends' own scalars are
    if is_handle(result) and not is_symbolic(result):
        import keras

        return keras.ops.convert_to_numpy(result)
    return result


def handles(result):
    """The result with every tensor but a KerasTensor in a Handle (lists, tuples and dicts walked)."""
    if isinstance(result, (list, tuple)):
        return [handles(r) for r in result]
    if isinstance(result, dict):
        return {k: handles(v) for k, v in result.items()}
    if is_handle(result):
        import keras

        if not isinstance(result, keras.KerasTensor):
            return convert.Handle(result)
    return result
