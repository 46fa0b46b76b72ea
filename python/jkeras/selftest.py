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
