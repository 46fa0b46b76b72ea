package jkeras.extending;

import java.util.function.Consumer;
import jkeras.internal.PythonFunctions;
import jkeras.internal.PythonRuntime;
import jkeras.losses.Loss;
import jkeras.metrics.Metric;
import jkeras.runtime.PythonObject;

/**
 * Keras losses and metrics made of Java functions (what {@code lossFunction} and
 * {@code metricFunction} of {@link jkeras.Keras} make): registered under their name, saved by it.
 */
public final class FunctionLosses {
    private FunctionLosses() {}

    /** A Keras loss calling {@code function}, registered as {@code name} (a generated one when null). */
    public static Loss loss(String name, LossFunction function, Consumer<LossOptions> options) {
        if (function == null) {
            throw new IllegalArgumentException("lossFunction(name, function): expected a function; received null");
        }
        String registered = name != null ? name : CustomObjects.unnamedFunction("loss");
        CustomObjects.register(registered, function);
        return new FunctionLoss(PythonObject.wrap(PythonRuntime.get().call(PythonFunctions.EXTENDING_LOSS_FUNCTION, registered,
                LossOptions.of(options).toMap())));
    }

    /** A Keras metric averaging {@code function} over the samples, registered and named as {@code name}. */
    public static Metric metric(String name, MetricFunction function) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("metricFunction(name, function): expected the metric's name (its key in the logs); received "
                    + (name == null ? "null" : "\"" + name + "\""));
        }
        if (function == null) {
            throw new IllegalArgumentException("metricFunction(name, function): expected a function; received null");
        }
        CustomObjects.register(name, function);
        return new FunctionMetric(PythonObject.wrap(PythonRuntime.get().call(PythonFunctions.EXTENDING_METRIC_FUNCTION, name, java.util.Map.of())));
    }

    private static final class FunctionLoss extends Loss {
        FunctionLoss(PythonObject handle) {
            super(handle);
        }
    }

    private static final class FunctionMetric extends Metric {
        FunctionMetric(PythonObject handle) {
            super(handle);
        }
    }
}
