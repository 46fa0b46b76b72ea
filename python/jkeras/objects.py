"""Generic access to Python objects Java holds handles to."""


def describe(obj):
    """repr() of the object, for PythonObject.toString()."""
    return repr(obj)
