"""Access to Java classes from Python, when running inside jkeras' JVM.

Outside a JVM (the package's own pytest run) ``available()`` is False and the pure-Python fallbacks of
the other modules are used.
"""
try:
    from _jep import forName as _for_name  # the native half of Jep exists only when embedded
except ImportError:  # plain CPython
    _for_name = None

_classes = {}


def available():
    return _for_name is not None


def java_class(name):
    """The Java class ``name``, usable for calls and ``isinstance`` checks (cached)."""
    if _for_name is None:
        raise RuntimeError("Java classes are only reachable inside the JVM")
    found = _classes.get(name)
    if found is None:
        found = _classes[name] = _for_name(name)
    return found
