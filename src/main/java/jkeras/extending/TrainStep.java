package jkeras.extending;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import jkeras.internal.PythonFunctions;
import jkeras.internal.PythonRuntime;

/**
 * One batch of a Java {@code trainStep}: the forward pass under {@link #gradients}, then
 * {@link #applyGradients} and {@link #updateMetrics}. Keras' own step, in Java:
 * <pre>{@code
 * Gradients g = step.gradients(() -> {
 *     Object yPred = step.callModel(step.x());
 *     return step.loss(step.computeLoss(yPred), yPred);    // the loss, and what to keep
 * });
 * step.applyGradients(g);
 * return step.updateMetrics(g.loss(), g.output(0));
 * }</pre>
 */
public final class TrainStep extends Step {
    TrainStep(CustomModel model, Object x, Object y, Object sampleWeight) {
        super(model, x, y, sampleWeight, true);
    }

    /**
     * The value {@link #gradients}' function returns: the {@code loss} to differentiate, and the
     * {@code outputs} (predictions, extra terms for the logs) needed after it.
     */
    public StepLoss loss(Object loss, Object... outputs) {
        if (loss == null) {
            throw new IllegalArgumentException("loss(loss, outputs...): expected the loss tensor; received null");
        }
        return new StepLoss(loss, Arrays.asList(outputs));
    }

    /**
     * Runs {@code forward} (the forward pass and the loss) so that the backend can differentiate
     * it: the gradients of the loss with respect to the model's trainable weights, the loss and the
     * outputs. Everything needed after must be returned through {@link #loss}: on jax the values
     * computed inside exist only there (their handles are closed when it returns).
     */
    public Gradients gradients(Supplier<StepLoss> forward) {
        if (forward == null) {
            throw new IllegalArgumentException("gradients(forward): expected a function returning step.loss(...); received null");
        }
        List<?> result = (List<?>) Values.tensors(PythonRuntime.get().call(PythonFunctions.EXTENDING_STEPS_GRADIENTS, model, new GradientClosure(forward)));
        return new Gradients(result.get(0), (List<?>) result.get(1), (List<?>) result.get(2));
    }

    /** The optimizer's update of the trainable weights with these gradients. */
    public void applyGradients(Gradients gradients) {
        PythonRuntime.get().call(PythonFunctions.EXTENDING_STEPS_APPLY_GRADIENTS, model, gradients.values());
    }
}
