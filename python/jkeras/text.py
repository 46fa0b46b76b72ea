"""Text for Keras: Java string tensors as NumPy string arrays, and the preprocessing layers' adapt.

A ``jkeras.tensor.StringTensor`` keeps strings in Arrow's large-utf8 layout (int64 offsets and
UTF-8 bytes). NumPy has no string type that can sit over foreign memory, so it arrives as an object
array of ``str`` (a copy, as every NumPy string array is), shaped as the Java tensor.
"""
import numpy as np

from jkeras import convert, java


def strings_from_java(strings):
    """A Java StringTensor as a NumPy object array of str (runs on the jkeras-python thread)."""
    bridge = java.java_class("jkeras.tensor.StringBridge")
    shape = tuple(int(d) for d in bridge.shape(strings))
    offsets = np.asarray(convert.from_java(bridge.offsets(strings)))
    text = np.asarray(convert.from_java(bridge.text(strings)))
    return decode(offsets, text, shape)


def decode(offsets, text, shape):
    """Arrow's large-utf8 layout (int64 ``offsets``, one more than the strings; ``text``, the UTF-8
    bytes they point into) as an object array of str shaped ``shape``: a copy."""
    count = int(np.prod(shape, dtype=np.int64))
    out = np.empty(count, dtype=object)
    if count:
        raw = memoryview(text).cast("B") if len(text) else b""
        bounds = offsets[: count + 1].tolist()
        for i in range(count):
            out[i] = str(raw[bounds[i] : bounds[i + 1]], "utf-8")
    return out.reshape(shape)


def adapt(layer, data, batch_size, steps):
    """``layer.adapt(data)`` for the preprocessing layers that learn state from data
    (TextVectorization, StringLookup, IntegerLookup, Normalization, Discretization). ``data`` is an
    array, a tf.data.Dataset handle, or the adapter of a Java data source (its inputs are used)."""
    if not callable(getattr(layer, "adapt", None)):
        raise TypeError(f"adapt(data): {type(layer).__name__} has no adapt(); the preprocessing layers that learn from data"
                        " (TextVectorization, StringLookup, IntegerLookup, Normalization, Discretization) have it")
    from jkeras import data as java_data

    if isinstance(data, java_data.feed_class()):
        dataset = data.get_tf_dataset()
        data = dataset.map(lambda *parts: parts[0][0] if isinstance(parts[0], tuple) else parts[0])
    options = {"batch_size": batch_size, "steps": steps}
    # Lookup layers' adapt takes steps but no batch_size: pass only what the caller set.
    layer.adapt(data, **{name: value for name, value in options.items() if value is not None})


def vocabulary(layer):
    """The layer's vocabulary as a list of str or int (lookup layers and TextVectorization)."""
    if not callable(getattr(layer, "get_vocabulary", None)):
        raise TypeError(f"getVocabulary(): {type(layer).__name__} has no vocabulary")
    return [v.decode("utf-8") if isinstance(v, bytes) else (v.item() if hasattr(v, "item") else v) for v in layer.get_vocabulary()]


def set_vocabulary(layer, values):
    if not callable(getattr(layer, "set_vocabulary", None)):
        raise TypeError(f"setVocabulary(vocabulary): {type(layer).__name__} has no vocabulary")
    layer.set_vocabulary(list(values))
