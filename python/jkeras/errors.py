"""Python exceptions turned into data that Java rethrows as ``jkeras.runtime.PythonException``."""
import traceback


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


def describe(error):
    """(type name, message, traceback text, names of the type and its bases) of an exception."""
    type_names = [qualified_name(cls) for cls in type(error).__mro__ if cls is not object]
    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    message = str(error)
    if isinstance(error, SystemExit):
        message = f"SystemExit({error.code!r}) was raised; the JVM keeps running"
    return qualified_name(type(error)), message, text, type_names


# Replaced by the Java exception class at start-up, so a failure crosses as a ready Java exception.
failure_factory = Failure


def to_failure(error):
    return failure_factory(*describe(error))
