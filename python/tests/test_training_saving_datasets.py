"""The Python half's training, saving and dataset functions, in plain CPython with the real Keras."""
import os

import keras
import numpy as np
import pytest

from jkeras import datasets, models, saving, training
from jkeras.testing import reference_models


@pytest.fixture(scope="module")
def small_model():
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3, activation="softmax")])
    models.compile(model, {"optimizer": "adam", "loss": "categorical_crossentropy", "metrics": ["accuracy"]})
    return model


def test_fit_returns_plain_history(small_model):
    x = np.random.rand(64, 4).astype("float32")
    y = keras.utils.to_categorical(np.arange(64) % 3, 3)
    result = training.fit(small_model, x, y, {"epochs": 2, "verbose": 0, "validation_split": 0.25})
    assert result["epochs"] == [0, 1]
    assert set(result["history"]) == {"loss", "accuracy", "val_loss", "val_accuracy"}
    assert all(isinstance(v, float) for v in result["history"]["loss"])
    assert result["interrupted"] is False


def test_misspelt_loss_or_metric_fails_at_compile(small_model):
    with pytest.raises(ValueError, match="categorical_crossentropyy"):
        models.compile(small_model, {"loss": "categorical_crossentropyy"})
    with pytest.raises(ValueError, match="accuracyy"):
        models.compile(small_model, {"loss": "mse", "metrics": ["accuracyy"]})
    models.compile(small_model, {"loss": {"out": "mse"}, "metrics": ["accuracy", "acc"]})


def test_predict_classes_argmax_and_sigmoid_threshold():
    softmax = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(2, use_bias=False, kernel_initializer="identity")])
    assert list(training.predict_classes(softmax, np.array([[1, 0], [0, 1]], "float32"), {"verbose": 0})) == [0, 1]
    sigmoid = keras.Sequential([keras.Input(shape=(1,)), keras.layers.Dense(1, activation="sigmoid", kernel_initializer="ones")])
    assert list(training.predict_classes(sigmoid, np.array([[-2], [2]], "float32"), {"verbose": 0})) == [0, 1]


def test_failed_save_leaves_nothing_and_keeps_the_old_file(tmp_path):
    target = tmp_path / "m.keras"
    with pytest.raises(RuntimeError):
        saving.save_model(reference_models.unsaveable(), str(target), {})
    assert os.listdir(tmp_path) == []
    target.write_text("old")
    with pytest.raises(RuntimeError):
        saving.save_model(reference_models.unsaveable(), str(target), {})
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["m.keras"]


def test_save_and_bytes_round_trip(tmp_path, small_model):
    path = saving.save_model(small_model, str(tmp_path / "m.keras"), {})
    x = np.ones((2, 4), "float32")
    kind, loaded = saving.load_model(path, {})
    assert kind == "sequential"
    np.testing.assert_array_equal(small_model.predict(x, verbose=0), loaded.predict(x, verbose=0))
    kind, copy = saving.model_from_bytes(saving.model_to_bytes(small_model), {})
    np.testing.assert_array_equal(small_model.predict(x, verbose=0), copy.predict(x, verbose=0))
    with pytest.raises(ValueError, match=".keras"):
        saving.save_model(small_model, str(tmp_path / "m.h5"), {})


def test_a_save_takes_the_umask_cleans_stale_temporaries_and_needs_its_folder(tmp_path, small_model):
    target = tmp_path / "m.keras"
    dead_pid = 2**22 + 17  # above Linux's default pid_max: no such process
    stale = tmp_path / f".m.keras.jkeras-{dead_pid}-abc.keras"
    stale.write_bytes(b"half a model")
    other = tmp_path / f".other.keras.jkeras-{dead_pid}-abc.keras"
    other.write_bytes(b"another target's")
    old = os.umask(0o027)
    try:
        saving.save_model(small_model, str(target), {})
    finally:
        os.umask(old)
    assert oct(target.stat().st_mode & 0o777) == oct(0o640)
    assert not stale.exists(), "a dead process' temporary file of this target is removed"
    assert other.exists(), "temporaries of other targets are not touched"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".m.keras")] == []
    with pytest.raises(FileNotFoundError, match="does not exist"):
        saving.save_model(small_model, str(tmp_path / "missing" / "m.keras"), {})
    made = saving.save_model(small_model, str(tmp_path / "made" / "m.keras"), {}, True)
    assert os.path.isfile(made)


def test_a_file_that_is_not_a_keras_archive_says_so(tmp_path):
    bad = tmp_path / "random.keras"
    bad.write_bytes(os.urandom(4096))
    with pytest.raises(ValueError, match="not a valid .keras file"):
        saving.load_model(str(bad), {})
    with pytest.raises(FileNotFoundError, match="no such file"):
        saving.load_model(str(tmp_path / "missing.keras"), {})
    with pytest.raises(ValueError, match="not a .keras file") as error:
        saving.model_from_bytes(os.urandom(100), {})
    assert str(tmp_path) not in str(error.value) and "/tmp" not in str(error.value)


def test_offline_missing_dataset_names_the_files_and_tries_no_download():
    if datasets.is_cached("cifar100"):
        pytest.skip("CIFAR-100 is cached on this machine")
    with pytest.raises(datasets.DatasetMissing) as error:
        datasets.load("cifar100", True, {})
    message = str(error.value)
    assert os.path.join(datasets.cache_folder(), "cifar-100-python_archive") in message
    assert "no download tried" in message


def test_fashion_mnist_offline():
    if not os.path.isdir(datasets.DEBIAN_FASHION_MNIST):
        pytest.skip("Debian's dataset-fashion-mnist is not installed")
    (x, y), (xt, yt) = datasets.load("fashion_mnist", True, {})
    assert x.shape == (60000, 28, 28) and xt.shape == (10000, 28, 28) and y.dtype == np.uint8


def test_pad_packed():
    values = np.array([1, 2, 3, 4, 5, 6], "int32")
    padded = datasets.pad_packed(values, np.array([2, 0, 4]), {"maxlen": 3})
    assert padded.tolist() == [[0, 1, 2], [0, 0, 0], [4, 5, 6]]
