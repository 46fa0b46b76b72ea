"""NumPy arrays over jkeras tensors' memory, and tensors over NumPy's: the zero-copy crossing.

Java -> NumPy: ``NumpyBridge.lend`` takes a hold on the memory and says where and what it is, in one
JNI crossing; ``_LentMemory`` exposes it through ``__array_interface__`` and NumPy keeps it as the
array's base, so the hold is released (``unlend``) exactly when NumPy no longer needs the memory.

NumPy -> Java: the array is kept in ``_kept`` under a token and Java wraps its memory; Java calls
``release(token)`` when the last tensor over it is closed. The one copy here is for arrays that are
not C-contiguous or not in native byte order (``np.ascontiguousarray``); an unsupported dtype is an
error, never a silent conversion.
"""
import itertools

import numpy as np

from jkeras import convert, java

SUPPORTED_DTYPES = frozenset(
    ["float32", "float64", "float16", "int8", "int16", "int32", "int64", "uint8", "bool"]
)

_kept = {}
_tokens = itertools.count(1)


class _LentMemory:
    """Java memory seen by NumPy; releases Java's hold when NumPy drops it (it is the array's base)."""

    __slots__ = ("__array_interface__", "_tensor", "_bridge")

    def __init__(self, bridge, tensor, address, shape, typestr, read_only):
        self._bridge = bridge
        self._tensor = tensor
        self.__array_interface__ = {"version": 3, "shape": shape, "typestr": typestr, "data": (address, read_only)}

    def __del__(self):
        self._bridge.unlend(self._tensor)


_typestrs = None


def from_java(tensor):
    """A NumPy array over a Java tensor's memory (no copy)."""
    global _typestrs
    bridge = java.java_class("jkeras.tensor.NumpyBridge")
    if _typestrs is None:
        _typestrs = [np.dtype(name).str for name in bridge.dtypeNames()]
    address, nbytes, dtype, read_only, rank, *shape = bridge.lend(tensor)
    shape = tuple(shape)
    if nbytes == 0:
        bridge.unlend(tensor)
        return np.empty(shape, dtype=_typestrs[dtype])
    return np.asarray(_LentMemory(bridge, tensor, address, shape, _typestrs[dtype], bool(read_only)))


def to_java(array):
    """A Java tensor over the array's memory; copies once only if the array is not C-contiguous."""
    name = array.dtype.name
    if name not in SUPPORTED_DTYPES:
        raise TypeError(
            f"arrays of dtype {name} cannot cross to Java; supported: {', '.join(sorted(SUPPORTED_DTYPES))}"
        )
    if not array.flags.c_contiguous or not array.dtype.isnative:
        array = np.ascontiguousarray(array, dtype=array.dtype.newbyteorder("="))
    bridge = java.java_class("jkeras.tensor.NumpyBridge")
    shape = list(array.shape)
    if array.nbytes == 0:
        return bridge.empty(name, shape)
    token = next(_tokens)
    _kept[token] = array
    address = array.__array_interface__["data"][0]
    return bridge.wrap(address, array.nbytes, name, shape, token, not array.flags.writeable)


def release(token):
    """Java closed the last tensor over the array kept under ``token``."""
    _kept.pop(token, None)


def kept_count():
    """How many NumPy arrays Java tensors still hold (tests check it returns to its start)."""
    return len(_kept)


def data_pointer(array):
    """The address of an array's first element (tests check it equals the Java tensor's)."""
    return array.__array_interface__["data"][0]


convert.tensor_from_java = from_java
convert.tensor_to_java = to_java
convert.is_ndarray = lambda value: isinstance(value, np.ndarray)
convert.is_numpy_scalar = lambda value: isinstance(value, np.generic)
