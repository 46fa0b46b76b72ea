package jkeras.runtime;

import java.util.List;
import jkeras.KerasException;

/**
 * An exception raised in Python, rethrown in the Java thread that made the call.
 *
 * <p>It carries the Python type (qualified, e.g. {@code ValueError} or
 * {@code keras.src.ops.operation.SomeError}), the message, and the Python traceback text, which is
 * also the message of its cause so that a printed stack trace shows both sides.
 */
public class PythonException extends KerasException {
    private final String pythonType;
    private final String pythonMessage;
    private final String pythonTraceback;
    private final List<String> pythonTypeHierarchy;

    /** Made by the Python side ({@code jkeras.errors}) when a call fails. */
    public PythonException(String pythonType, String pythonMessage, String pythonTraceback,
                           List<String> pythonTypeHierarchy) {
        super(pythonType + ": " + pythonMessage, new PythonTraceback(pythonTraceback));
        this.pythonType = pythonType;
        this.pythonMessage = pythonMessage;
        this.pythonTraceback = pythonTraceback;
        this.pythonTypeHierarchy = List.copyOf(pythonTypeHierarchy);
    }

    /** The Python exception's class, qualified by module unless it is a builtin. */
    public String pythonType() {
        return pythonType;
    }

    /** {@code str(exception)} in Python. */
    public String pythonMessage() {
        return pythonMessage;
    }

    /** The traceback, formatted as Python prints it. */
    public String pythonTraceback() {
        return pythonTraceback;
    }

    /** Whether the Python exception is an instance of the named class ({@code "ValueError"}, {@code "OSError"}…). */
    public boolean isInstanceOf(String pythonClass) {
        return pythonTypeHierarchy.contains(pythonClass);
    }

    /** Holds the Python traceback so that {@code printStackTrace()} shows it as the cause. */
    static final class PythonTraceback extends RuntimeException {
        PythonTraceback(String traceback) {
            super("Python traceback:\n" + traceback, null, false, false);
        }
    }

    /**
     * Attached (suppressed) to a Java exception that Java code called from Python threw, on its way
     * back to the Java caller: the Python frames it crossed, from the Java call into Keras to the
     * Java code that threw.
     */
    public static final class PythonContext extends RuntimeException {
        public PythonContext(String traceback) {
            super("thrown through Python; Python traceback:\n" + traceback, null, false, false);
        }
    }
}
