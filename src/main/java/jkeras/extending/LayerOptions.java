package jkeras.extending;

import java.util.function.Consumer;
import jkeras.runtime.KwArgs;

/** Keras' base arguments of a layer or model, for a Java custom one's constructor: {@code super(o -> o.name("block"))}. */
public final class LayerOptions extends KwArgs<LayerOptions> {
    /** The name (unique in a model); made from the class name when unset ({@code "residual_dense"}). */
    public LayerOptions name(String name) {
        return put("name", name);
    }

    public LayerOptions trainable(boolean trainable) {
        return put("trainable", trainable);
    }

    /** The dtype or dtype policy ({@code "float32"}, {@code "mixed_float16"}). */
    public LayerOptions dtype(String dtype) {
        return put("dtype", dtype);
    }

    /** The shape of one sample, for a layer that starts a Sequential model. */
    public LayerOptions inputShape(Integer... shape) {
        return put("input_shape", tuple(shape));
    }

    static LayerOptions of(Consumer<LayerOptions> options) {
        LayerOptions o = new LayerOptions();
        if (options != null) {
            options.accept(o);
        }
        return o;
    }
}
