package jkeras.callbacks;

import java.util.Map;
import jkeras.internal.PythonRuntime;

/**
 * What Python's {@code jkeras.training.JavaCallback} calls, on the Python thread: the events of a
 * {@link JavaCallbacks}. Not public: only Python reaches it (Jep calls public methods of any class).
 */
final class CallbackDispatch {
    private final JavaCallbacks handlers;

    CallbackDispatch(JavaCallbacks handlers) {
        this.handlers = handlers;
    }

    public boolean wants(String event) {
        return handlers.wants(event);
    }

    public boolean handle(String event, int index, Map<String, Double> logs) {
        return PythonRuntime.upcall(() -> handlers.handle(event, index, logs));
    }
}
