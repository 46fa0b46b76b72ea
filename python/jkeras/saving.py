"""Saving and loading models and weights: never a half-written file at the target path."""
import os
import tempfile

import keras


def _atomic(path, write):
    """Writes through ``write(tmp_path)`` to a temporary file beside ``path``, then renames it."""
    path = os.path.abspath(path)
    folder, name = os.path.split(path)
    os.makedirs(folder, exist_ok=True)
    # Keras checks the extension (.keras, .weights.h5), so the temporary name ends like the target.
    suffix = ".weights.h5" if name.endswith(".weights.h5") else os.path.splitext(name)[1]
    handle, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=suffix, dir=folder)
    os.close(handle)
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise
    return path


def save_model(model, path, kwargs):
    if not str(path).endswith(".keras"):
        raise ValueError(f"a model is saved as a .keras file; got {path!r}")
    return _atomic(path, lambda tmp: model.save(tmp, **kwargs))


def load_model(path, kwargs):
    return keras.models.load_model(path, **kwargs)


def save_weights(model, path):
    if not str(path).endswith(".weights.h5"):
        raise ValueError(f"weights are saved as a .weights.h5 file; got {path!r}")
    return _atomic(path, model.save_weights)


def load_weights(model, path):
    model.load_weights(path)


def model_to_bytes(model):
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "model.keras")
        model.save(path)
        with open(path, "rb") as f:
            return f.read()


def model_from_bytes(data, kwargs):
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "model.keras")
        with open(path, "wb") as f:
            f.write(data.tobytes() if hasattr(data, "tobytes") else bytes(data))
        return keras.models.load_model(path, **kwargs)
