"""Keras layers, models, losses and metrics whose code is Java (the Java package jkeras.extending).

Each Java base class is backed here by a real Keras subclass (``JavaLayer``, ``JavaModel``,
``JavaLoss``, ``JavaMetric``, and the function forms ``JavaLossFunction``, ``JavaMetricFunction``)
whose methods call the Java object through its dispatch (a Java object Jep hands over) on this
thread, the one Python thread. Under tensorflow and jax Keras calls them while it traces
(``tf.function``, ``jax.jit``): Java runs once per trace and the traced graph runs every step.

How values cross:

* Tensors go to Java in a ``convert.Handle`` (``ops.handles``): Java wraps them as KerasTensor handles.
* Java hands its result back by calling ``deliver(value)`` (through the bridge, so handles become
  their Python objects and Java tensors NumPy arrays) before its method returns; ``run_java`` reads
  it. Nested Java calls (a Java layer inside a Java model) each have their own frame.
* A Java exception comes back as the Python exception Jep raises for it, and reaches the Java caller
  as itself (``jkeras.errors``). A Python error that went through Java on its way (a Keras op
  refusing a shape inside a Java ``call``) is raised again here as the Python error it was, so that
  Keras names the layer in its message as it does for Python layers.

Saving: every Java class shows under its own name (a Python subclass made per Java class) but is
registered with Keras under one name per kind (``jkeras>JavaLayer``…); its config holds the name
the Java class is registered under (``java_class``) and what its ``getConfig`` put (``java_config``).
Loading asks Java for the class by that name.

Train and test steps written in Java are in ``jkeras.extending_steps``.
"""
import builtins
import json

import keras
from keras.src.saving import object_registration

from jkeras import convert, errors, java

# jkeras.runtime imports this module at start-up (so that a new JVM can load models holding Java
# objects): the ops, which need the generator's tables, are imported when first used.
_ops = None


def _op_module():
    global _ops
    if _ops is None:
        from jkeras import ops

        _ops = ops
    return _ops


def tensor_handles(value):
    """Tensors (but KerasTensors) wrapped for Java (``ops.handles``), lists and dicts walked."""
    return _op_module().handles(value)


# ------------------------------------------------------------------------------ calling Java

_frames = []  # one per Java method running: what it delivered


def deliver(value):
    """Java's result for the innermost Java method running (called by Java through the bridge)."""
    if not _frames:
        raise RuntimeError("deliver() outside a Java method called from Python")
    _frames[-1] = value


def run_java(method, *args):
    """Calls a Java dispatch method and returns what it delivered (None if nothing)."""
    _frames.append(None)
    failure = None
    try:
        method(*args)
        return _frames[-1]
    except Exception as error:  # noqa: BLE001 - sorted below: Java's own errors pass unchanged
        failure = _python_error_through_java(error)
        if failure is None:
            raise
    finally:
        _frames.pop()
    # Raised outside the except block: no context chain leads back to the Java exception, so the
    # error is the Python error it was, and Keras adds the layer's name to it.
    raise failure


def _python_error_through_java(error):
    """For a Python error that crossed Java (a PythonException), the Python exception to raise again; else None."""
    throwable = errors.java_throwable(error)
    if throwable is None or not isinstance(throwable, java.java_class("jkeras.runtime.PythonException")):
        return None
    type_name = str(throwable.pythonType())
    message = str(throwable.pythonMessage())
    where = java.java_class("jkeras.extending.JavaFrames").userFrame(throwable)
    if where is not None:
        message += f"\n(in Java: at {where})"
    cls = getattr(builtins, type_name, None)
    if not (isinstance(cls, type) and issubclass(cls, Exception)):
        cls, message = RuntimeError, f"{type_name}: {message}"
    try:
        failure = cls(message)
    except Exception:  # noqa: BLE001 - an exception type with an unusual constructor
        failure = RuntimeError(f"{type_name}: {message}")
    if message.startswith("Exception encountered when calling"):
        failure._keras_call_info_injected = True  # an inner layer already named itself
    return failure


def _shape_to_java(shape):
    """A Keras shape (tuple, list of tuples, dict) as nested lists Java reads as Shapes."""
    if isinstance(shape, dict):
        return {k: _shape_to_java(v) for k, v in shape.items()}
    if isinstance(shape, (list, tuple)):
        if all(d is None or isinstance(d, int) for d in shape):
            return [None if d is None else int(d) for d in shape]
        return [_shape_to_java(s) for s in shape]
    return shape


