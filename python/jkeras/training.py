"""fit / evaluate / predict for the Java side, and the callbacks that connect training to Java."""
import keras
import numpy as np

from jkeras import java, runtime


class _JavaAttention(keras.callbacks.Callback):
    """Between batches, gives the Python thread to Java when Java asks for it.

    Java asks through one word of shared memory (``jkeras.runtime.control``), so the common case
    costs one memory read per batch and no call into Java. When it is set, one call into Java runs
    the calls other threads queued meanwhile (a prediction waits about one batch, not the whole fit)
    and says whether this loop must stop: its Java caller was interrupted, or the JVM is exiting.
    """

    def __init__(self):
        super().__init__()
        self.interrupted = False
        self._control = runtime.control
        self._java = java.java_class("jkeras.internal.PythonRuntime") if self._control is not None else None
        self._call = self._java.currentCall() if self._java is not None else None

    def _between_batches(self):
        if self._control is not None and self._control[0] and self._java.atBatchEnd(self._call):
            self.interrupted = True
            self.model.stop_training = True
            self.model.stop_evaluating = True
            self.model.stop_predicting = True

    def on_train_batch_end(self, batch, logs=None):
        self._between_batches()

    # An epoch's boundary has no batch end for a while (Keras computes the epoch's metrics, then makes
    # the next epoch's data iterator: 20 ms to a second on Fashion-MNIST): calls are served there too.
    def on_epoch_end(self, epoch, logs=None):
        self._between_batches()

    def on_train_batch_begin(self, batch, logs=None):
        if batch == 0:
            self._between_batches()

    def on_test_batch_end(self, batch, logs=None):
        self._between_batches()

    def on_predict_batch_end(self, batch, logs=None):
        self._between_batches()


class JavaCallback(keras.callbacks.Callback):
    """Forwards Keras' training events to a jkeras.callbacks.JavaCallbacks object (Java lambdas).

    Only the events Java asked for cross into Java: a batch hook costs a JNI call per batch.
    """

    _EVENTS = ("train_begin", "train_end", "epoch_begin", "epoch_end", "train_batch_begin", "train_batch_end")

    def __init__(self, listener):
        super().__init__()
        self._listener = listener
        self._wanted = {event for event in self._EVENTS if listener.wants(event)}

    def _send(self, event, index, logs):
        if event in self._wanted:
            values = {k: float(v) for k, v in (logs or {}).items() if np.ndim(v) == 0}
            if self._listener.handle(event, index, values):
                self.model.stop_training = True

    def on_train_begin(self, logs=None):
        self._send("train_begin", -1, logs)

    def on_train_end(self, logs=None):
        self._send("train_end", -1, logs)

    def on_epoch_begin(self, epoch, logs=None):
        self._send("epoch_begin", epoch, logs)

    def on_epoch_end(self, epoch, logs=None):
        self._send("epoch_end", epoch, logs)

    def on_train_batch_begin(self, batch, logs=None):
        self._send("train_batch_begin", batch, logs)

    def on_train_batch_end(self, batch, logs=None):
        self._send("train_batch_end", batch, logs)


def java_callback(listener):
    return JavaCallback(listener)


def _first(data):
    """The first array of ``data``: an array, or a list, tuple or dict of arrays (several inputs)."""
    if isinstance(data, dict):
        return next(iter(data.values()), None)
    if isinstance(data, (list, tuple)):
        return data[0] if data else None
    return data


def _rows(data):
    """Samples in ``data``, or None when it does not say (a dataset, a generator)."""
    shape = getattr(_first(data), "shape", None)
    return int(shape[0]) if shape is not None and len(shape) > 0 and shape[0] is not None else None


def _require_samples(method, x):
    """Keras fits and evaluates 0 samples silently (an empty history, an empty dict of metrics)."""
    if _rows(x) == 0:
        raise ValueError(f"{method}(x): x has 0 samples, so there is nothing to {method}; received x with shape {tuple(_first(x).shape)}")


