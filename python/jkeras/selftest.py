"""Small functions the Java test-suite calls to probe the bridge itself."""
import sys


def echo(value):
    """[type name, value] of the argument as Python received it."""
    return [type(value).__name__, value]


def raise_error(type_name, message):
    """Raises the builtin exception ``type_name`` with ``message``."""
    import builtins

    raise getattr(builtins, type_name)(message)


def exit_python(code):
    """Calls sys.exit(code); the JVM must survive it."""
    sys.exit(code)


def thread_ident():
    """The identity of the OS thread running this call."""
    import threading

    return threading.get_ident()


def call_back(java_function, value):
    """Calls a Java function (a java.util.function.Function) with ``value`` and returns its result.

    Lets tests check that Java called from Python may call Python again on the same thread.
    """
    return java_function.apply(value)


def print_lines(text, count):
    """Prints ``text`` ``count`` times to stdout and once to stderr."""
    import sys

    for i in range(count):
        print(f"{text} {i}")
    print(f"{text} on stderr", file=sys.stderr)


# --- arrays: what the Java tests of the zero-copy crossing ask Python to do

_held = []


def pointer_of(array):
    """[address of the array's data, whether NumPy owns that memory]."""
    return [array.__array_interface__["data"][0], bool(array.flags.owndata)]


def hold(array):
    """Keeps the array in Python after the call returns."""
    _held.append(array)
    return len(_held)


def sum_held():
    """Sum of every held array, in float64 (reads their memory)."""
    return float(sum(float(a.sum(dtype="float64")) for a in _held))


def drop_held():
    import gc

    _held.clear()
    gc.collect()


def arange(dtype, shape):
    """[np.arange(prod(shape)) as dtype in that shape, its data pointer]."""
    import numpy as np

    count = int(np.prod(shape)) if len(shape) else 1
    values = np.arange(count) % 2 if dtype == "bool" else np.arange(count) % 251 - (100 if dtype.startswith("int") else 0)
    array = values.astype(dtype).reshape(shape)
    return [array, array.__array_interface__["data"][0]]


def same(array):
    """Returns the array it was given (the same object)."""
    return array


def copy_of(array):
    """A copy of the array in new NumPy memory."""
    return array.copy()


def every_other_column(array):
    """array[:, ::2]: a view that is not C-contiguous."""
    return array[:, ::2]


def describe_array(array):
    """[dtype name, shape, writeable, C-contiguous] of an array as Python received it."""
    return [array.dtype.name, list(array.shape), bool(array.flags.writeable), bool(array.flags.c_contiguous)]


def first_and_last(array):
    flat = array.reshape(-1)
    return [flat[0].item(), flat[-1].item(), int(flat.size)]


def collect_garbage():
    import gc

    gc.collect()


def touch_h5py():
    """Imports h5py, whose C library registers an exit handler that takes the GIL."""
    import h5py  # noqa: F401


def spin_calling_java(java_function, seconds):
    """Calls a Java function in a loop for up to ``seconds``, like a fit with Java callbacks;
    stops early when the calling Java thread is interrupted (or the JVM exits)."""
    import time

    from jkeras import java

    from jkeras import runtime

    java_runtime = java.java_class("jkeras.internal.PythonRuntime")
    call = java_runtime.currentCall()
    deadline = time.monotonic() + seconds
    calls = 0
    while time.monotonic() < deadline and not (runtime.control[0] and java_runtime.atBatchEnd(call)):
        java_function.apply(calls)
        calls += 1
    return calls


# --- handles: whether Python still has an object Java held

_watched = {}


def watch(obj):
    """A token for a weak reference to ``obj``: ``is_alive`` says whether Python still keeps it."""
    import weakref

    token = len(_watched) + 1
    _watched[token] = weakref.ref(obj)
    return token


def is_alive(token):
    import gc

    gc.collect()
    return _watched[token]() is not None
