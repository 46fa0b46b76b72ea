package jkeras.training;

import jkeras.callbacks.Callback;
import jkeras.runtime.KwArgs;
import jkeras.tensor.Tensor;

/** Arguments of {@code Model.evaluate} besides x and y (jkeras always asks Keras for named results). */
public final class EvaluateArgs extends KwArgs<EvaluateArgs> {
    public EvaluateArgs batchSize(int batchSize) {
        return put("batch_size", ArgumentChecks.positive("batchSize", batchSize, "number of samples per batch"));
    }

    /** 0 silent, 1 progress bar, 2 one line. */
    public EvaluateArgs verbose(int verbose) {
        return put("verbose", ArgumentChecks.verbosity(verbose));
    }

    public EvaluateArgs sampleWeight(Tensor weights) {
        return put("sample_weight", weights);
    }

    /** Batches to evaluate, for inputs that do not say their length. */
    public EvaluateArgs steps(int steps) {
        return put("steps", ArgumentChecks.positive("steps", steps, "number of batches"));
    }

    public EvaluateArgs callbacks(Callback... callbacks) {
        return put("callbacks", ArgumentChecks.callbacks("callbacks", callbacks));
    }
}
