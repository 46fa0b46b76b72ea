package jkeras.extending;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import jkeras.internal.PythonFunctions;
import jkeras.layers.Layer;
import jkeras.layers.Shape;

/**
 * A Keras layer written in Java: extend it, make weights in {@link #build(Shape)}, compute in
 * {@link #call(Object)} with the ops. Keras' subclassing guide's first layer, in Java:
 * <pre>{@code
 * class Linear extends CustomLayer {
 *     private final int units;
 *     private Weight w, b;
 *
 *     Linear(int units) { this.units = units; }
 *
 *     @Override protected void build(Shape inputShape) {
 *         w = addWeight("w", shapeOf(lastDim(inputShape), units), a -> a.initializer("random_normal"));
 *         b = addWeight("b", shapeOf(units), a -> a.initializer("zeros"));
 *     }
 *
 *     @Override protected Object call(Object inputs) {
 *         return opAdd(opMatmul(inputs, w), b);
 *     }
 *
 *     @Override protected void getConfig(Config config) { config.put("units", units); }
 *
 *     static Linear fromConfig(Config config) { return new Linear(config.getInt("units")); }
 * }
 * }</pre>
 * It is a {@link Layer}: add it to a Sequential model ({@code model.add(new Linear(32))}), apply it
 * to symbolic tensors ({@code new Linear(32).apply(input)}), nest it in another custom layer or
 * model. Layers and metrics held in its fields are tracked as Keras tracks a Python layer's
 * attributes: their weights are this layer's, saved with it.
 *
 * <p>The methods run on the Python thread, called by Keras. Under tensorflow and jax {@code call}
 * runs while Keras traces (once per trace, not per step); under torch at every step. See
 * {@link jkeras.extending} for handles and saving.
 */
public abstract class CustomLayer extends Layer {
    private static final Map<String, Class<?>[]> ASKED_BY_PYTHON = Map.of("computeOutputShape", new Class<?>[] {Shape.class});

    /** A layer named after its class ({@code ResidualDense} → {@code "residual_dense"}). */
    protected CustomLayer() {
        this(null);
    }

    /** A layer with Keras' base arguments: {@code super(o -> o.name("block_1").trainable(false))}. */
    protected CustomLayer(Consumer<LayerOptions> options) {
        super(Shell.create("layer", LayerOptions.of(options)));
        Shell.attach(this, new LayerDispatch(this, CustomLayer.class, new Hooks()), CustomLayer.class, ASKED_BY_PYTHON);
    }

    /**
     * Makes the weights, once the input's shape is known (batch axis first, often unknown). Not
     * overridden: Keras builds the layer by tracing {@code call} (building the layers it uses).
     */
    protected void build(Shape inputShape) {
    }

    /** {@link #build(Shape)} for a layer called on several inputs. */
    protected void build(List<Shape> inputShapes) {
    }

    /**
     * The layer's computation, with {@code training} (true in fit, false in predict, null when not
     * given) and the input's {@code mask} (null without one). Override this, or one of the shorter
     * forms. {@code inputs} is a {@link jkeras.layers.KerasTensor} handle, or a List of them for
     * several inputs; return a tensor handle (the result of an op) or a List of them.
     */
    protected Object call(Object inputs, Boolean training, Object mask) {
        return call(inputs, training);
    }

    /** {@link #call(Object, Boolean, Object)} without the mask. */
    protected Object call(Object inputs, Boolean training) {
        return call(inputs);
    }

    /** {@link #call(Object, Boolean, Object)} for a layer that ignores training and masks. */
    protected Object call(Object inputs) {
        throw new UnsupportedOperationException(getClass().getName()
                + " must override call(inputs), call(inputs, training) or call(inputs, training, mask)");
    }

    /**
     * The output shape for {@code inputShape}, when it can be said without tracing {@code call}.
     * Not overridden: Keras traces {@code call} on symbolic inputs to find it.
     */
    protected Shape computeOutputShape(Shape inputShape) {
        throw new UnsupportedOperationException("computeOutputShape is not overridden by " + getClass().getName());
    }

    /**
     * Puts what this layer needs to be made again (its constructor's arguments) in {@code config};
     * Keras' own entries (name, trainable, dtype) are added by jkeras. Read back by
     * {@code static YourLayer fromConfig(Config)} or a constructor taking a {@link Config}.
     */
    protected void getConfig(Config config) {
    }

    /** A weight of this layer: {@code addWeight("kernel", shape(n, 64), w -> w.initializer("he_normal"))}. */
    protected final Weight addWeight(String name, Shape shape, Consumer<WeightArgs> args) {
        return Weights.add(this, "add_weight", name, shape, args);
    }

    /** A trainable weight with Keras' default initializer (glorot uniform for floats). */
    protected final Weight addWeight(String name, Shape shape) {
        return addWeight(name, shape, null);
    }

    /** A weight's shape from its dimensions: {@code shapeOf(lastDim(inputShape), units)}. */
    protected static Shape shapeOf(long... dims) {
        return Shapes.of(dims);
    }

    /** The last dimension of an input shape (the features), which must be known. */
    protected static long lastDim(Shape inputShape) {
        return Shapes.lastDim(inputShape);
    }

    /**
     * Calls this layer as Python's {@code layer(inputs)} does: on Java {@link jkeras.tensor.Tensor}s it
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

    /** Calls {@code layer} on {@code inputs} (a nested layer, inside {@code call}); training passes on from the caller. */
    protected static Object callLayer(Layer layer, Object inputs) {
        return Shell.callLayer(layer, inputs, null);
    }

    /** Calls {@code layer} on {@code inputs} with an explicit {@code training} flag. */
    protected static Object callLayer(Layer layer, Object inputs, boolean training) {
        return Shell.callLayer(layer, inputs, training);
    }

    /** The hooks the dispatch runs: the protected methods above, chosen as Python asked. */
    private final class Hooks extends LayerHooks {
        @Override
        boolean build(Object shapes) {
            return LayerBuilds.run(CustomLayer.this, CustomLayer.class, shapes,
                    s -> CustomLayer.this.build(s), s -> CustomLayer.this.build(s));
        }

        @Override
        Object call(Object inputs, Boolean training, Object mask) {
            return CustomLayer.this.call(inputs, training, mask);
        }

        @Override
        Object computeOutputShape(Object shapes) {
            if (!(shapes instanceof Shape one)) {
                throw new UnsupportedOperationException(getClass().getName() + ".computeOutputShape takes one input's shape;"
                        + " received " + shapes);
            }
            return CustomLayer.this.computeOutputShape(one);
        }

        @Override
        void getConfig(Config config) {
            CustomLayer.this.getConfig(config);
        }
    }
}
