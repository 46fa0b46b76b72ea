"""Python's stdout and stderr, written through Java's System.out and System.err.

Embedded, Python's own streams are block-buffered when the JVM's output is a pipe, so Keras' progress
bar would arrive late or never; written through Java, it arrives as it is printed, interleaved
correctly with Java's output, and whatever a Java program did with System.setOut applies to it.
Threads Python started itself write straight to the original streams: Java is reachable only from
the thread Jep runs on.
"""
import io
import threading

from jkeras import java


class JavaConsoleStream(io.TextIOBase):
    def __init__(self, original, to_stderr):
        self._original = original
        self._to_stderr = to_stderr
        self._console = java.java_class("jkeras.runtime.PythonConsole")
        self._owner = threading.get_ident()

    @property
    def encoding(self):
        return "utf-8"

    def writable(self):
        return True

    def isatty(self):
        return False

    def fileno(self):
        return self._original.fileno()

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if threading.get_ident() == self._owner:
            self._console.write(self._to_stderr, text)
        else:
            self._original.write(text)
            self._original.flush()
        return len(text)

    def flush(self):
        if threading.get_ident() != self._owner:
            self._original.flush()


def redirect_to_java():
    import sys

    if not isinstance(sys.stdout, JavaConsoleStream):
        sys.stdout = JavaConsoleStream(sys.__stdout__, False)
        sys.stderr = JavaConsoleStream(sys.__stderr__, True)