def _shape_from_java(shape):
    if isinstance(shape, list) and all(d is None or isinstance(d, int) for d in shape):
        return tuple(shape)
    if isinstance(shape, list):
        return [_shape_from_java(s) for s in shape]
    return shape


# ------------------------------------------------------------------------------ shells and names

# The Python class shown for each Java class: a subclass of the kind's class, named like the Java class.
_display_classes = {}


def _display_class(base, java_name, simple_name):
    key = (base, java_name)
    cls = _display_classes.get(key)
    if cls is None:
        cls = type(simple_name, (base,), {"__module__": __name__, "__qualname__": simple_name})
        # Saved under the kind's registered name: loading goes through the kind's from_config,
        # which asks Java for the class, whether or not this JVM has seen it yet.
        object_registration.GLOBAL_CUSTOM_NAMES[cls] = object_registration.get_registered_name(base)
        _display_classes[key] = cls
    return cls


def _kind(kind):
    return {"layer": JavaLayer, "model": JavaModel, "loss": JavaLoss, "metric": JavaMetric}[kind]


def new_shell(kind, kwargs):
    """An instance of the kind's class without its Java object yet (a Java constructor's first step)."""
    kwargs = dict(kwargs)
    input_shape = kwargs.pop("input_shape", None)
    shell = _kind(kind)(**kwargs)
    if input_shape is not None:
        shell._jkeras_input_shape = tuple(input_shape)  # a Sequential starts with an Input of this shape
    shell._jkeras_auto_name = "name" not in kwargs
    return shell


def attach(shell, dispatch, java_name, simple_name, overrides):
    """Gives a shell its Java object, the class name of the Java class, and what Java overrides."""
    base = type(shell)
    object.__setattr__(shell, "_java", dispatch)
    object.__setattr__(shell, "_java_name", java_name)
    object.__setattr__(shell, "_java_overrides", frozenset(overrides))
    shell.__class__ = _display_class(base, java_name, simple_name)
    if getattr(shell, "_jkeras_auto_name", False):
        from keras.src.utils.naming import auto_name

        shell.name = auto_name(simple_name)  # "residual_dense", as Keras names a Python class's layers
    if isinstance(shell, keras.layers.Layer) and "computeOutputShape" in overrides:
        # Keras asks compute_output_shape only when a layer defines it; otherwise it traces call.
        object.__setattr__(shell, "compute_output_shape", shell._java_compute_output_shape)
    return None


def java_object(shell):
    """The Java object behind a shell (for Java: the instance of the user's class)."""
    dispatch = getattr(shell, "_java", None)
    return None if dispatch is None else dispatch.owner()


def _tracked_by_keras(value):
    from keras.src.random.seed_generator import SeedGenerator

    if isinstance(value, (list, tuple)):
        return all(_tracked_by_keras(v) for v in value)
    if isinstance(value, dict):
        return all(_tracked_by_keras(v) for v in value.values())
    return isinstance(value, (keras.layers.Layer, keras.metrics.Metric, SeedGenerator))


def track(shell, named):
    """Assigns what the Java object's fields hold (layers, metrics, seed generators) as attributes
    named after the fields, so Keras tracks them as it tracks a Python layer's attributes."""
    for name, value in named:
        attribute = f"java_{name}"
        if _tracked_by_keras(value) and getattr(shell, attribute, None) is not value:
            setattr(shell, attribute, value)


def add_loss(layer, loss):
    layer.add_loss(loss)


def build_by_run(layer, input_shape):
    """What Keras does for a layer without its own build: runs call on symbolic inputs."""
    from keras.src import tree
    from keras.src.layers.layer import might_have_unbuilt_state

    if might_have_unbuilt_state(layer):
        inputs = tree.map_shape_structure(lambda s: keras.KerasTensor(s), _shape_from_java(input_shape))
        keras.src.backend.compute_output_spec(layer.call, inputs)


def add_weight(layer, name, shape, kwargs):
    return convert.Handle(layer.add_weight(shape=tuple(shape), name=name, **kwargs))


