package jkeras.models;

import jkeras.layers.Layer;
import jkeras.layers.LayerMethods;
import jkeras.runtime.PythonObject;
import jkeras.runtime.PythonRuntime;

/**
 * A linear stack of layers, made by {@code kerasModelSequential()} and grown by chaining layers as in
 * R: {@code kerasModelSequential().layerDense(256, d -> d.activation("relu").inputShape(784)).layerDropout(0.4)}.
 * The input shape goes on the first layer ({@code inputShape}) or on the model itself
 * ({@code kerasModelSequential(s -> s.inputShape(784))}).
 */
public final class Sequential extends Model implements LayerMethods<Sequential> {
    public Sequential(PythonObject handle) {
        super(handle);
    }

    /** Adds {@code layer} on top; fails here if its input does not fit the model's output. */
    public Sequential add(Layer layer) {
        PythonRuntime.get().call("jkeras.models:sequential_add", this, layer);
        return this;
    }

    /** Same as {@link #add}: what the generated {@code layer...} methods call. */
    @Override
    public Sequential then(Layer layer) {
        return add(layer);
    }

    /** Removes the last layer (R's {@code pop_layer}). */
    public Sequential popLayer() {
        callOnSelf("jkeras.models:pop_layer");
        return this;
    }
}
