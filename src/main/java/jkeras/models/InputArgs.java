package jkeras.models;

import jkeras.runtime.KwArgs;

/** Arguments of {@code keras.Input} besides the shape (every one of Keras'; a test checks it). */
public final class InputArgs extends KwArgs<InputArgs> {
    /** A fixed batch size, when the model needs one (stateful RNNs). */
    public InputArgs batchSize(int batchSize) {
        return put("batch_size", batchSize);
    }

    /** Element type: "float32" (default), "int32" for token ids… */
    public InputArgs dtype(String dtype) {
        return put("dtype", dtype);
    }

    public InputArgs sparse(boolean sparse) {
        return put("sparse", sparse);
    }

    public InputArgs ragged(boolean ragged) {
        return put("ragged", ragged);
    }

    /** The full shape, batch axis included, instead of {@code shape}. */
    public InputArgs batchShape(Integer... dims) {
        return put("batch_shape", tuple(dims));
    }

    /** The input's name: keys of dictionary inputs, names in the summary. */
    public InputArgs name(String name) {
        return put("name", name);
    }

    /** Wrap an existing backend tensor instead of making a placeholder. */
    public InputArgs tensor(Object tensor) {
        return put("tensor", tensor);
    }

    /** The input may be None. */
    public InputArgs optional(boolean optional) {
        return put("optional", optional);
    }
}
