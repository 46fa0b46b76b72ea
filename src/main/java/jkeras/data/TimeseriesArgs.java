package jkeras.data;

import jkeras.runtime.KwArgs;

/** Options of Keras' {@code timeseries_dataset_from_array}. */
public final class TimeseriesArgs extends KwArgs<TimeseriesArgs> {
    /** Steps between two samples of a sequence (1: consecutive). */
    public TimeseriesArgs samplingRate(int rate) {
        return put("sampling_rate", rate);
    }

    /** Steps between the starts of two sequences. */
    public TimeseriesArgs sequenceStride(int stride) {
        return put("sequence_stride", stride);
    }

    public TimeseriesArgs shuffle(boolean shuffle) {
        return put("shuffle", shuffle);
    }

    public TimeseriesArgs seed(int seed) {
        return put("seed", seed);
    }

    /** Sequences per batch (Keras: 128). */
    public TimeseriesArgs batchSize(int batchSize) {
        return put("batch_size", batchSize);
    }

    /** The first index of data used. */
    public TimeseriesArgs startIndex(int index) {
        return put("start_index", index);
    }

    /** One past the last index of data used. */
    public TimeseriesArgs endIndex(int index) {
        return put("end_index", index);
    }
}
