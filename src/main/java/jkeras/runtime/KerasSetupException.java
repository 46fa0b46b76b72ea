package jkeras.runtime;

import jkeras.KerasException;

/**
 * The Python side of jkeras is missing or unusable, or the JVM lacks a flag jkeras needs: no
 * environment, a version mismatch, a library that will not load. The message says what is wrong and
 * the command that fixes it.
 */
public class KerasSetupException extends KerasException {
    public KerasSetupException(String message) {
        super(message);
    }

    public KerasSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
