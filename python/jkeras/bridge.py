"""The one door from Java into Python.

Java calls ``invoke("jkeras.module:function", kwargs, *args)`` (``call`` is the same with the
arguments as a list); only functions of this package can be
named, and every value arrives as an argument, never as source text. Nothing raised below, not even
``SystemExit`` or ``KeyboardInterrupt``, escapes: it comes back as a failure Java rethrows.
"""
import importlib

from jkeras import convert, errors

_PACKAGE = "jkeras"
_functions = {}


def resolve(target):
    """The function ``module:function`` of this package (cached)."""
    found = _functions.get(target)
    if found is not None:
        return found
    module_name, _, name = target.partition(":")
    if not name or not (module_name == _PACKAGE or module_name.startswith(_PACKAGE + ".")):
        raise ValueError(f"not a function of the {_PACKAGE} package: {target!r}")
    if name.startswith("_"):
        raise ValueError(f"{target!r} is private to the Python side")
    found = getattr(importlib.import_module(module_name), name)
    if not callable(found):
        raise TypeError(f"{target!r} is not callable")
    _functions[target] = found
    return found


def call(target, args=None, kwargs=None):
    """Runs one Java request; returns its result for Java, or a failure Java rethrows."""
    return invoke(target, kwargs, *(args if args is not None else ()))


def invoke(target, kwargs, *args):
    """``call`` as the JVM makes it: the positional arguments as arguments of the Python call, so Jep
    converts each one straight away instead of wrapping a Java array that Python then walks."""
    try:
        function = resolve(target)
        positional = [convert.from_java(a) for a in args]
        keywords = convert.from_java(kwargs) if kwargs is not None else {}
        return convert.to_java(function(*positional, **keywords))
    except BaseException as error:  # noqa: B036 - SystemExit and KeyboardInterrupt must not end the JVM
        return errors.to_failure(error)
