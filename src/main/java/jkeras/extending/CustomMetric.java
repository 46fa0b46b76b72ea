package jkeras.extending;

import java.util.Map;
import java.util.function.Consumer;
import jkeras.internal.HandleScope;
import jkeras.internal.PythonRuntime;
import jkeras.layers.Shape;
import jkeras.metrics.Metric;

/**
 * A stateful Keras metric written in Java: variables made in the constructor, updated batch by
 * batch in {@link #updateState}, read by {@link #result}, zeroed by {@link #resetState} at each
 * epoch. Keras' guide's true-positives counter, in Java:
 * <pre>{@code
 * class TruePositives extends CustomMetric {
 *     private final Weight count = addVariable("count", shapeOf(), v -> v.initializer("zeros"));
 *
 *     TruePositives() { super(o -> o.name("true_positives")); }
 *
 *     @Override protected void updateState(Object yTrue, Object yPred, Object sampleWeight) {
 *         Object hits = opLogicalAnd(opEqual(opCast(yTrue, "bool"), true), opEqual(opCast(yPred, "bool"), true));
 *         count.assignAdd(opSum(opCast(hits, "float32")));
 *     }
 *     @Override protected Object result() { return count; }
 * }
 * }</pre>
 * Under tensorflow and jax, {@code updateState} and {@code result} run while Keras traces its
 * steps: changes go through the variables ({@link Weight#assignAdd}), never through Java fields.
 */
public abstract class CustomMetric extends Metric {
    private static final Map<String, Class<?>[]> ASKED_BY_PYTHON = Map.of("resetState", new Class<?>[0]);

    /** A metric named after its class. */
    protected CustomMetric() {
        this(null);
    }

    /** A metric with Keras' base arguments: {@code super(o -> o.name("true_positives"))} (the name is its key in the logs). */
    protected CustomMetric(Consumer<MetricOptions> options) {
        super(Shell.create("metric", MetricOptions.of(options)));
        Shell.attach(this, new Dispatch(), CustomMetric.class, ASKED_BY_PYTHON);
    }

    /** A variable of the metric's state (Keras' {@code add_variable}; float32 zeros unless {@code args} say otherwise). */
    protected final Weight addVariable(String name, Shape shape, Consumer<WeightArgs> args) {
        return Weights.add(this, "add_variable", name, shape, a -> {
            a.initializer("zeros");
            if (args != null) {
                args.accept(a);
            }
        });
    }

    protected static Shape shapeOf(long... dims) {
        return Shapes.of(dims);
    }

    /** Accumulates one batch: {@code sampleWeight} is null when fit has none. */
    protected abstract void updateState(Object yTrue, Object yPred, Object sampleWeight);

    /** The metric's value from its variables (a tensor handle, or a variable itself). */
    protected abstract Object result();

    /** Resets the state at the start of each epoch; Keras' own (every variable to zeros) unless overridden. */
    protected void resetState() {
    }

    /** Puts the metric's own arguments; see {@link CustomLayer#getConfig(Config)}. */
    protected void getConfig(Config config) {
    }

    /** What Python's JavaMetric calls. */
    final class Dispatch {
        public Object owner() {
            return CustomMetric.this;
        }

        public void updateState(Object yTrue, Object yPred, Object sampleWeight) {
            PythonRuntime.upcall(() -> {
                try (HandleScope scope = HandleScope.open()) {
                    CustomMetric.this.updateState(Values.tensors(yTrue), Values.tensors(yPred), Values.tensors(sampleWeight));
                }
                return null;
            });
        }

        public void result() {
            PythonRuntime.upcall(() -> {
                try (HandleScope scope = HandleScope.open()) {
                    Values.deliver(CustomMetric.this.result());
                }
                return null;
            });
        }

        public void resetState() {
            PythonRuntime.upcall(() -> {
                try (HandleScope scope = HandleScope.open()) {
                    CustomMetric.this.resetState();
                }
                return null;
            });
        }

        public void getConfig() {
            PythonRuntime.upcall(() -> {
                try (HandleScope scope = HandleScope.open()) {
                    Config config = new Config(CustomMetric.this.getClass().getName());
                    CustomMetric.this.getConfig(config);
                    Values.deliver(config.asMap());
                }
                return null;
            });
        }
    }
}