def add_variable(metric, name, shape, kwargs):
    return convert.Handle(metric.add_variable(shape=tuple(shape), name=name, **kwargs))


def weight_of(layer, name):
    """The weight of ``layer`` whose name (or path's last part) is ``name``."""
    if not layer.built:
        raise ValueError(f"layer {layer.name!r} is not built yet: it has no weights")
    for variable in layer.weights:
        if variable.name == name or variable.path.rsplit("/", 1)[-1] == name:
            return convert.Handle(variable)
    raise ValueError(f"layer {layer.name!r} has no weight named {name!r}; it has {[v.name for v in layer.weights]}")


def assign(variable, value, how):
    """variable.assign / assign_add / assign_sub, returning nothing (the result would cross for nothing)."""
    getattr(variable, {"set": "assign", "add": "assign_add", "sub": "assign_sub"}[how])(value)


def variable_info(variable):
    return {
        "name": variable.name,
        "path": variable.path,
        "shape": [None if d is None else int(d) for d in variable.shape],
        "dtype": keras.backend.standardize_dtype(variable.dtype),
        "trainable": bool(variable.trainable),
    }


def variable_value(variable):
    import numpy as np

    return np.asarray(keras.ops.convert_to_numpy(variable))  # a scalar too: a 0-d array, a tensor in Java


def call_layer(layer, inputs, training):
    """layer(inputs[, training]) for Java code. On tensor handles (inside a call or step) the result
    comes back as handles; on Java's own tensors (NumPy arrays) the layer runs at once and the
    result comes back as NumPy, a Tensor in Java, as the eager ops do."""
    result = layer(inputs) if training is None else layer(inputs, training=training)
    ops = _op_module()
    symbolic = any(ops.is_handle(v) for v in keras.tree.flatten(inputs))
    return tensor_handles(result if symbolic else ops.to_numpy(result))


# ------------------------------------------------------------------------------ config

_SERIALIZED_KEYS = {"module", "class_name", "config", "registered_name"}


def _json_ready(value, where):
    """Java's config with Keras objects serialized; anything JSON cannot hold is an error naming it."""
    if isinstance(value, dict):
        return {str(k): _json_ready(v, f"{where}.{k}") for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_ready(v, f"{where}[{i}]") for i, v in enumerate(value)]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if hasattr(value, "get_config"):
        return keras.saving.serialize_keras_object(value)
    raise TypeError(f"{where} holds {value!r} ({type(value).__name__}), which a saved model cannot hold")


def java_config(shell):
    """The entries a Java object adds to its Keras config."""
    config = run_java(shell._java.getConfig) or {}
    config = _json_ready(config, f"getConfig() of {type(shell).__name__}")
    json.dumps(config)  # fails here, at save time, not half-way through writing a file
    return {"java_class": shell._java_name, "java_config": config}


def deserialize(config):
    """A Keras object serialized in a Java config (an initializer, a layer…)."""
    return keras.saving.deserialize_keras_object(config)


def _from_java_config(config, base_keys):
    """The shell of a Java object made from a saved config: Java makes the object, the base
    arguments (name, trainable, dtype…) are set as they were saved."""
    config = dict(config)
    java_name = config.pop("java_class", None)
    if java_name is None:
        raise ValueError(f"not the config of a Java object (no 'java_class'): {config!r}")
    java_config = config.pop("java_config", None) or {}
    registry = java.java_class("jkeras.extending.CustomObjects")
    shell = run_java(registry.instantiateForPython, java_name, json.dumps(java_config))
    for key in base_keys:
        if key in config:
            _set_base(shell, key, config[key])
    return shell


def _set_base(shell, key, value):
    if key == "dtype":
        from keras.src import dtype_policies

        if isinstance(shell, keras.layers.Layer):
            shell.dtype_policy = dtype_policies.get(value)
    elif key == "name":
        shell.name = value
    elif key == "trainable":
        shell.trainable = value
    elif key == "reduction":
        shell.reduction = value


# ------------------------------------------------------------------------------ the Keras classes


