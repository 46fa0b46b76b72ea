"""The Python twins of the Java custom layer, model, loss, metric and train step the Java tests of
jkeras.extending write: the same computation in plain Python Keras, trained with the same seed."""
import keras
import numpy as np
from keras import ops


class ResidualDense(keras.layers.Layer):
    """A dense layer plus a linear projection of its input, the dense part scaled by a trainable scalar."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.dense = keras.layers.Dense(units, activation="relu")

    def build(self, input_shape):
        self.projection = self.add_weight(shape=(input_shape[-1], self.units), initializer="glorot_uniform",
                                          name="projection")
        self.scale = self.add_weight(shape=(), initializer="ones", name="scale")

    def call(self, inputs):
        return ops.add(ops.matmul(inputs, self.projection), ops.multiply(self.scale, self.dense(inputs)))

    def get_config(self):
        return {**super().get_config(), "units": self.units}


def residual_model(units, classes=10, features=784):
    inputs = keras.Input(shape=(features,))
    hidden = ResidualDense(units)(inputs)
    return keras.Model(inputs, keras.layers.Dense(classes, activation="softmax")(hidden))


def _history(history):
    return {name: [float(v) for v in values] for name, values in history.history.items()}


def train_residual(seed, x, y, units, epochs, batch_size):
    """The Java test's model with the Python layer: its history, and its predictions on x[:16]."""
    keras.utils.set_random_seed(seed)
    model = residual_model(units, y.shape[-1], x.shape[-1])
    model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
    history = model.fit(x, y, epochs=epochs, batch_size=batch_size, verbose=0)
    return [_history(history), np.asarray(model.predict(x[:16], verbose=0))]


def predict_residual(seed, x, units):
    """Predictions of a freshly made Python model (same seed: same weights as the Java one)."""
    keras.utils.set_random_seed(seed)
    model = residual_model(units, 10, x.shape[-1])
    return np.asarray(model.predict(x, verbose=0))


# ---------------------------------------------------------------- loss and metric


def scaled_mse(y_true, y_pred):
    return ops.multiply(0.5, ops.mean(ops.square(ops.subtract(y_true, y_pred)), axis=-1))


class MeanAbsoluteCount(keras.metrics.Metric):
    """Sum of absolute errors divided by the number of samples seen: a stateful mean absolute error."""

    def __init__(self, name="mean_absolute_count", **kwargs):
        super().__init__(name=name, **kwargs)
        self.total = self.add_variable(shape=(), initializer="zeros", name="total")
        self.count = self.add_variable(shape=(), initializer="zeros", name="count")

    def update_state(self, y_true, y_pred, sample_weight=None):
        errors = ops.sum(ops.abs(ops.subtract(y_true, y_pred)), axis=-1)
        self.total.assign_add(ops.sum(errors))
        self.count.assign_add(ops.sum(ops.ones_like(errors)))

    def result(self):
        return ops.divide(self.total, self.count)


def mean_error(y_true, y_pred):
    return ops.mean(ops.abs(ops.subtract(y_true, y_pred)), axis=-1)


