"""The checks the Python half makes before Keras runs: mistakes Keras accepts silently or reports
far from their cause (issue 10's catalogue; the Java side's tests are in jkeras.reliability)."""
import io
import zipfile

import keras
import numpy as np
import pytest

from jkeras import models, objects, saving, training


@pytest.fixture(scope="module")
def classifier():
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3, activation="softmax")])
    model.compile("adam", "sparse_categorical_crossentropy")
    return model


X = np.linspace(0, 1, 64 * 4, dtype="float32").reshape(64, 4)
Y = np.arange(64) % 3


def test_predict_on_zero_rows_gives_zero_rows_like_predict_on_batch(classifier):
    empty = np.zeros((0, 4), "float32")
    assert training.predict(classifier, empty, {"verbose": 0}).shape == (0, 3)
    assert list(training.predict_classes(classifier, empty, {"verbose": 0})) == []


def test_fit_and_evaluate_refuse_zero_samples(classifier):
    empty, no_labels = np.zeros((0, 4), "float32"), np.zeros((0,), "int32")
    with pytest.raises(ValueError, match=r"fit\(x\): x has 0 samples"):
        training.fit(classifier, empty, no_labels, {"verbose": 0})
    with pytest.raises(ValueError, match=r"evaluate\(x\): x has 0 samples"):
        training.evaluate(classifier, empty, no_labels, {"verbose": 0})


def test_input_shapes_are_checked_against_the_model(classifier):
    with pytest.raises(ValueError, match=r"predict\(x\): the model takes input of shape \(None, 4\).*\(2, 5\)"):
        training.predict(classifier, np.zeros((2, 5), "float32"), {"verbose": 0})
    with pytest.raises(ValueError, match=r"received x with shape \(4,\)"):
        training.predict_on_batch(classifier, np.zeros((4,), "float32"))
    with pytest.raises(ValueError, match=r"fit\(validationData x\)"):
        training.fit(classifier, X, Y, {"verbose": 0, "validation_data": [np.zeros((2, 5), "float32"), Y[:2]]})


def test_shapes_keras_adjusts_are_not_refused():
    # Keras adds or drops a trailing axis of 1 to match an input's rank.
    assert training._fits((8,), (None, 1))
    assert training._fits((8, 4, 1), (None, 4))
    assert training._fits((8, 28, 28), (None, None, 28))
    assert not training._fits((8, 5), (None, 4))
    assert not training._fits((8, 4, 2), (None, 4))


def test_class_weight_for_a_class_the_model_lacks(classifier):
    with pytest.raises(ValueError, match=r"class 7 does not exist: the model's output has 3 classes"):
        training.fit(classifier, X, Y, {"verbose": 0, "class_weight": {0: 1.0, 7: 2.0}})
    binary = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1, activation="sigmoid")])
    binary.compile("adam", "binary_crossentropy")
    training.fit(binary, X, (Y > 0).astype("float32"), {"verbose": 0, "class_weight": {0: 1.0, 1: 3.0}})
    with pytest.raises(ValueError, match=r"class 2 does not exist: the model's output has 2 classes"):
        training.fit(binary, X, (Y > 0).astype("float32"), {"verbose": 0, "class_weight": {2: 1.0}})


def test_initial_epoch_after_epochs(classifier):
    with pytest.raises(ValueError, match=r"initial_epoch=5, epochs=2"):
        training.fit(classifier, X, Y, {"verbose": 0, "epochs": 2, "initial_epoch": 5})


def test_a_failed_fit_leaves_no_validation_data_on_the_model(classifier):
    with pytest.raises(Exception):
        training.fit(classifier, X, Y, {"verbose": 0, "validation_data": [X[:4], np.full(4, 9)]})
    assert getattr(classifier, "_eval_epoch_iterator", None) is None


def test_layer_lookup_and_freezing_name_what_is_there(classifier):
    with pytest.raises(ValueError, match=r"getLayer\(index\): the model has 1 layers .* index=-5"):
        models.get_layer(classifier, None, -5)
    with pytest.raises(ValueError, match=r"freezeWeights\(from\): the model has no layer named 'nope'"):
        training.freeze(classifier, "nope", None, False)
    with pytest.raises(ValueError, match=r"unfreezeWeights\(to\): .* received to=3"):
        training.freeze(classifier, None, 3, True)


def test_json_that_is_not_json():
    with pytest.raises(ValueError, match=r"modelFromJson\(json\): not JSON .*json='\{garbage'"):
        models.from_json("{garbage")


def test_a_missing_module_is_named():
    with pytest.raises(ModuleNotFoundError, match=r"'no_such_module.X'.*No module named 'no_such_module'"):
        objects.resolve("no_such_module.X")
    with pytest.raises(ModuleNotFoundError, match=r"'keras.no_such_sub.X'"):
        objects.resolve("keras.no_such_sub.X")
    assert objects.resolve("keras.optimizers.schedules.ExponentialDecay") is keras.optimizers.schedules.ExponentialDecay


def test_a_zip_without_config_is_not_a_model(tmp_path):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("notes.txt", "hello")
    path = tmp_path / "other.keras"
    path.write_bytes(archive.getvalue())
    with pytest.raises(ValueError, match=r"not a valid .keras file: the zip archive has no config.json"):
        saving.load_model(str(path), {})
    with pytest.raises(ValueError, match=r"modelFromBytes\(keras\): the \d+ bytes are not a .keras file: .*no config.json"):
        saving.model_from_bytes(archive.getvalue(), {})


def test_a_save_keeps_every_temporary_in_one_folder_the_next_save_removes(tmp_path, classifier, monkeypatch):
    # Keras writes the weights of a model it judges too large for memory to a temporary file beside
    # the file it saves: that file must land in jkeras' temporary folder, which a killed save leaves
    # and the next save removes.
    from keras.src.saving import saving_lib

    monkeypatch.setattr(saving_lib, "is_memory_sufficient", lambda model: False)
    dead_pid = 2**22 + 17  # above Linux's default pid_max: no such process
    stale = tmp_path / f".m.keras.jkeras-{dead_pid}-x1y2"
    stale.mkdir()
    (stale / "tmpab12cd34").write_bytes(b"weights Keras was writing")
    (stale / "m.keras").write_bytes(b"half a model")
    saving.save_model(classifier, str(tmp_path / "m.keras"), {})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.keras"]
    assert saving.load_model(str(tmp_path / "m.keras"), {})[1].count_params() == classifier.count_params()
