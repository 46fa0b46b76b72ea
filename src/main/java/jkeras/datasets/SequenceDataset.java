package jkeras.datasets;

/** A text dataset: train and test sequences of word indices with labels. */
public record SequenceDataset(SequenceSplit train, SequenceSplit test) implements AutoCloseable {
    @Override
    public void close() {
        train.close();
        test.close();
    }
}
