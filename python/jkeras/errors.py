"""Python exceptions turned into data that Java rethrows.

A Python error becomes ``jkeras.runtime.PythonException`` (type, message, traceback). A Java
exception thrown by Java code that Python called (a callback, a closed tensor) travels inside a Python
exception (Jep puts the Java throwable in its ``args``); it goes back to Java as itself, with the
Python frames it crossed attached.
"""
import re
import traceback

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# The door every call passes through: its frame says nothing about the error.
_BRIDGE_FILES = ("jkeras/bridge.py", "jkeras\\bridge.py")


class Failure:
    """A Python exception as plain data: what Java receives when it is not in a JVM (tests)."""

    def __init__(self, type_name, message, traceback_text, type_names):
        self.type_name = type_name
        self.message = message
        self.traceback_text = traceback_text
        self.type_names = type_names

    def __repr__(self):
        return f"Failure({self.type_name}: {self.message})"


def qualified_name(cls):
    module = cls.__module__
    return cls.__qualname__ if module in ("builtins", None) else f"{module}.{cls.__qualname__}"


def plain(text):
    """Text without terminal escape codes (Keras bolds argument names in some messages)."""
    return _ANSI.sub("", text)


def traceback_text(error):
    """The traceback as Python prints it, without the bridge's own frame."""
    frames = [f for f in traceback.extract_tb(error.__traceback__) if not f.filename.endswith(_BRIDGE_FILES)]
    lines = ["Traceback (most recent call last):\n", *traceback.format_list(frames)]
    lines += traceback.format_exception_only(type(error), error)
    return plain("".join(lines))


def describe(error):
    """(type name, message, traceback text, names of the type and its bases) of an exception."""
    type_names = [qualified_name(cls) for cls in type(error).__mro__ if cls is not object]
    message = plain(str(error))
    if isinstance(error, SystemExit):
        message = f"SystemExit({error.code!r}) was raised; the JVM keeps running"
    return qualified_name(type(error)), message, traceback_text(error), type_names


# Other ways to find the Java exception behind a Python error that cannot carry it: a Java data
# source's failure reaches Keras through a pipe, and tf.data keeps only its text (jkeras.data).
throwable_finders = []


def java_throwable(error):
    """The Java exception inside ``error`` or its causes (Jep keeps it in ``args[0]``), or None."""
    from jkeras import java

    if not java.available():
        return None
    throwable_class = java.java_class("java.lang.Throwable")
    seen = set()
    cause = error
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        for arg in getattr(cause, "args", ()):
            if isinstance(arg, throwable_class):
                return arg
        cause = cause.__cause__ or cause.__context__
    for finder in throwable_finders:
        found = finder(error)
        if found is not None:
            return found
    return None


# Replaced at start-up by the Java exception class and JavaFailure.of, so a failure crosses as a
# ready Java object.
failure_factory = Failure
java_failure_factory = None


def to_failure(error):
    if java_failure_factory is not None:
        throwable = java_throwable(error)
        if throwable is not None:
            return java_failure_factory(throwable, traceback_text(error))
    return failure_factory(*describe(error))
