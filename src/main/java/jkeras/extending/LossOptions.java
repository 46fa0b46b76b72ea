package jkeras.extending;

import java.util.function.Consumer;
import jkeras.runtime.KwArgs;

/** Keras' base arguments of a loss: {@code super(o -> o.name("huber_like").reduction("sum"))}. */
public final class LossOptions extends KwArgs<LossOptions> {
    public LossOptions name(String name) {
        return put("name", name);
    }

    /** How per-sample losses become one: "sum_over_batch_size" (default), "sum", "mean", "mean_with_sample_weight", "none". */
    public LossOptions reduction(String reduction) {
        return put("reduction", reduction);
    }

    public LossOptions dtype(String dtype) {
        return put("dtype", dtype);
    }

    static LossOptions of(Consumer<LossOptions> options) {
        LossOptions o = new LossOptions();
        if (options != null) {
            options.accept(o);
        }
        return o;
    }
}