def _check_input_shapes(method, model, x, argument="x"):
    """Arrays whose shape the model's inputs cannot take fail here, naming both shapes: Keras' own
    message depends on what it traced before ("Matrix size-incompatible: In[0]: [2,5], In[1]: [4,8]",
    "Cannot take the length of shape with unknown rank")."""
    try:
        inputs = model.inputs
    except (AttributeError, ValueError):
        return  # not built yet, or a subclassed model: Keras decides
    if not inputs or isinstance(x, dict):
        return
    arrays = list(x) if isinstance(x, (list, tuple)) else [x]
    if len(arrays) != len(inputs):
        return  # Keras names the count
    for position, (array, expected) in enumerate(zip(arrays, inputs)):
        shape = getattr(array, "shape", None)
        if shape is None or expected.shape is None or _fits(tuple(shape), tuple(expected.shape)):
            continue
        which = argument if len(inputs) == 1 else f"{argument}[{position}]"
        wanted = "(" + ", ".join("None" if d is None else str(d) for d in expected.shape) + (",)" if len(expected.shape) == 1 else ")")
        raise ValueError(
            f"{method}({which}): the model takes input of shape {wanted} (None: any size, the first axis is the samples); "
            f"received {which} with shape {tuple(shape)}"
        )


def _fits(shape, expected):
    # Keras adds or drops a trailing axis of size 1 to match the input's rank.
    if len(shape) == len(expected) - 1 and expected[-1] == 1:
        expected = expected[:-1]
    elif len(shape) == len(expected) + 1 and shape[-1] == 1:
        shape = shape[:-1]
    return len(shape) == len(expected) and all(e is None or e == d for d, e in zip(shape[1:], expected[1:]))


def _classes(model):
    """Number of classes the model's one output distinguishes (2 for one sigmoid unit), or None."""
    try:
        outputs = model.outputs
    except (AttributeError, ValueError):
        return None  # a Sequential model not built yet
    if not outputs or len(outputs) != 1 or not outputs[0].shape or outputs[0].shape[-1] is None:
        return None
    units = int(outputs[0].shape[-1])
    return 2 if units == 1 else units


def _check_class_weight(model, class_weight):
    """A weight for a class the model cannot predict is a mistake Keras ignores silently."""
    classes = _classes(model)
    if classes is None:
        return
    unknown = sorted(k for k in class_weight if not 0 <= k < classes)
    if unknown:
        raise ValueError(
            f"classWeight: class {unknown[0]} does not exist: the model's output has {classes} classes "
            f"(0 to {classes - 1}); received class_weight={class_weight}"
        )


def fit(model, x, y, kwargs):
    """model.fit(x, y, **kwargs) with Java's interrupt honoured; the History as plain data."""
    _require_samples("fit", x)
    _check_input_shapes("fit", model, x)
    epochs, initial_epoch = kwargs.get("epochs", 1), kwargs.get("initial_epoch", 0)
    if isinstance(epochs, int) and isinstance(initial_epoch, int) and initial_epoch > epochs:
        raise ValueError(
            f"initialEpoch is after epochs, so fit would train nothing (epochs is the epoch to stop at, "
            f"counted from 0, not a number of epochs to add); received initial_epoch={initial_epoch}, epochs={epochs}"
        )
    interrupt = _JavaAttention()
    kwargs["callbacks"] = list(kwargs.get("callbacks") or []) + [interrupt]
    if "validation_data" in kwargs and kwargs["validation_data"] is not None:
        kwargs["validation_data"] = tuple(kwargs["validation_data"])
        _check_input_shapes("fit", model, kwargs["validation_data"][0], "validationData x")
    if "class_weight" in kwargs and kwargs["class_weight"] is not None:
        kwargs["class_weight"] = {int(k): float(v) for k, v in kwargs["class_weight"].items()}
        _check_class_weight(model, kwargs["class_weight"])
    try:
        history = model.fit(x, y, **kwargs)
    finally:
        # Keras drops its iterator over the validation data only when fit succeeds: after a fit that
        # failed, the model would hold that data (Java tensors' memory) until its next fit.
        if getattr(model, "_eval_epoch_iterator", None) is not None:
            model._eval_epoch_iterator = None
    return {
        "history": {name: [float(v) for v in values] for name, values in history.history.items()},
        "epochs": [int(e) for e in history.epoch],
        "params": {k: v for k, v in history.params.items() if isinstance(v, (int, float, str, bool))},
        "interrupted": interrupt.interrupted,
    }


