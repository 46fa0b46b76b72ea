"""Python ends of the benchmarks in bench/ (scripts/bench): arrays to hand over, routes to compare."""
import numpy as np

from jkeras import java

_arrays = {}

SEQUENCE_LENGTH = 80
VOCABULARY = 1000


def make_synthetic_cifar(samples, seed):
    """32x32x3 float32 images in 0..1 and int64 labels 0..9: CIFAR-10's shape when the data is absent."""
    rng = np.random.RandomState(seed)
    x = rng.randint(0, 256, size=(samples, 32, 32, 3)).astype("float32") / np.float32(255.0)
    y = rng.randint(0, 10, size=(samples,)).astype("int64")
    return [x, y]


def make_sequences(samples, seed):
    """int32 sequences of word indices; label 1.0 when more than 8 of the 80 indices are below 100."""
    rng = np.random.RandomState(seed)
    x = rng.randint(1, VOCABULARY, size=(samples, SEQUENCE_LENGTH)).astype("int32")
    y = ((x < 100).sum(axis=1) > 8).astype("float32")
    return [x, y]


def noop():
    """Nothing: the cost of a call itself."""
    return None


def prepare(key, count):
    """Keeps a float32 array of ``count`` elements under ``key``, for NumPy -> Java timings."""
    _arrays[key] = np.arange(count, dtype=np.float32)
    return key


def discard(key):
    _arrays.pop(key, None)


def hand_over(key):
    """The kept array, as jkeras hands NumPy arrays to Java (a tensor over the same memory)."""
    return _arrays[key]


def hand_over_copied(key):
    """The kept array through Jep's own conversion, which copies it into a Java float[] (jep.NDArray)."""
    holder = java.java_class("java.util.ArrayList")()
    holder.add(_arrays[key])
    return holder


def pointer(array):
    """Address of the array's data: proves it arrived (and, for tensors, without a copy)."""
    return array.__array_interface__["data"][0]


def import_arrow_c(array_address, schema_address, shape):
    """Java -> NumPy through the Arrow C Data Interface (pyarrow), for comparison."""
    import pyarrow as pa

    imported = pa.Array._import_from_c(array_address, schema_address)
    return imported.to_numpy(zero_copy_only=True).reshape(shape).__array_interface__["data"][0]


def export_arrow_c(key, array_address, schema_address):
    """NumPy -> Java through the Arrow C Data Interface: exports the kept array into Java's structs."""
    import pyarrow as pa

    pa.array(_arrays[key], type=pa.float32())._export_to_c(array_address, schema_address)
    return _arrays[key].__array_interface__["data"][0]


def make_sample(features, seed):
    """[one float32 sample of shape (1, features)], the same for every driver."""
    return [np.random.RandomState(seed).rand(1, features).astype("float32")]


def busy(microseconds):
    """Spins for ``microseconds`` holding the GIL: a stand-in for a short Keras call."""
    import time

    end = time.perf_counter() + microseconds / 1e6
    while time.perf_counter() < end:
        pass


def time_calls(function, args, repeats):
    """Times ``function(*args)`` on this (the Python) thread: [per-call wall ns..., process CPU ns of all calls]."""
    import time

    out = []
    cpu = time.process_time_ns()
    for _ in range(repeats):
        start = time.perf_counter_ns()
        function(*args)
        out.append(time.perf_counter_ns() - start)
    out.append(time.process_time_ns() - cpu)
    return out


def time_predictor(predictor, x, repeats):
    """The serving call from Python itself: the predictor on a NumPy array a Python user owns."""
    owned = np.array(x)
    return time_calls(predictor.predict, (owned,), repeats)


def time_noop(repeats):
    return time_calls(noop, (), repeats)


def process_cpu_ns():
    """CPU time of the whole process (every thread, native ones included), in ns."""
    import time

    return time.process_time_ns()

def fit_hooks_seconds(callback, repeats):
    """Seconds of each of ``repeats`` batches' worth of the work jkeras adds to fit, timed in Python:
    a Java callback's two batch hooks (``callback`` wants no batch events, so they stay in Python)
    and jkeras' between-batch check (one read of shared memory). For the benchmark's model of the
    overhead."""
    import time

    from jkeras.training import _JavaAttention

    hooks, check = callback, _JavaAttention()
    out = []
    for _ in range(repeats):
        start = time.perf_counter()
        hooks.on_train_batch_begin(0)
        hooks.on_train_batch_end(0, {})
        check.on_train_batch_end(0)
        out.append(time.perf_counter() - start)
    return out
