package jkeras.training;

import jkeras.callbacks.Callback;
import jkeras.runtime.KwArgs;

/** Arguments of {@code Model.predict} besides x. */
public final class PredictArgs extends KwArgs<PredictArgs> {
    public PredictArgs batchSize(int batchSize) {
        return put("batch_size", ArgumentChecks.positive("batchSize", batchSize, "number of samples per batch"));
    }

    /** 0 silent, 1 progress bar, 2 one line. */
    public PredictArgs verbose(int verbose) {
        return put("verbose", ArgumentChecks.verbosity(verbose));
    }

    /** Batches to predict, for inputs that do not say their length. */
    public PredictArgs steps(int steps) {
        return put("steps", ArgumentChecks.positive("steps", steps, "number of batches"));
    }

    public PredictArgs callbacks(Callback... callbacks) {
        return put("callbacks", ArgumentChecks.callbacks("callbacks", callbacks));
    }
}
