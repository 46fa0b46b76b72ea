package jkeras.datasets;

import java.util.List;
import jkeras.tensor.Tensor;

/**
 * Word-index sequences of varying length (IMDB, Reuters) and their labels. Make them one tensor with
 * {@code padSequences(x, maxlen)}.
 */
public record SequenceSplit(List<int[]> x, Tensor y) implements AutoCloseable {
    @Override
    public void close() {
        y.close();
    }
}