def evaluate(model, x, y, kwargs):
    _require_samples("evaluate", x)
    _check_input_shapes("evaluate", model, x)
    kwargs["return_dict"] = True
    kwargs["callbacks"] = list(kwargs.get("callbacks") or []) + [_JavaAttention()]
    return {name: float(value) for name, value in model.evaluate(x, y, **kwargs).items()}


def predict(model, x, kwargs):
    _check_input_shapes("predict", model, x)
    if _rows(x) == 0:
        # Keras' predict fails on 0 rows (UnboundLocalError); predict_on_batch gives [0, ...] outputs.
        return keras.tree.map_structure(np.asarray, model.predict_on_batch(x))
    kwargs["callbacks"] = list(kwargs.get("callbacks") or []) + [_JavaAttention()]
    return model.predict(x, **kwargs)


def predict_on_batch(model, x):
    _check_input_shapes("predictOnBatch", model, x)
    return np.asarray(model.predict_on_batch(x))


def train_on_batch(model, x, y, sample_weight, class_weight):
    """One gradient step on one batch (Java's own training loop): the metrics after it, by name."""
    _check_input_shapes("trainOnBatch", model, x)
    logs = model.train_on_batch(x, y, sample_weight=sample_weight, class_weight=class_weight, return_dict=True)
    return {name: float(value) for name, value in logs.items()}


def test_on_batch(model, x, y, sample_weight):
    """Loss and metrics on one batch, without training: by name."""
    _check_input_shapes("testOnBatch", model, x)
    logs = model.test_on_batch(x, y, sample_weight=sample_weight, return_dict=True)
    return {name: float(value) for name, value in logs.items()}


def predict_on_batch_outputs(model, x):
    """Every output of a model with several (in the model's output order; a dict by its output names)."""
    _check_input_shapes("predictOnBatchOutputs", model, x)
    outputs = model.predict_on_batch(x)
    if isinstance(outputs, dict):
        outputs = [outputs[name] for name in model.output_names]
    elif not isinstance(outputs, (list, tuple)):
        outputs = [outputs]
    return [np.asarray(output) for output in outputs]


def predict_classes(model, x, kwargs):
    """0-based classes: argmax of each row, or probability > 0.5 for one sigmoid output."""
    probabilities = np.asarray(predict(model, x, kwargs))
    if probabilities.ndim >= 2 and probabilities.shape[-1] > 1:
        classes = probabilities.argmax(axis=-1)
    else:
        classes = (probabilities.reshape(len(probabilities), -1)[:, 0] > 0.5)
    return classes.astype(np.int32).reshape(-1)


def set_random_seed(seed):
    keras.utils.set_random_seed(seed)


def freeze(model, first, last, trainable):
    """Sets trainable on the layers first..last (inclusive, by index or name; None: the ends)."""
    names = [layer.name for layer in model.layers]
    method = "unfreezeWeights" if trainable else "freezeWeights"

    def position(ref, default, argument):
        if ref is None:
            return default
        if isinstance(ref, str):
            if ref not in names:
                raise ValueError(f"{method}({argument}): the model has no layer named {ref!r} (its layers: {names}); received {argument}={ref!r}")
            return names.index(ref)
        if not 0 <= int(ref) < len(names):
            raise ValueError(
                f"{method}({argument}): the model has {len(names)} layers (indices 0 to {len(names) - 1}); received {argument}={ref}"
            )
        return int(ref)

    for layer in model.layers[position(first, 0, "from") : position(last, len(names) - 1, "to") + 1]:
        layer.trainable = trainable
