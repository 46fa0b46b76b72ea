"""Python ends of the benchmarks in bench/ (scripts/bench): arrays to hand over, routes to compare."""
import numpy as np

from jkeras import java

_arrays = {}


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
