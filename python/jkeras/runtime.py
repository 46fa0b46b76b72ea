"""Start-up of the embedded Python and facts about it, called once by jkeras.runtime.PythonRuntime."""
import importlib.metadata
import importlib.util
import os
import sys

_BACKEND_MODULES = {"tensorflow": "tensorflow", "jax": "jax", "torch": "torch", "numpy": "numpy"}


class BackendError(RuntimeError):
    pass


def start(backend, env_location):
    """Fixes the Keras backend, imports Keras and returns the versions Java reports.

    The backend is fixed here, before anything imports keras: Keras reads KERAS_BACKEND once.
    """
    from jkeras import console

    console.redirect_to_java()
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "1")
    if "keras" in sys.modules:
        raise BackendError("keras was imported before jkeras started; the backend can no longer be chosen")
    module = _BACKEND_MODULES.get(backend)
    if module is None:
        raise BackendError(f"unknown Keras backend {backend!r}; choose one of {sorted(_BACKEND_MODULES)}")
    if importlib.util.find_spec(module) is None:
        raise BackendError(
            f"the {backend} backend is not installed in {env_location}. "
            f"Install it with: scripts/install_keras --backend {backend} --envdir {env_location}"
        )
    os.environ["KERAS_BACKEND"] = backend
    import keras  # noqa: F401  (the import is the point: it fixes the backend)

    from jkeras import arrays  # noqa: F401  (installs the tensor converters)

    return versions()


def versions():
    import keras

    found = {
        "python": sys.version.split()[0],
        "keras": keras.__version__,
        "backend": keras.backend.backend(),
        "jep": _version_of("jep"),
        "numpy": _version_of("numpy"),
    }
    backend_package = {"tensorflow": "tensorflow-cpu"}.get(found["backend"], found["backend"])
    found["backend_version"] = _version_of(backend_package) or _version_of(found["backend"])
    try:
        import jep

        found["jep_numpy_enabled"] = bool(jep.JEP_NUMPY_ENABLED)
    except ImportError:
        found["jep_numpy_enabled"] = False
    return found


def _version_of(distribution):
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return None
