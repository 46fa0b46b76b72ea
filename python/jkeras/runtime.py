"""Start-up of the embedded Python and facts about it, called once by jkeras.internal.PythonRuntime."""
import ctypes
import importlib.metadata
import importlib.util
import os
import sys

_BACKEND_MODULES = {"tensorflow": "tensorflow", "jax": "jax", "torch": "torch", "numpy": "numpy"}

# The words Java writes and Python reads between batches (jkeras.internal.ControlBlock); None
# outside a JVM. Word 0: Java wants the Python thread (queued calls, a cancel, exit).
control = None

# Module prefixes class names from Java may come from ("" = any); see objects.resolve.
allowed_modules = ()


class BackendError(RuntimeError):
    pass


def start(backend, env_location, control_address=0, allowed=""):
    """Fixes the Keras backend, imports Keras and returns the versions Java reports.

    The backend is fixed here, before anything imports keras: Keras reads KERAS_BACKEND once.
    """
    global control, allowed_modules
    from jkeras import console

    console.redirect_to_java()
    if control_address:
        control = (ctypes.c_int32 * 4).from_address(control_address)
    allowed_modules = tuple(p.strip() for p in allowed.split(",") if p.strip())
    # TensorFlow's C++ start-up banners (oneDNN, CPU features) stay quiet unless asked for.
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
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
    with _native_banners_filtered(os.environ.get("JKERAS_NATIVE_BANNERS", "") != "1"):
        import keras  # noqa: F401  (the import is the point: it fixes the backend)

    from jkeras import arrays  # noqa: F401  (installs the tensor converters)
    from jkeras import extending  # noqa: F401  (registers Java custom objects' classes: a new JVM can load their models)

    if control_address:
        _guard_exit()
    return versions()


# What TensorFlow's C++ prints while it loads, whatever TF_CPP_MIN_LOG_LEVEL says (it logs before
# its logging is set up): noise on every start of every program.
_BANNERS = (
    "All log messages before absl::InitializeLog()",
    "oneDNN custom operations are on",
    "This TensorFlow binary is optimized",
    "To enable the following instructions",
    "Unable to register cu",  # cuDNN/cuFFT/cuBLAS factories on a machine without CUDA
    "computation placer already registered",
    "TF-TRT Warning",
)


class _native_banners_filtered:
    """Routes the process' native stderr (fd 2) through a pipe while Keras loads, then writes back
    every line that is not a start-up banner: nothing else written meanwhile (by the JVM's own
    threads, say) is lost, only delayed until the import ends. JKERAS_NATIVE_BANNERS=1 keeps them."""

    def __init__(self, active):
        self.active = active

    def __enter__(self):
        if not self.active:
            return self
        import threading

        self._saved = os.dup(2)
        read_end, write_end = os.pipe()
        self._read_end = read_end
        self._chunks = []
        os.dup2(write_end, 2)
        os.close(write_end)

        def drain():  # pure Python on a thread of its own: it never touches Java
            while True:
                chunk = os.read(read_end, 65536)
                if not chunk:
                    return
                self._chunks.append(chunk)

        self._reader = threading.Thread(target=drain, name="jkeras-stderr-filter", daemon=True)
        self._reader.start()
        return self

    def __exit__(self, *exc):
        if not self.active:
            return False
        os.dup2(self._saved, 2)  # closes the pipe's last write end: the reader sees its end
        os.close(self._saved)
        self._reader.join(timeout=5)
        os.close(self._read_end)
        kept = [
            line
            for line in b"".join(self._chunks).decode("utf-8", "replace").splitlines(keepends=True)
            if not any(banner in line for banner in _BANNERS)
        ]
        if kept:
            os.write(2, "".join(kept).encode("utf-8"))
        return False


def _guard_exit():
    """Makes the process end, with the JVM's exit status, before C exit handlers that need the GIL.

    The JVM ends with C's exit(), which runs the exit handlers native libraries registered, last
    registered first. HDF5's (loaded by h5py) calls back into Python and takes the GIL; if the Python
    thread holds the GIL at that moment (it is stopped at the JVM's exit safepoint inside a call into
    Java), that handler waits forever and so does the process. Registered after them, this handler
    runs first and ends the process with _exit(status): the JVM has already done its own shutdown
    (hooks, output flushed) before calling exit(), and the kernel frees the rest.
    """
    import h5py  # noqa: F401  (HDF5 registers its exit handler when it initialises; ours must come after)

    libc = ctypes.CDLL(None)
    on_exit = libc.on_exit
    on_exit.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
    # glibc calls the function with (status, arg): _exit(status), exactly the JVM's exit code.
    on_exit(ctypes.cast(libc._exit, ctypes.c_void_p), None)


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
