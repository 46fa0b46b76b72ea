package jkeras.internal;

import jkeras.runtime.PythonException;

/**
 * A Java exception thrown by Java code that Python called (a callback, a tensor closed under a
 * call), travelling back through Python to the Java caller, who gets the same exception object,
 * with the Python frames between attached as a suppressed exception.
 */
final class JavaFailure {
    private final Throwable thrown;
    private final String pythonTraceback;

    private JavaFailure(Throwable thrown, String pythonTraceback) {
        this.thrown = thrown;
        this.pythonTraceback = pythonTraceback;
    }

    /** Called by Python ({@code jkeras.errors}) with the Java throwable it found in the Python exception. */
    public static JavaFailure of(Throwable thrown, String pythonTraceback) {
        return new JavaFailure(thrown, pythonTraceback);
    }

    /** Throws the original exception (checked ones too) with the Python context attached once. */
    RuntimeException rethrow() {
        boolean attached = false;
        for (Throwable s : thrown.getSuppressed()) {
            attached |= s instanceof PythonException.PythonContext;
        }
        if (!attached && !pythonTraceback.isEmpty()) {
            thrown.addSuppressed(new PythonException.PythonContext(pythonTraceback));
        }
        throw Sneaky.<RuntimeException>rethrow(thrown);
    }
}
