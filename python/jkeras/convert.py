"""Values crossing between Java and Python.

Jep already turns Java strings and boxed numbers into Python ones and back. What it leaves as Java
objects (collections, arrays, jkeras tensors) is converted here, so the functions of this package only
ever see plain Python values; results go the other way.

Java -> Python: ``List`` -> list, ``Map`` -> dict, ``int[]``/``long[]``/``double[]``… -> tuple (Keras
wants tuples for shapes and kernel sizes), ``jkeras.runtime.PyTuple`` -> tuple, ``jkeras.tensor.Tensor``
-> numpy array over the same memory. Python objects Java holds come back as themselves (Jep does that).

Python -> Java: numpy scalars -> Python numbers, tuples -> lists, numpy arrays -> ``Tensor`` over
numpy's memory (``jkeras.arrays``); any other object stays a Python object Java holds a handle to.
"""
from jkeras import java

_SCALARS = (type(None), bool, int, float, str, bytes)

# Java types other modules convert, by Java class name: "module:function" of this package, imported
# on first use (jkeras.tensor.StringTensor becomes a NumPy array of str).
JAVA_CONVERTERS = {"jkeras.tensor.StringTensor": "jkeras.text:strings_from_java"}
_converters = {}

# Hooks the arrays module installs (it needs numpy; this module must not).
tensor_from_java = None   # (java Tensor) -> numpy.ndarray
tensor_to_java = None     # (numpy.ndarray) -> java Tensor
is_ndarray = lambda value: False  # noqa: E731
is_numpy_scalar = lambda value: False  # noqa: E731


class Handle:
    """A Python object handed to Java as a handle that Jep would otherwise copy into a Java array
    (eager TensorFlow tensors have the buffer protocol). ``from_java`` gives the object back."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value

    def __getattr__(self, name):
        return getattr(self.value, name)

    def __repr__(self):
        return repr(self.value)


class _NoClass:
    """Stands in for a Java class whose converter is not installed: nothing is an instance of it."""


class _JavaTypes:
    """Java classes looked up once; None outside a JVM."""

    def __init__(self):
        self.loaded = False

    def load(self):
        if not self.loaded and java.available():
            self.list = java.java_class("java.util.List")
            self.map = java.java_class("java.util.Map")
            self.tuple = java.java_class("jkeras.runtime.PyTuple")
            self.tensor = java.java_class("jkeras.tensor.Tensor") if tensor_from_java else _NoClass
            self.loaded = True
        return self.loaded


_java = _JavaTypes()


def from_java(value):
    """A Java argument (as Jep hands it over) as a plain Python value."""
    if isinstance(value, _SCALARS):
        return value
    if isinstance(value, Handle):
        return value.value
    if isinstance(value, (list, tuple)):
        return type(value)(from_java(v) for v in value)
    if isinstance(value, dict):
        return {from_java(k): from_java(v) for k, v in value.items()}
    if _java.load():
        if isinstance(value, _java.tensor):
            return tensor_from_java(value)
        if isinstance(value, _java.tuple):
            return tuple(from_java(v) for v in value.items())
        if isinstance(value, _java.list):
            return [from_java(v) for v in value]
        if isinstance(value, _java.map):
            # Entries, not get(key): a key converted to Python and back is no longer the Java key
            # (an Integer comes back a Long), so get() would miss.
            return {from_java(e.getKey()): from_java(e.getValue()) for e in value.entrySet()}
        if type(value).__name__ == "PyJArray":
            return tuple(from_java(v) for v in value)
        for class_name, target in JAVA_CONVERTERS.items():
            if isinstance(value, java.java_class(class_name)):
                return _converter(target)(value)
    return value


def _converter(target):
    found = _converters.get(target)
    if found is None:
        import importlib

        module_name, _, name = target.partition(":")
        found = _converters[target] = getattr(importlib.import_module(module_name), name)
    return found


def to_java(value):
    """A Python result in the form Java receives best (see module doc)."""
    if isinstance(value, _SCALARS):
        return value
    if isinstance(value, (list, tuple)):
        return [to_java(v) for v in value]
    if isinstance(value, dict):
        return {str(k) if not isinstance(k, str) else k: to_java(v) for k, v in value.items()}
    if is_numpy_scalar(value):
        return value.item()
    if is_ndarray(value) and tensor_to_java is not None:
        return tensor_to_java(value)
    return value
