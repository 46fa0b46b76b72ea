package jkeras.runtime;

/**
 * The Python side of jkeras is missing or unusable: no environment, a version mismatch, a library
 * that will not load. The message says what is wrong and the command that fixes it.
 */
public class KerasSetupException extends RuntimeException {
    public KerasSetupException(String message) {
        super(message);
    }

    public KerasSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
