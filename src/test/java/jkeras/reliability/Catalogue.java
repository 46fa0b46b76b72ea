package jkeras.reliability;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jkeras.runtime.PythonException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;

/**
 * One entry of the bad-input catalogue: a mistake made through the public API and what jkeras must
 * answer. Either the call is {@link #refused}: it throws the given type with a message naming the
 * argument and the value received (every fragment must appear), free of terminal escape codes; or
 * the input is {@link #accepted}: a documented valid behaviour, checked by the entry itself.
 */
final class Catalogue {
    private Catalogue() {}

    /** The call must throw {@code type} (or a subclass) with every fragment in its message. */
    static DynamicTest refused(String mistake, Class<? extends Throwable> type, Executable call, String... fragments) {
        return DynamicTest.dynamicTest(mistake, () -> expect(type, call, fragments));
    }

    /** A documented valid behaviour: {@code check} runs the call and asserts what it gives. */
    static DynamicTest accepted(String input, Executable check) {
        return DynamicTest.dynamicTest(input, check);
    }

    static <T extends Throwable> T expect(Class<T> type, Executable call, String... fragments) {
        T thrown = assertThrows(type, call);
        String message = String.valueOf(thrown.getMessage());
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), () -> "the message lacks \"" + fragment + "\":\n" + message);
        }
        assertFalse(message.contains("\u001b"), () -> "terminal escape codes in the message:\n" + message);
        if (thrown instanceof PythonException python) {
            assertFalse(python.pythonTraceback().contains("\u001b"), () -> "escape codes in the traceback:\n" + python.pythonTraceback());
        }
        return thrown;
    }
}
