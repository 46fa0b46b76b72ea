package jkeras.extending;

import java.util.Map;
import java.util.function.Consumer;
import jkeras.internal.HandleScope;
import jkeras.internal.PythonRuntime;
import jkeras.losses.Loss;

/**
 * A Keras loss written in Java, with arguments of its own (saved with the model):
 * <pre>{@code
 * class ScaledMse extends CustomLoss {
 *     private final double scale;
 *     ScaledMse(double scale) { this.scale = scale; }
 *
 *     @Override protected Object call(Object yTrue, Object yPred) {
 *         return opMultiply(scale, opMean(opSquare(opSubtract(yTrue, yPred)), m -> m.axis(-1)));
 *     }
 *     @Override protected void getConfig(Config config) { config.put("scale", scale); }
 *     static ScaledMse fromConfig(Config config) { return new ScaledMse(config.getDouble("scale")); }
 * }
 * model.compile(c -> c.optimizer("adam").loss(new ScaledMse(0.5)));
 * }</pre>
 * For a loss without arguments, {@code lossFunction(name, (yTrue, yPred) -> ...)} is shorter.
 */
public abstract class CustomLoss extends Loss {
    /** A loss named after its class, reduced by Keras' default (the mean over the batch). */
    protected CustomLoss() {
        this(null);
    }

    /** A loss with Keras' base arguments: {@code super(o -> o.name("my_loss").reduction("sum"))}. */
    protected CustomLoss(Consumer<LossOptions> options) {
        super(Shell.create("loss", LossOptions.of(options)));
        Shell.attach(this, new Dispatch(), CustomLoss.class, Map.of());
    }

    /** Per-sample losses (one value per sample, or per element: Keras reduces them), from tensor handles. */
    protected abstract Object call(Object yTrue, Object yPred);

    /** Puts the loss's own arguments; see {@link CustomLayer#getConfig(Config)}. */
    protected void getConfig(Config config) {
    }

    /** What Python's JavaLoss calls. */
    final class Dispatch {
        public Object owner() {
            return CustomLoss.this;
        }

        public void call(Object yTrue, Object yPred) {
            PythonRuntime.upcall(() -> {
                try (HandleScope scope = HandleScope.open()) {
                    Values.deliver(CustomLoss.this.call(Values.tensors(yTrue), Values.tensors(yPred)));
                }
                return null;
            });
        }

        public void getConfig() {
            PythonRuntime.upcall(() -> {
                try (HandleScope scope = HandleScope.open()) {
                    Config config = new Config(CustomLoss.this.getClass().getName());
                    CustomLoss.this.getConfig(config);
                    Values.deliver(config.asMap());
                }
                return null;
            });
        }
    }
}
