package jkeras.extending;

import java.util.LinkedHashMap;
import java.util.Map;
import jkeras.internal.PythonFunctions;
import jkeras.internal.PythonRuntime;

/**
 * One batch in a Java {@code trainStep} or {@code testStep}, and what Keras' own steps are made of.
 * The tensors are handles, symbolic while Keras traces the step.
 */
public abstract sealed class Step permits TrainStep, TestStep {
    final CustomModel model;
    private final Object x;
    private final Object y;
    private final Object sampleWeight;
    private final boolean training;

    Step(CustomModel model, Object x, Object y, Object sampleWeight, boolean training) {
        this.model = model;
        this.x = x;
        this.y = y;
        this.sampleWeight = sampleWeight;
        this.training = training;
    }

    /** The batch's inputs (a tensor handle, or a List or Map of them). */
    public Object x() {
        return x;
    }

    /** The batch's targets, or null. */
    public Object y() {
        return y;
    }

    /** The batch's sample weights, or null. */
    public Object sampleWeight() {
        return sampleWeight;
    }

    /** The model on {@code inputs}: {@code model(inputs, training=True)} in a train step, False in a test step. */
    public Object callModel(Object inputs) {
        return Shell.callLayer(model, inputs, training);
    }

    /** The compiled loss of {@code yPred} against this batch's targets and sample weights, plus the model's regularization losses. */
    public Object computeLoss(Object yPred) {
        return computeLoss(x, y, yPred, sampleWeight);
    }

    /** The model's {@code compute_loss(x, y, y_pred, sample_weight)}. */
    public Object computeLoss(Object x, Object y, Object yPred, Object sampleWeight) {
        return Values.tensors(PythonRuntime.get().call(PythonFunctions.EXTENDING_STEPS_COMPUTE_LOSS, model, x, y, yPred, sampleWeight, training));
    }

    /**
     * What Keras' steps do last: updates the loss tracker with {@code loss} (when not null) and the
     * compiled metrics with {@code yPred}; returns the logs, metric name to value. Add entries of
     * your own to the map to see them in the history.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> updateMetrics(Object loss, Object yPred) {
        Object logs = PythonRuntime.get().call(PythonFunctions.EXTENDING_STEPS_UPDATE_METRICS, model, x, y, yPred, sampleWeight, loss);
        return new LinkedHashMap<>((Map<String, Object>) Values.tensors(logs));
    }
}
