package jkeras.extending;

import java.util.function.Consumer;
import jkeras.runtime.KwArgs;

/** Keras' base arguments of a metric: its name is the key of its value in the logs and the history. */
public final class MetricOptions extends KwArgs<MetricOptions> {
    public MetricOptions name(String name) {
        return put("name", name);
    }

    public MetricOptions dtype(String dtype) {
        return put("dtype", dtype);
    }

    static MetricOptions of(Consumer<MetricOptions> options) {
        MetricOptions o = new MetricOptions();
        if (options != null) {
            options.accept(o);
        }
        return o;
    }
}
