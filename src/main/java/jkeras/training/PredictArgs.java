package jkeras.training;

import java.util.Arrays;
import jkeras.callbacks.Callback;
import jkeras.runtime.KwArgs;

/** Arguments of {@code Model.predict} besides x. */
public final class PredictArgs extends KwArgs<PredictArgs> {
    public PredictArgs batchSize(int batchSize) {
        return put("batch_size", batchSize);
    }

    /** 0 silent, 1 progress bar, 2 one line. */
    public PredictArgs verbose(int verbose) {
        return put("verbose", verbose);
    }

    /** Batches to predict, for inputs that do not say their length. */
    public PredictArgs steps(int steps) {
        return put("steps", steps);
    }

    public PredictArgs callbacks(Callback... callbacks) {
        return put("callbacks", Arrays.asList((Object[]) callbacks));
    }
}