def train_with_loss_and_metrics(seed, x, y, epochs, batch_size):
    """A small model trained with the Python twins of the Java loss and metrics: its history."""
    keras.utils.set_random_seed(seed)
    model = keras.Sequential([keras.Input(shape=(x.shape[-1],)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(y.shape[-1], activation="softmax")])
    model.compile(optimizer="adam", loss=scaled_mse,
                  metrics=[MeanAbsoluteCount(), keras.metrics.MeanMetricWrapper(mean_error, name="mean_error")])
    return _history(model.fit(x, y, epochs=epochs, batch_size=batch_size, verbose=0))


# ---------------------------------------------------------------- custom train step


class PenalizedCounter(keras.Model):
    """A classifier whose train step adds an L2 penalty of the first kernel to the loss, logs it,
    and counts its steps in a non-trainable variable."""

    def __init__(self, penalty, **kwargs):
        super().__init__(**kwargs)
        self.penalty = penalty
        self.hidden = keras.layers.Dense(32, activation="relu")
        self.out = keras.layers.Dense(10, activation="softmax")
        self.steps = self.add_weight(shape=(), initializer="zeros", trainable=False, name="steps")

    def call(self, inputs):
        return self.out(self.hidden(inputs))

    def _penalty(self):
        return ops.multiply(self.penalty, ops.sum(ops.square(self.hidden.kernel)))

    def _loss(self, x, y, sample_weight, training=True):
        y_pred = self(x, training=training)
        penalty = self._penalty()
        return ops.add(self.compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight), penalty), y_pred, penalty

    def train_step(self, *args):
        if keras.backend.backend() == "jax":
            return self._jax_train_step(*args)
        if keras.backend.backend() == "torch":
            return self._torch_train_step(*args)
        import tensorflow as tf

        x, y, sample_weight = keras.utils.unpack_x_y_sample_weight(args[0])
        with tf.GradientTape() as tape:
            loss, y_pred, penalty = self._loss(x, y, sample_weight)
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply(grads, self.trainable_variables)
        self.steps.assign_add(1.0)
        return self._logs(x, y, y_pred, sample_weight, loss, penalty)

    def _logs(self, x, y, y_pred, sample_weight, loss, penalty):
        if keras.backend.backend() == "tensorflow":
            import tensorflow as tf

            batch = tf.shape(x)[0]
        else:
            batch = x.shape[0]
        self._loss_tracker.update_state(loss, sample_weight=batch)
        logs = self.compute_metrics(x, y, y_pred, sample_weight=sample_weight)
        logs["penalty"] = penalty
        return logs

    def _torch_train_step(self, data):
        import torch

        x, y, sample_weight = keras.utils.unpack_x_y_sample_weight(data)
        self.zero_grad()
        loss, y_pred, penalty = self._loss(x, y, sample_weight)
        loss.backward()
        grads = [v.value.grad for v in self.trainable_variables]
        with torch.no_grad():
            self.optimizer.apply(grads, self.trainable_variables)
        self.steps.assign_add(1.0)
        return self._logs(x, y, y_pred, sample_weight, loss, penalty)

    def _jax_train_step(self, state, data):
        import jax

        trainable, non_trainable, optimizer_variables, metrics_variables = state
        x, y, sample_weight = keras.utils.unpack_x_y_sample_weight(data)
        every = self.non_trainable_variables + self.optimizer.variables + self.metrics_variables
        values = list(non_trainable) + list(optimizer_variables) + list(metrics_variables)

        def loss_of(trainable_values):
            mapping = list(zip(every, values)) + list(zip(self.trainable_variables, trainable_values))
            with keras.StatelessScope(state_mapping=mapping):
                loss, y_pred, penalty = self._loss(x, y, sample_weight)
            return loss, (y_pred, penalty)

        (loss, (y_pred, penalty)), grads = jax.value_and_grad(loss_of, has_aux=True)(list(trainable))
        trainable, optimizer_variables = self.optimizer.stateless_apply(optimizer_variables, grads, trainable)
        mapping = (list(zip(self.trainable_variables, trainable)) + list(zip(self.non_trainable_variables, non_trainable))
                   + list(zip(self.optimizer.variables, optimizer_variables))
                   + list(zip(self.metrics_variables, metrics_variables)))
        with keras.StatelessScope(state_mapping=mapping) as scope:
            self.steps.assign_add(1.0)
            logs = self._logs(x, y, y_pred, sample_weight, loss, penalty)
        new_state = (
            [scope.get_current_value(v) for v in self.trainable_variables],
            [scope.get_current_value(v) for v in self.non_trainable_variables],
            [scope.get_current_value(v) for v in self.optimizer.variables],
            [scope.get_current_value(v) for v in self.metrics_variables],
        )
        return logs, new_state


def train_penalized(seed, x, y, penalty, epochs, batch_size):
    """The Python twin of the Java model with its own train step: [history, steps counted, evaluation]."""
    keras.utils.set_random_seed(seed)
    model = PenalizedCounter(penalty)
    model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
    history = model.fit(x, y, epochs=epochs, batch_size=batch_size, verbose=0)
    evaluation = {k: float(v) for k, v in model.evaluate(x, y, batch_size=batch_size, verbose=0, return_dict=True).items()}
    return [_history(history), float(keras.ops.convert_to_numpy(model.steps)), evaluation]


# ---------------------------------------------------------------- inspection helpers for the Java tests and benchmark


def process_cpu_ns():
    """CPU time of the whole process (every thread), in nanoseconds, at nanosecond resolution."""
    import time

    return time.process_time_ns()


def weight_counts(layer):
    """[trainable parameters, non-trainable parameters] of a layer or model."""
    return [int(sum(np.prod(v.shape) for v in layer.trainable_weights)),
            int(sum(np.prod(v.shape) for v in layer.non_trainable_weights))]


def weight_paths(layer):
    return [v.path for v in layer.weights]


def config_round_trip(layer):
    """A new layer made by the layer's class from its config, as Keras does when it loads a model."""
    return type(layer).from_config(layer.get_config())


def live_tensors():
    """How many symbolic TensorFlow tensors and jax tracers Python holds (after a collection)."""
    import gc

    gc.collect()
    count = 0
    for obj in gc.get_objects():
        name = type(obj).__name__
        if name in ("SymbolicTensor", "DynamicJaxprTracer", "JVPTracer"):
            count += 1
    return count
