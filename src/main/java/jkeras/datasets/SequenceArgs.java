package jkeras.datasets;

import jkeras.runtime.KwArgs;

/** Options of Keras' IMDB and Reuters loaders. */
public final class SequenceArgs extends KwArgs<SequenceArgs> {
    /** Keep only the this many most frequent words (others become the out-of-vocabulary index). */
    public SequenceArgs numWords(int numWords) {
        return put("num_words", numWords);
    }

    /** Skip the this many most frequent words (stop words). */
    public SequenceArgs skipTop(int skipTop) {
        return put("skip_top", skipTop);
    }

    /** Drop sequences longer than this. */
    public SequenceArgs maxlen(int maxlen) {
        return put("maxlen", maxlen);
    }

    public SequenceArgs seed(int seed) {
        return put("seed", seed);
    }

    public SequenceArgs startChar(int index) {
        return put("start_char", index);
    }

    public SequenceArgs oovChar(int index) {
        return put("oov_char", index);
    }

    public SequenceArgs indexFrom(int index) {
        return put("index_from", index);
    }

    /** Reuters only: fraction of the data for the test split. */
    public SequenceArgs testSplit(double fraction) {
        return put("test_split", fraction);
    }
}
