package jkeras;

/**
 * The root of jkeras' own exceptions: a Python error ({@link jkeras.runtime.PythonException}), a
 * Python side that is missing or unusable ({@link jkeras.runtime.KerasSetupException}), a call that
 * could not run. Mistakes in arguments are Java's own {@link IllegalArgumentException} and
 * {@link IllegalStateException}, and a Java exception thrown by Java code that Keras called (a
 * callback) reaches the caller as itself, not as one of these.
 */
public class KerasException extends RuntimeException {
    public KerasException(String message) {
        super(message);
    }

    public KerasException(String message, Throwable cause) {
        super(message, cause);
    }

    /** For exceptions that fill their stack trace or suppression themselves. */
    protected KerasException(String message, Throwable cause, boolean enableSuppression, boolean writableStackTrace) {
        super(message, cause, enableSuppression, writableStackTrace);
    }
}
