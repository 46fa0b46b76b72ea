"""The Python half of jkeras.extending in plain CPython: the Keras classes driven by Python stand-ins
for the Java dispatches (which, like Java, hand results back through ``deliver``)."""
import json

import keras
import numpy as np
import pytest
from keras import ops

from jkeras import convert, extending, extending_steps


class ScaledDenseDispatch:
    """What Java's LayerDispatch does for a layer x @ w * scale, in Python."""

    def __init__(self, units):
        self.units = units
        self.calls = 0
        self.layer = None

    def owner(self):
        return self

    def build(self, input_shape):
        assert isinstance(input_shape, list), "shapes reach Java as lists"
        self.w = self.layer.add_weight(shape=(input_shape[-1], self.units), initializer="ones", name="w")
        self.scale = self.layer.add_weight(shape=(), initializer="ones", name="scale", trainable=False)

    def call(self, inputs, training, mask):
        self.calls += 1
        assert isinstance(inputs, convert.Handle), "tensors reach Java as handles"
        extending.deliver(ops.multiply(ops.matmul(inputs.value, self.w), self.scale))

    def getConfig(self):
        extending.deliver({"units": self.units, "initializer": keras.initializers.Ones()})


def java_layer(units=2, name=None):
    shell = extending.new_shell("layer", {} if name is None else {"name": name})
    dispatch = ScaledDenseDispatch(units)
    dispatch.layer = shell
    extending.attach(shell, dispatch, "example.ScaledDense", "ScaledDense", [])
    return shell, dispatch


def test_a_shell_shows_and_names_itself_as_the_java_class():
    layer, _ = java_layer()
    assert type(layer).__name__ == "ScaledDense"
    assert isinstance(layer, extending.JavaLayer)
    assert layer.name.startswith("scaled_dense")
    assert keras.saving.get_registered_name(type(layer)) == "jkeras>JavaLayer"
    named, _ = java_layer(name="mine")
    assert named.name == "mine"


def test_a_java_layer_builds_calls_trains_and_is_traced_once_per_function():
    keras.utils.set_random_seed(1)
    layer, dispatch = java_layer(units=3)
    model = keras.Sequential([keras.Input(shape=(4,)), layer])
    assert model.count_params() == 4 * 3 + 1
    x = np.ones((8, 4), "float32")
    np.testing.assert_allclose(model.predict(x, verbose=0), np.full((8, 3), 4.0))
    model.compile(optimizer="sgd", loss="mse")
    model.fit(x, np.zeros((8, 3), "float32"), epochs=3, batch_size=4, verbose=0)
    assert dispatch.calls < 6, "call runs when Keras traces, not at each of the 6 steps"
    assert float(ops.convert_to_numpy(dispatch.scale)) == 1.0, "the non-trainable weight stayed"


def test_get_config_holds_the_java_name_and_serializes_keras_objects():
    layer, _ = java_layer(units=5)
    config = layer.get_config()
    assert config["java_class"] == "example.ScaledDense"
    assert config["java_config"]["units"] == 5
    assert config["java_config"]["initializer"]["class_name"] == "Ones"
    json.dumps(config)


def test_a_value_a_file_cannot_hold_is_refused_naming_it():
    with pytest.raises(TypeError, match=r"getConfig\(\) of X.extra holds <object"):
        extending._json_ready({"extra": object()}, "getConfig() of X")


def test_shapes_cross_as_lists_and_come_back_as_tuples():
    assert extending._shape_to_java((None, 4)) == [None, 4]
    assert extending._shape_to_java([(None, 4), (None, 2)]) == [[None, 4], [None, 2]]
    assert extending._shape_from_java([None, 4]) == (None, 4)
    assert extending._shape_from_java([[None, 4], [None, 2]]) == [(None, 4), (None, 2)]


def test_run_java_returns_what_was_delivered_and_nests():
    def inner():
        extending.deliver("inner")

    def outer():
        assert extending.run_java(inner) == "inner"
        extending.deliver("outer")

    assert extending.run_java(outer) == "outer"
    assert extending.run_java(lambda: None) is None
    assert extending._frames == []


def test_an_error_that_did_not_cross_java_passes_unchanged():
    error = ValueError("mine")

    def failing():
        raise error

    with pytest.raises(ValueError) as caught:
        extending.run_java(failing)
    assert caught.value is error
    assert extending._frames == []


def test_only_what_keras_tracks_is_assigned():
    layer, _ = java_layer()
    dense = keras.layers.Dense(2)
    extending.track(layer, [["dense", dense], ["not_state", "text"], ["seed", keras.random.SeedGenerator(1)]])
    assert layer.java_dense is dense
    assert not hasattr(layer, "java_not_state")
    assert hasattr(layer, "java_seed")


class Closure:
    """Java's GradientClosure: the forward pass of a train step, delivering [loss, outputs]."""

    def __init__(self, model, x, y):
        self.model, self.x, self.y = model, x, y

    def run(self):
        y_pred = self.model(self.x, training=True)
        extending.deliver([self.model.compute_loss(x=self.x, y=self.y, y_pred=y_pred), [y_pred]])


def test_gradients_apply_and_metrics_give_kerass_own_step():
    keras.utils.set_random_seed(3)
    x = np.random.rand(16, 4).astype("float32")
    y = np.random.rand(16, 2).astype("float32")
    models = []
    for _ in range(2):
        keras.utils.set_random_seed(3)
        model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(2)])
        model.compile(optimizer="sgd", loss="mse")
        model.optimizer.build(model.trainable_variables)
        models.append(model)
    keras_logs = models[0].train_step((x, y))
    loss, outputs, grads = [convert.from_java(v) for v in extending_steps.gradients(models[1], Closure(models[1], x, y))]
    extending_steps.apply_gradients(models[1], grads)
    java_logs = extending_steps.update_metrics(models[1], x, y, outputs[0], None, loss)
    np.testing.assert_allclose(float(java_logs["loss"].value), float(keras_logs["loss"]), rtol=1e-6)
    for a, b in zip(models[0].get_weights(), models[1].get_weights()):
        np.testing.assert_allclose(a, b, rtol=1e-6)
