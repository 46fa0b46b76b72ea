package jkeras.serving;

import java.time.Duration;
import java.util.Arrays;

/**
 * How a {@link BatchingPredictor} gathers requests into batches:
 * {@code model.predictor(p -> p.maxBatchSize(32).maxDelay(Duration.ofMillis(2)).queueCapacity(1024))}.
 */
public final class BatchingOptions {
    private int maxBatchSize = 32;
    private Duration maxDelay = Duration.ofMillis(2);
    private int queueCapacity = 1024;
    private long[] batchSizes;
    private Duration closeTimeout = Duration.ofSeconds(30);

    /** Most rows one batch runs (default 32). A single request with more rows runs alone. */
    public BatchingOptions maxBatchSize(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("maxBatchSize: expected at least 1; received " + rows);
        }
        this.maxBatchSize = rows;
        return this;
    }

    /**
     * Longest a request waits for others to join its batch (default 2 ms). A batch never waits while
     * a full batch is queued, nor for more rows than the previous batch had: one client sending one
     * request at a time is not delayed, many clients fill batches.
     */
    public BatchingOptions maxDelay(Duration delay) {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("maxDelay: expected a duration of 0 or more; received " + delay);
        }
        this.maxDelay = delay;
        return this;
    }

    /** Most requests waiting at once (default 1024); one more is refused at once with {@link PredictionRejectedException}. */
    public BatchingOptions queueCapacity(int requests) {
        if (requests < 1) {
            throw new IllegalArgumentException("queueCapacity: expected at least 1; received " + requests);
        }
        this.queueCapacity = requests;
        return this;
    }

    /**
     * The sizes batches are padded to (with rows of zeros, whose outputs are dropped). JAX compiles
     * the model once per batch size, so there the default is powers of two up to {@code maxBatchSize};
     * TensorFlow and torch run any size as it comes unless sizes are given here.
     */
    public BatchingOptions batchSizes(long... sizes) {
        BatchSizes.of(sizes); // checks them
        this.batchSizes = sizes.clone();
        return this;
    }

    /**
     * How long {@link BatchingPredictor#close()} lets the queued requests run (default 30 s); those
     * still waiting then fail with {@link PredictionRejectedException}.
     */
    public BatchingOptions closeTimeout(Duration timeout) {
        if (timeout == null || timeout.isNegative()) {
            throw new IllegalArgumentException("closeTimeout: expected a duration of 0 or more; received " + timeout);
        }
        this.closeTimeout = timeout;
        return this;
    }

    int maxBatchSize() {
        return maxBatchSize;
    }

    Duration maxDelay() {
        return maxDelay;
    }

    int queueCapacity() {
        return queueCapacity;
    }

    long[] batchSizes() {
        return batchSizes == null ? null : batchSizes.clone();
    }

    Duration closeTimeout() {
        return closeTimeout;
    }

    @Override
    public String toString() {
        return "maxBatchSize " + maxBatchSize + ", maxDelay " + maxDelay + ", queueCapacity " + queueCapacity
                + (batchSizes == null ? "" : ", batchSizes " + Arrays.toString(batchSizes)) + ", closeTimeout " + closeTimeout;
    }
}
