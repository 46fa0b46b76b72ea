package jkeras.extending;

import jkeras.runtime.KwArgs;

/**
 * Keras' {@code add_weight} arguments beyond name and shape:
 * {@code addWeight("kernel", shape(n, units), w -> w.initializer("glorot_uniform").regularizer(regularizerL2()))}.
 */
public final class WeightArgs extends KwArgs<WeightArgs> {
    /** An initializer name ({@code "zeros"}, {@code "he_normal"}) or object ({@code initializerOrthogonal()}); Keras' default when unset. */
    public WeightArgs initializer(Object initializer) {
        return put("initializer", initializer);
    }

    /** A regularizer object or name: its penalty joins the model's loss. */
    public WeightArgs regularizer(Object regularizer) {
        return put("regularizer", regularizer);
    }

    public WeightArgs constraint(Object constraint) {
        return put("constraint", constraint);
    }

    /** Whether training changes it (true unless set). */
    public WeightArgs trainable(boolean trainable) {
        return put("trainable", trainable);
    }

    /** The dtype ({@code "float32"}…); the layer's variable dtype when unset. */
    public WeightArgs dtype(String dtype) {
        return put("dtype", dtype);
    }

    /** Whether a mixed-precision layer casts it to its compute dtype when read (true unless set). */
    public WeightArgs autocast(boolean autocast) {
        return put("autocast", autocast);
    }

    /** How replicas' values combine in distributed training: "none", "mean", "sum", "only_first_replica". */
    public WeightArgs aggregation(String aggregation) {
        return put("aggregation", aggregation);
    }
}
