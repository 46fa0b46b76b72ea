package jkeras.models;

import jkeras.layers.Shape;
import jkeras.runtime.KwArgs;

/** Arguments of {@code keras.Sequential}, plus the input shape R keras takes there. */
public final class SequentialArgs extends KwArgs<SequentialArgs> {
    /** Shape of one sample (no batch axis): the model starts with {@code keras.Input(shape)}. */
    public SequentialArgs inputShape(Integer... dims) {
        return put("input_shape", tuple(dims));
    }

    public SequentialArgs inputShape(Shape shape) {
        return put("input_shape", shape);
    }

    /** The model's name. */
    public SequentialArgs name(String name) {
        return put("name", name);
    }

    /** Whether the model's weights are trained. */
    public SequentialArgs trainable(boolean trainable) {
        return put("trainable", trainable);
    }
}
