"""Layers for the Java side: making them, applying them to symbolic tensors, describing them."""
from jkeras import objects

# Keras' Sequential accepts an input shape on its first layer only through a deprecated path that
# warns; jkeras keeps it aside and adds a proper keras.Input when the layer starts a Sequential.
_INPUT_SHAPE_ARGS = ("input_shape", "input_dim", "batch_input_shape")


def create(class_path, kwargs):
    if not isinstance(class_path, str) or not class_path:
        raise TypeError(f"layer(pythonClass, ...): expected a class name such as 'Dense'; received {class_path!r}")
    if "." not in class_path:
        class_path = "keras.layers." + class_path
    cls = objects.resolve(class_path)
    import keras

    if not (isinstance(cls, type) and issubclass(cls, keras.layers.Layer)):
        raise TypeError(f"{class_path} is not a Keras layer class; received {cls!r}")
    shape = _take_input_shape(kwargs, _own_keywords(cls))
    layer = cls(**kwargs)
    if shape is not None:
        layer._jkeras_input_shape = shape
    return layer


def _own_keywords(cls):
    """Keywords the class's own __init__ names: Embedding's input_dim is its vocabulary size, not a shape."""
    import inspect

    try:
        return set(inspect.signature(cls.__init__).parameters)
    except (TypeError, ValueError):
        return set()


def _take_input_shape(kwargs, own=frozenset()):
    shape = None if "input_shape" in own else kwargs.pop("input_shape", None)
    input_dim = None if "input_dim" in own else kwargs.pop("input_dim", None)
    batch_shape = None if "batch_input_shape" in own else kwargs.pop("batch_input_shape", None)
    if input_dim is not None:
        shape = (input_dim,)
    if batch_shape is not None:
        shape = tuple(batch_shape)[1:]
    return None if shape is None else tuple(shape) if isinstance(shape, (list, tuple)) else (shape,)


def input_shape_of(layer):
    return getattr(layer, "_jkeras_input_shape", None)


def apply(layer, inputs):
    return layer(inputs[0] if len(inputs) == 1 else list(inputs))


def class_name(layer):
    return type(layer).__name__


def count_params(layer):
    return int(layer.count_params()) if layer.built else 0


def describe(layer):
    try:
        shape = list(layer.output.shape)
    except (AttributeError, ValueError):
        # A Sequential model never called has no .output but knows its outputs once built.
        outputs = getattr(layer, "outputs", None) if layer.built else None
        shape = list(outputs[0].shape) if outputs else None
    return {
        "name": layer.name,
        "class_name": type(layer).__name__,
        "output_shape": shape,
        "params": int(layer.count_params()) if layer.built else 0,
        "trainable": bool(layer.trainable),
        "built": bool(layer.built),
    }








def tensor_shape(tensor):
    return list(tensor.shape)


def tensor_dtype(tensor):
    import keras

    return keras.backend.standardize_dtype(tensor.dtype)
