package jkeras.models;

import jkeras.internal.PythonFunctions;
import jkeras.internal.PythonRuntime;
import jkeras.layers.Layer;
import jkeras.layers.LayerMethods;
import jkeras.runtime.PythonObject;

/**
 * A linear stack of layers, made by {@code kerasModelSequential()} and grown by chaining layers as in
 * R: {@code kerasModelSequential().layerDense(256, d -> d.activation("relu").inputShape(784)).layerDropout(0.4)}.
 * The input shape goes on the first layer ({@code inputShape}) or on the model itself
 * ({@code kerasModelSequential(s -> s.inputShape(784))}).
 */
public final class Sequential extends Model implements LayerMethods<Sequential> {
    Sequential(PythonObject handle) {
        super(handle);
    }

    /** A new Sequential model with {@code args} (what {@code kerasModelSequential(...)} calls). */
    public static Sequential create(SequentialArgs args) {
        return (Sequential) Model.wrap(PythonRuntime.get().call(PythonFunctions.MODELS_SEQUENTIAL, args.toMap()));
    }

    /** Adds {@code layer} on top; fails here if its input does not fit the model's output. */
    public Sequential add(Layer layer) {
        if (layer == null) {
            throw new IllegalArgumentException("add(layer): expected a Keras layer; received null");
        }
        PythonRuntime.get().call(PythonFunctions.MODELS_SEQUENTIAL_ADD, this, layer);
        return this;
    }

    /** Same as {@link #add}: what the generated {@code layer...} methods call. */
    @Override
    public Sequential then(Layer layer) {
        return add(layer);
    }

    /** Removes the last layer (R's {@code pop_layer}). */
    public Sequential popLayer() {
        callMethod("pop");
        return this;
    }
}
