package jkeras.extending;

import java.util.function.BinaryOperator;
import jkeras.internal.HandleScope;
import jkeras.internal.PythonRuntime;

/** What Python's JavaLossFunction and JavaMetricFunction call: a Java function of (yTrue, yPred). Python calls it. */
final class FunctionDispatch {
    private final String name;
    private final BinaryOperator<Object> function;

    FunctionDispatch(String name, BinaryOperator<Object> function) {
        this.name = name;
        this.function = function;
    }

    public String name() {
        return name;
    }

    public void call(Object yTrue, Object yPred) {
        PythonRuntime.upcall(() -> {
            try (HandleScope scope = HandleScope.open()) {
                Values.deliver(function.apply(Values.tensors(yTrue), Values.tensors(yPred)));
            }
            return null;
        });
    }
}
