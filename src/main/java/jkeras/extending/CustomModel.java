package jkeras.extending;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import jkeras.internal.PythonFunctions;
import jkeras.layers.Layer;
import jkeras.layers.Shape;
import jkeras.models.Model;

/**
 * A Keras model written in Java (Keras' "subclassed" model): layers in fields, the forward pass in
 * {@link #call(Object)}, and, when the default training is not what you want, your own
 * {@link #trainStep} and {@link #testStep}. It is a {@link Model}: compile, fit, evaluate, predict,
 * save as any other.
 * <pre>{@code
 * class Classifier extends CustomModel {
 *     private final Layer hidden = layerDense(64, d -> d.activation("relu"));
 *     private final Layer output = layerDense(10, d -> d.activation("softmax"));
 *
 *     @Override protected Object call(Object inputs) {
 *         return callLayer(output, callLayer(hidden, inputs));
 *     }
 * }
 * }</pre>
 *
 * <p><b>Custom steps.</b> {@link #trainStep} receives the batch and the means of a train step
 * ({@link TrainStep}): the forward pass and loss inside {@link TrainStep#gradients}, then
 * {@link TrainStep#applyGradients} and {@link Step#updateMetrics}. jkeras runs it the way the
 * backend needs: a {@code GradientTape} on tensorflow; on jax inside Keras' {@code jax.jit}, the
 * variables mapped to the step's state (a {@code StatelessScope}) and the gradients taken with
 * {@code jax.value_and_grad}, so the same Java step trains on both; on torch with
 * {@code backward()}, running at every step (nothing is traced there).
 */
public abstract class CustomModel extends Model {
    private static final Map<String, Class<?>[]> ASKED_BY_PYTHON = Map.of(
            "trainStep", new Class<?>[] {TrainStep.class},
            "testStep", new Class<?>[] {TestStep.class});

    /** A model named after its class. */
    protected CustomModel() {
        this(null);
    }

    /** A model with Keras' base arguments: {@code super(o -> o.name("classifier"))}. */
    protected CustomModel(Consumer<LayerOptions> options) {
        super(Shell.create("model", LayerOptions.of(options)));
        Shell.attach(this, new LayerDispatch(this, CustomModel.class, new Hooks()), CustomModel.class, ASKED_BY_PYTHON);
    }

    /** Makes weights of the model's own once the input shape is known; not overridden: Keras traces {@code call}. */
    protected void build(Shape inputShape) {
    }

    protected void build(List<Shape> inputShapes) {
    }

    /** The forward pass; {@code training} is true in fit, false in evaluate and predict. See {@link CustomLayer#call(Object, Boolean, Object)}. */
    protected Object call(Object inputs, Boolean training, Object mask) {
        return call(inputs, training);
    }

    protected Object call(Object inputs, Boolean training) {
        return call(inputs);
    }

    protected Object call(Object inputs) {
        throw new UnsupportedOperationException(getClass().getName()
                + " must override call(inputs), call(inputs, training) or call(inputs, training, mask)");
    }

    /**
     * One training step on one batch; returns the logs (metric name to value), as Keras' own does.
     * This implementation is Keras' own step, written with {@link TrainStep}: override it and call
     * {@code super.trainStep(step)} to add to it, or write your own.
     */
    protected Map<String, Object> trainStep(TrainStep step) {
        Gradients gradients = step.gradients(() -> {
            Object yPred = step.callModel(step.x());
            return step.loss(step.computeLoss(yPred), yPred);
        });
        step.applyGradients(gradients);
        return step.updateMetrics(gradients.loss(), gradients.output(0));
    }

    /** One evaluation step; this implementation is Keras' own. */
    protected Map<String, Object> testStep(TestStep step) {
        Object yPred = step.callModel(step.x());
        return step.updateMetrics(step.computeLoss(yPred), yPred);
    }

    /** Puts what this model needs to be made again in {@code config}; see {@link CustomLayer#getConfig(Config)}. */
    protected void getConfig(Config config) {
    }

    /** A weight of the model's own (besides its layers'). */
    protected final Weight addWeight(String name, Shape shape, Consumer<WeightArgs> args) {
        return Weights.add(this, "add_weight", name, shape, args);
    }

    protected final Weight addWeight(String name, Shape shape) {
        return addWeight(name, shape, null);
    }

    protected static Shape shapeOf(long... dims) {
        return Shapes.of(dims);
    }

    protected static long lastDim(Shape inputShape) {
        return Shapes.lastDim(inputShape);
    }

    /**
     * Calls this model as Python's {@code layer(inputs)} does: on Java {@link jkeras.tensor.Tensor}s it
     * runs now and returns a Tensor over NumPy's memory (close it); on symbolic tensors, a
     * {@link jkeras.layers.KerasTensor}. For {@code KerasTensor}s of the functional API,
     * {@link #apply} says the same more plainly.
     */
    public final <T> T callOn(Object inputs) {
        @SuppressWarnings("unchecked")
        T result = (T) Shell.callLayer(this, inputs, null);
        return result;
    }

    /** {@link #callOn(Object)} with an explicit {@code training} flag. */
    public final <T> T callOn(Object inputs, boolean training) {
        @SuppressWarnings("unchecked")
        T result = (T) Shell.callLayer(this, inputs, training);
        return result;
    }

    /**
     * Adds a loss term (a scalar tensor handle) to the model's loss, from {@code call}: an activity
     * regularization, the KL term of a variational autoencoder. Keras clears them at each call.
     */
    protected final void addLoss(Object loss) {
        jkeras.internal.PythonRuntime.get().call(PythonFunctions.EXTENDING_ADD_LOSS, this, loss);
    }

    /** Calls {@code layer} on {@code inputs} inside {@code call}; training passes on from the caller. */
    protected static Object callLayer(Layer layer, Object inputs) {
        return Shell.callLayer(layer, inputs, null);
    }

    protected static Object callLayer(Layer layer, Object inputs, boolean training) {
        return Shell.callLayer(layer, inputs, training);
    }

    private final class Hooks extends LayerHooks {
        @Override
        boolean build(Object shapes) {
            return LayerBuilds.run(CustomModel.this, CustomModel.class, shapes,
                    s -> CustomModel.this.build(s), s -> CustomModel.this.build(s));
        }

        @Override
        Object call(Object inputs, Boolean training, Object mask) {
            return CustomModel.this.call(inputs, training, mask);
        }

        @Override
        Object computeOutputShape(Object shapes) {
            throw new UnsupportedOperationException("a CustomModel's output shape comes from tracing call");
        }

        @Override
        void getConfig(Config config) {
            CustomModel.this.getConfig(config);
        }

        @Override
        Map<String, Object> trainStep(TrainStep step) {
            return CustomModel.this.trainStep(step);
        }

        @Override
        Map<String, Object> testStep(TestStep step) {
            return CustomModel.this.testStep(step);
        }
    }
}
