package jkeras.extending;

import java.util.Arrays;
import java.util.function.Supplier;
import jkeras.internal.HandleScope;
import jkeras.internal.PythonRuntime;

/** The forward function of a train step, as Python calls it under the backend's differentiation. Python calls it. */
final class GradientClosure {
    private final Supplier<StepLoss> forward;

    GradientClosure(Supplier<StepLoss> forward) {
        this.forward = forward;
    }

    public void run() {
        PythonRuntime.upcall(() -> {
            try (HandleScope scope = HandleScope.open()) {
                StepLoss result = forward.get();
                if (result == null) {
                    throw new IllegalArgumentException("the function given to gradients(...) returned null; return step.loss(loss, outputs...)");
                }
                Values.deliver(Arrays.asList(result.loss, result.outputs));
            }
            return null;
        });
    }
}
