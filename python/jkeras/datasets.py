"""Keras' datasets for the Java side, working offline from the cache, with clear errors when absent.

Files are looked for where Keras' loaders keep them (``~/.keras/datasets``, or ``$KERAS_HOME``).
Offline (``offline=True``), a loader that would download raises ``DatasetMissing`` naming the files
and the folder instead. Fashion-MNIST also comes from Debian's ``dataset-fashion-mnist`` package.
"""
import contextlib
import os

import keras
import numpy as np

DEBIAN_FASHION_MNIST = "/usr/share/datasets/fashion-mnist"
FASHION_MNIST_FILES = (
    "train-labels-idx1-ubyte.gz",
    "train-images-idx3-ubyte.gz",
    "t10k-labels-idx1-ubyte.gz",
    "t10k-images-idx3-ubyte.gz",
)

# What each loader needs under the cache folder: any one of the alternatives, every file of it.
# (Keras 3 keeps a downloaded archive as <name>_archive and extracts it into <name>/.)
CACHE_FILES = {
    "mnist": [["mnist.npz"]],
    "fashion_mnist": [[os.path.join("fashion-mnist", f) for f in FASHION_MNIST_FILES]],
    "cifar10": [["cifar-10-batches-py_archive"], ["cifar-10-batches-py/cifar-10-batches-py/data_batch_1"]],
    "cifar100": [["cifar-100-python_archive"], ["cifar-100-python/cifar-100-python/train"]],
    "imdb": [["imdb.npz"]],
    "reuters": [["reuters.npz"]],
    "boston_housing": [["boston_housing.npz"]],
}
ARCHIVE_NOTE = {
    "cifar10": " (cifar-10-python.tar.gz, renamed)",
    "cifar100": " (cifar-100-python.tar.gz, renamed)",
}


class DatasetMissing(FileNotFoundError):
    pass


def cache_folder():
    from keras.src.backend.config import keras_home

    return os.path.join(keras_home(), "datasets")


def _link_debian_fashion_mnist():
    target = os.path.join(cache_folder(), "fashion-mnist")
    if not os.path.isdir(DEBIAN_FASHION_MNIST):
        return
    os.makedirs(target, exist_ok=True)
    for name in FASHION_MNIST_FILES:
        source, link = os.path.join(DEBIAN_FASHION_MNIST, name), os.path.join(target, name)
        if os.path.exists(source) and not os.path.exists(link):
            os.symlink(source, link)


@contextlib.contextmanager
def _downloads_refused(name):
    """Any download Keras attempts becomes a DatasetMissing error naming what is missing."""
    from keras.src.utils import file_utils

    def refuse(url, filename, *args, **kwargs):
        raise DatasetMissing(
            f"the {name} dataset is not in Keras' cache and jkeras is offline (no download tried). "
            f"Put these files there:\n  {_needed_files(name)}\n(Keras wanted {filename}, from {url})"
        )

    original = file_utils.urlretrieve
    file_utils.urlretrieve = refuse
    try:
        yield
    finally:
        file_utils.urlretrieve = original


def load(name, offline, kwargs):
    """Keras' ``keras.datasets.<name>.load_data(**kwargs)``: ((x_train, y_train), (x_test, y_test))."""
    if name not in CACHE_FILES:
        raise ValueError(f"unknown dataset {name!r}; known: {sorted(CACHE_FILES)}")
    if name == "fashion_mnist":
        _link_debian_fashion_mnist()
    loader = getattr(keras.datasets, name).load_data
    guard = _downloads_refused(name) if offline else contextlib.nullcontext()
    try:
        with guard:
            (x_train, y_train), (x_test, y_test) = loader(**kwargs)
    except (DatasetMissing, TypeError, ValueError):
        raise  # missing offline, or an argument the loader refused (its message names it)
    except Exception as error:  # a failed download or an unreadable file: say what to put where
        raise DatasetMissing(
            f"the {name} dataset could not be loaded ({error}). Put these files in Keras' cache:\n  {_needed_files(name)}"
        ) from error
    return [_split(x_train, y_train), _split(x_test, y_test)]


def _split(x, y):
    if x.dtype == object:  # IMDB, Reuters: lists of word indices of varying length
        x = [np.asarray(seq, dtype=np.int32) for seq in x]
    return [x, y]


def _needed_files(name):
    return "\n  ".join(os.path.join(cache_folder(), f) for f in CACHE_FILES[name][0]) + ARCHIVE_NOTE.get(name, "")


def is_cached(name):
    """Whether ``name`` loads without a download (looks at files only)."""
    if name == "fashion_mnist":
        _link_debian_fashion_mnist()
    folder = cache_folder()
    return any(all(os.path.exists(os.path.join(folder, f)) for f in option) for option in CACHE_FILES[name])


def pad_packed(values, lengths, kwargs):
    """Keras' pad_sequences over sequences sent as one flat array and their lengths."""
    sequences = np.split(values, np.cumsum(lengths)[:-1]) if len(lengths) else []
    return keras.utils.pad_sequences(sequences, **kwargs)


# ---- Keras' dataset builders: handles to tf.data.Datasets fit takes as x (jkeras.data.KerasDatasets)
def image_dataset_from_directory(directory, kwargs):
    return keras.utils.image_dataset_from_directory(str(directory), **_sizes(kwargs))


def text_dataset_from_directory(directory, kwargs):
    return keras.utils.text_dataset_from_directory(str(directory), **kwargs)


def timeseries_dataset_from_array(data, targets, sequence_length, kwargs):
    return keras.utils.timeseries_dataset_from_array(data, targets, sequence_length, **kwargs)


def _sizes(kwargs):
    kwargs = dict(kwargs)
    if "image_size" in kwargs:
        kwargs["image_size"] = tuple(kwargs["image_size"])
    return kwargs