@keras.saving.register_keras_serializable(package="jkeras")
class JavaLayer(keras.layers.Layer):
    """A Keras layer whose build, call, compute_output_shape and get_config are a Java object's."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)

    def build(self, input_shape):
        run_java(self._java.build, _shape_to_java(input_shape))

    def call(self, inputs, training=None, mask=None):
        return run_java(self._java.call, tensor_handles(inputs), training, tensor_handles(mask))

    def _java_compute_output_shape(self, input_shape):
        return _shape_from_java(run_java(self._java.computeOutputShape, _shape_to_java(input_shape)))

    def get_config(self):
        config = super().get_config()
        config.update(java_config(self))
        return config

    @classmethod
    def from_config(cls, config):
        return _from_java_config(config, ("name", "trainable", "dtype"))


@keras.saving.register_keras_serializable(package="jkeras")
class JavaModel(keras.Model):
    """A subclassed Keras model whose call, and train_step/test_step when Java overrides them, are Java's."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)

    def build(self, input_shape):
        run_java(self._java.build, _shape_to_java(input_shape))

    def call(self, inputs, training=None, mask=None):
        return run_java(self._java.call, tensor_handles(inputs), training, tensor_handles(mask))

    def train_step(self, *args):
        if "trainStep" not in self._java_overrides:
            return super().train_step(*args)
        from jkeras import extending_steps

        return extending_steps.java_step(self, "train", args)

    def test_step(self, *args):
        if "testStep" not in self._java_overrides:
            return super().test_step(*args)
        from jkeras import extending_steps

        return extending_steps.java_step(self, "test", args)

    def get_config(self):
        config = {"name": self.name, "trainable": self.trainable}
        config.update(java_config(self))
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        return _from_java_config(config, ("name", "trainable"))


@keras.saving.register_keras_serializable(package="jkeras")
class JavaLoss(keras.losses.Loss):
    """A Keras loss whose call (per-sample losses, before Keras' reduction) is a Java object's."""

    def call(self, y_true, y_pred):
        return run_java(self._java.call, tensor_handles(y_true), tensor_handles(y_pred))

    def get_config(self):
        config = super().get_config()
        config.update(java_config(self))
        return config

    @classmethod
    def from_config(cls, config):
        return _from_java_config(config, ("name", "reduction"))


@keras.saving.register_keras_serializable(package="jkeras")
class JavaMetric(keras.metrics.Metric):
    """A stateful Keras metric whose update_state, result and reset_state are a Java object's."""

    def update_state(self, y_true, y_pred, sample_weight=None):
        run_java(self._java.updateState, tensor_handles(y_true), tensor_handles(y_pred), tensor_handles(sample_weight))

    def result(self):
        return run_java(self._java.result)

    def reset_state(self):
        if "resetState" in self._java_overrides:
            run_java(self._java.resetState)
        else:
            super().reset_state()

    def get_config(self):
        config = super().get_config()
        config.update(java_config(self))
        return config

    @classmethod
    def from_config(cls, config):
        return _from_java_config(config, ("name",))


def _registered_function(name):
    return java.java_class("jkeras.extending.CustomObjects").functionForPython(name)


@keras.saving.register_keras_serializable(package="jkeras")
class JavaLossFunction(keras.losses.Loss):
    """A Keras loss made of a Java function (yTrue, yPred) -> per-sample losses, saved by its registered name."""

    def __init__(self, function, name=None, reduction="sum_over_batch_size", dtype=None):
        super().__init__(name=name or function, reduction=reduction, dtype=dtype)
        self.function = function
        self._java = _registered_function(function)

    def call(self, y_true, y_pred):
        return run_java(self._java.call, tensor_handles(y_true), tensor_handles(y_pred))

    def get_config(self):
        config = super().get_config()
        config["function"] = self.function
        return config


@keras.saving.register_keras_serializable(package="jkeras")
class JavaMetricFunction(keras.metrics.MeanMetricWrapper):
    """The mean over samples of a Java function (yTrue, yPred) -> per-sample values, saved by its registered name."""

    def __init__(self, function, name=None, dtype=None):
        java_function = _registered_function(function)
        super().__init__(fn=lambda y_true, y_pred: run_java(java_function.call, tensor_handles(y_true), tensor_handles(y_pred)),
                         name=name or function, dtype=dtype)
        self.function = function

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype, "function": self.function}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def loss_function(function, kwargs):
    return JavaLossFunction(function, **kwargs)


def metric_function(function, kwargs):
    return JavaMetricFunction(function, **kwargs)
