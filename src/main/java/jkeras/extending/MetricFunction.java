package jkeras.extending;

/**
 * A metric written as a Java function: per-sample values from the targets and the predictions,
 * averaged by Keras over the epoch ({@code keras.metrics.MeanMetricWrapper}). Made into a Keras
 * metric by {@code metricFunction("mean_error", (yTrue, yPred) -> ...)}.
 */
@FunctionalInterface
public interface MetricFunction {
    Object call(Object yTrue, Object yPred);
}
