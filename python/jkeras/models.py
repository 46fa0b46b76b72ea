"""Models for the Java side: Sequential and functional construction, compile, inspection."""
import keras

from jkeras import layers as jlayers
from jkeras import objects


def typed(obj):
    """[kind, obj]: what Java needs to give a layer or model handle its Java type, in the same trip."""
    if isinstance(obj, keras.Sequential):
        return ["sequential", obj]
    if isinstance(obj, keras.Model):
        return ["model", obj]
    if isinstance(obj, keras.layers.Layer):
        return ["layer", obj]
    return [type(obj).__name__, obj]


def sequential(kwargs):
    input_shape = kwargs.pop("input_shape", None)
    model = keras.Sequential(**kwargs)
    if input_shape is not None:
        model.add(keras.Input(shape=tuple(input_shape)))
    return typed(model)


def sequential_add(model, layer):
    shape = jlayers.input_shape_of(layer)
    if shape is not None and not model.layers and not _has_input(model):
        model.add(keras.Input(shape=shape))
    model.add(layer)
    return None


def _has_input(model):
    return getattr(model, "_functional", None) is not None or any(
        isinstance(layer, keras.layers.InputLayer) for layer in model._layers
    )




def input(shape, kwargs):
    return keras.Input(shape=tuple(shape) if shape is not None else None, **kwargs)


def functional(inputs, outputs, kwargs):
    return typed(keras.Model(inputs=_one_or_list(inputs), outputs=_one_or_list(outputs), **kwargs))


def _one_or_list(items):
    return items[0] if len(items) == 1 else list(items)


# Metric names Keras resolves from the loss and the output shape, not from keras.metrics.
_CONTEXTUAL_METRICS = {"accuracy", "acc", "crossentropy", "ce"}


def compile(model, kwargs):
    """model.compile, with loss and metric names checked now: Keras would only find a misspelt
    one at the first training step."""
    _check_names(kwargs.get("loss"), keras.losses.get, "loss")
    for key in ("metrics", "weighted_metrics"):
        _check_names(kwargs.get(key), keras.metrics.get, "metric")
    model.compile(**kwargs)


def _check_names(spec, lookup, kind):
    if isinstance(spec, str):
        if kind == "metric" and spec in _CONTEXTUAL_METRICS:
            return
        try:
            lookup(spec)
        except ValueError as error:
            raise ValueError(f"unknown {kind} {spec!r}: {error}") from None
    elif isinstance(spec, (list, tuple)):
        for item in spec:
            _check_names(item, lookup, kind)
    elif isinstance(spec, dict):
        for item in spec.values():
            _check_names(item, lookup, kind)




def summary(model, kwargs):
    lines = []
    model.summary(print_fn=lambda text, **_: lines.append(text), **kwargs)
    return "\n".join(line.rstrip("\n") for line in lines)


def layers(model):
    return [typed(layer) for layer in model.layers]


def get_layer(model, name, index):
    if index is not None and not -len(model.layers) <= index < len(model.layers):
        # Keras says "list index out of range" for a negative one.
        raise ValueError(
            f"getLayer(index): the model has {len(model.layers)} layers (indices 0 to {len(model.layers) - 1}); received index={index}"
        )
    return typed(model.get_layer(name=name, index=index))








def from_json(text):
    import json

    try:
        json.loads(text)
    except ValueError as error:
        shown = text if len(text) <= 60 else text[:57] + "..."
        raise ValueError(f"modelFromJson(json): not JSON ({error}); received json={shown!r}") from None
    return typed(keras.models.model_from_json(text))


def from_config(model, config_text):
    import json

    return typed(type(model).from_config(json.loads(config_text)))



