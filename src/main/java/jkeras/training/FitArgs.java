package jkeras.training;

import java.util.List;
import java.util.Map;
import jkeras.callbacks.Callback;
import jkeras.runtime.KwArgs;
import jkeras.runtime.PyTuple;
import jkeras.tensor.Tensor;

/**
 * Arguments of {@code Model.fit} besides x and y: one setter per keyword argument of Keras' method
 * (a test checks that none is missing). {@code model.fit(x, y, f -> f.epochs(10).batchSize(128).validationSplit(0.2))}.
 */
public final class FitArgs extends KwArgs<FitArgs> {
    private boolean viewMetrics;

    /**
     * Draws this fit's metrics live in the browser (R's {@code view_metrics}): a page on a local
     * server, address printed, updated each epoch. Java-side only: not a Keras argument, never
     * sent to Python. For options (batch updates, title) pass {@code callbackViewMetrics(...)} instead.
     */
    public FitArgs viewMetrics(boolean view) {
        this.viewMetrics = view;
        return this;
    }

    /** Whether {@link #viewMetrics(boolean)} asked for the live page. */
    public boolean viewMetricsRequested() {
        return viewMetrics;
    }

    /** Samples per gradient update (Keras' default 32); a positive number. */
    public FitArgs batchSize(int batchSize) {
        return put("batch_size", ArgumentChecks.positive("batchSize", batchSize, "number of samples per batch"));
    }

    /** Epoch to stop at (counting from 0, so with {@link #initialEpoch} the number trained is the difference). */
    public FitArgs epochs(int epochs) {
        return put("epochs", ArgumentChecks.notNegative("epochs", epochs, "the epoch to stop at, counted from 0"));
    }

    /** 0 silent, 1 progress bar (the default on a console), 2 one line per epoch. */
    public FitArgs verbose(int verbose) {
        return put("verbose", ArgumentChecks.verbosity(verbose));
    }

    /** Keras' callbacks ({@code callbackEarlyStopping(...)}) and Java ones ({@code callbackLambda(...)}). */
    public FitArgs callbacks(Callback... callbacks) {
        return put("callbacks", ArgumentChecks.callbacks("callbacks", callbacks));
    }

    public FitArgs callbacks(List<Callback> callbacks) {
        return put("callbacks", ArgumentChecks.callbacks("callbacks", callbacks));
    }

    /** Fraction of the training data (taken from the end, before shuffling) held out for validation: 0 to 1, 1 excluded. */
    public FitArgs validationSplit(double fraction) {
        return put("validation_split", ArgumentChecks.fraction("validationSplit", fraction, "of the training data to hold out"));
    }

    /** Data to validate on at the end of each epoch. */
    public FitArgs validationData(Tensor x, Tensor y) {
        return put("validation_data", PyTuple.of(x, y));
    }

    /** Validation data with sample weights. */
    public FitArgs validationData(Tensor x, Tensor y, Tensor sampleWeight) {
        return put("validation_data", PyTuple.of(x, y, sampleWeight));
    }

    /** Validation data for multi-input or multi-output models (lists or maps of tensors). */
    public FitArgs validationData(Object x, Object y) {
        return put("validation_data", PyTuple.of(x, y));
    }

    /** Shuffle the training data before each epoch (default true). */
    public FitArgs shuffle(boolean shuffle) {
        return put("shuffle", shuffle);
    }

    /** Weight of each class in the loss, by class index (for unbalanced classes). */
    public FitArgs classWeight(Map<Integer, Double> weights) {
        return put("class_weight", ArgumentChecks.classWeights(weights));
    }

    /** Weight of each sample in the loss: shape [samples] (or [samples, timesteps]). */
    public FitArgs sampleWeight(Tensor weights) {
        return put("sample_weight", weights);
    }

    /** Epoch to start from (resuming a previous fit). */
    public FitArgs initialEpoch(int epoch) {
        return put("initial_epoch", ArgumentChecks.notNegative("initialEpoch", epoch, "the epoch to start from, counted from 0"));
    }

    /** Batches per epoch, for inputs that do not say their length. */
    public FitArgs stepsPerEpoch(int steps) {
        return put("steps_per_epoch", ArgumentChecks.positive("stepsPerEpoch", steps, "number of batches"));
    }

    /** Batches of validation data per validation run. */
    public FitArgs validationSteps(int steps) {
        return put("validation_steps", ArgumentChecks.positive("validationSteps", steps, "number of batches"));
    }

    /** Batch size for validation (default: batchSize). */
    public FitArgs validationBatchSize(int batchSize) {
        return put("validation_batch_size", ArgumentChecks.positive("validationBatchSize", batchSize, "number of samples per batch"));
    }

    /** Validate every this many epochs. */
    public FitArgs validationFreq(int epochs) {
        return put("validation_freq", ArgumentChecks.positive("validationFreq", epochs, "number of epochs"));
    }
}
