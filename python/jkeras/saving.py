"""Saving and loading models and weights: never a half-written file at the target path.

A save writes into a temporary folder beside the target, flushes the file to disk, gives it the
permissions the process' umask gives any new file, and renames it over the target; the folder is
flushed too. Keras itself may put a temporary file beside the one it writes (the weights of a model
too large to hold in memory): it lands in that folder as well. A save killed half-way leaves the
folder behind: the next save to the same target removes it when the process that made it is gone.
"""
import glob
import os
import shutil
import tempfile
import zipfile

import keras

_TMP_MARK = ".jkeras-"


def _umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _temporaries_of(folder, name):
    """Temporary folders (files, before) earlier saves to ``name`` left in ``folder``, with the pid that made each."""
    found = []
    for path in glob.glob(os.path.join(glob.escape(folder), f".{glob.escape(name)}{_TMP_MARK}*")):
        rest = os.path.basename(path)[len(name) + 1 + len(_TMP_MARK):]
        pid = rest.split("-", 1)[0]
        if pid.isdigit():
            found.append((path, int(pid)))
    return found


def _alive(pid):
    if pid == os.getpid():
        return False  # this process saves one file at a time: its own leftovers are stale
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove_stale_temporaries(folder, name):
    for path, pid in _temporaries_of(folder, name):
        if not _alive(pid):
            if os.path.isdir(path) and not os.path.islink(path):
                shutil.rmtree(path, ignore_errors=True)
            else:
                try:
                    os.remove(path)  # a temporary file of an earlier jkeras
                except FileNotFoundError:
                    pass


def _fsync_folder(folder):
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the file itself is synced
    finally:
        os.close(fd)


def _atomic(path, write, create_folders=False):
    """Writes through ``write(tmp_path)`` into a temporary folder beside ``path``, then renames the
    file over ``path``."""
    path = os.path.abspath(path)
    folder, name = os.path.split(path)
    if not os.path.isdir(folder):
        if not create_folders:
            raise FileNotFoundError(
                f"cannot save to {path}: the folder {folder} does not exist (saveModel(path, true) creates it)"
            )
        os.makedirs(folder, exist_ok=True)
    if os.path.isdir(path):
        raise IsADirectoryError(f"cannot save to {path}: it is a folder")
    _remove_stale_temporaries(folder, name)
    # Beside the target (a rename within one file system), named like it: Keras checks the extension.
    tmp_folder = tempfile.mkdtemp(prefix=f".{name}{_TMP_MARK}{os.getpid()}-", dir=folder)
    tmp = os.path.join(tmp_folder, name)
    try:
        write(tmp)
        with open(tmp, "rb+") as written:
            os.fsync(written.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    finally:
        shutil.rmtree(tmp_folder, ignore_errors=True)
    _fsync_folder(folder)
    return path


def save_model(model, path, kwargs, create_folders=False):
    if not str(path).endswith(".keras"):
        raise ValueError(f"saveModel(path): a model is saved as a .keras file; received path={path!r}")
    return _atomic(path, lambda tmp: model.save(tmp, **kwargs), create_folders)


def _check_model_file(path, what):
    """A clear error for a missing file and for a file that is not a .keras archive (Keras says
    "File not found" for both)."""
    if not os.path.exists(path):
        raise FileNotFoundError(f"{what}: no such file: {path}")
    if os.path.isdir(path):
        raise IsADirectoryError(f"{what}: {path} is a folder, not a .keras file")
    if str(path).endswith(".keras"):
        _check_keras_archive(path, f"{what}: {path} is not a valid .keras file")


def _check_keras_archive(path, not_valid):
    """A .keras file is a zip archive holding config.json; Keras reports a file that is not one as
    "File not found" (not a zip) or KeyError (no config.json)."""
    if not zipfile.is_zipfile(path):
        raise ValueError(f"{not_valid} (not a zip archive: truncated or another format)")
    with zipfile.ZipFile(path) as archive:
        if "config.json" not in archive.namelist():
            raise ValueError(f"{not_valid}: the zip archive has no config.json (it holds {archive.namelist()[:5]})")


def load_model(path, kwargs):
    from jkeras import models

    _check_model_file(path, "loadModel(path)")
    return models.typed(keras.models.load_model(path, **kwargs))


def save_weights(model, path, create_folders=False):
    if not str(path).endswith(".weights.h5"):
        raise ValueError(f"saveModelWeights(path): weights are saved as a .weights.h5 file; received path={path!r}")
    return _atomic(path, model.save_weights, create_folders)


def load_weights(model, path):
    if not os.path.exists(path):
        raise FileNotFoundError(f"loadModelWeights(path): no such file: {path}")
    model.load_weights(path)


def model_to_bytes(model):
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "model.keras")
        model.save(path)
        with open(path, "rb") as f:
            return f.read()


def model_from_bytes(data, kwargs):
    from jkeras import models

    raw = data.tobytes() if hasattr(data, "tobytes") else bytes(data)
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "model.keras")
        with open(path, "wb") as f:
            f.write(raw)
        _check_keras_archive(path, f"modelFromBytes(keras): the {len(raw)} bytes are not a .keras file")
        try:
            return models.typed(keras.models.load_model(path, **kwargs))
        except Exception as error:
            # Keras' message names the temporary file, which the caller never saw.
            message = f"modelFromBytes(keras): {str(error).replace(path, '<the bytes>')}"
            try:
                clearer = type(error)(message)
            except Exception:  # noqa: BLE001 - an exception type with an unusual constructor
                clearer = ValueError(message)
            raise clearer from None
