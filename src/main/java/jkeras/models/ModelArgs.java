package jkeras.models;

import jkeras.runtime.KwArgs;

/** Arguments of {@code keras.Model(inputs, outputs, ...)} besides inputs and outputs. */
public final class ModelArgs extends KwArgs<ModelArgs> {
    public ModelArgs name(String name) {
        return put("name", name);
    }

    public ModelArgs trainable(boolean trainable) {
        return put("trainable", trainable);
    }
}
