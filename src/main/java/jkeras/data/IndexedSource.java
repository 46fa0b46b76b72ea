package jkeras.data;

/**
 * A source of samples with random access (in-memory tensors, record files): it can hand over a
 * range of rows as views and gather any rows into a batch, so shuffling permutes indices and
 * batching copies at most one batch at a time.
 */
abstract class IndexedSource extends DataSource<Example> {
    IndexedSource(DataSource<?> upstream) {
        super(false, upstream);
    }

    /** Samples in storage. */
    abstract long size();

    /** The order pass {@code pass} reads them in. */
    IndexOrder order(long pass) {
        return IndexOrder.all(size());
    }

    /** Sample {@code i}. */
    abstract Example example(long i);

    /** Samples {@code from .. to} as one batch, over the storage where it can (no copy). */
    abstract Batch rows(long from, long to);

    /** Samples {@code indices[from .. from + count)} gathered into one batch (a copy). */
    abstract Batch gather(long[] indices, int from, int count);

    @Override
    public long length() {
        return order(0).length();
    }

    @Override
    Pass<Example> open(long pass) {
        checkOpen();
        IndexOrder order = order(pass);
        return new Pass<>() {
            private long next;

            @Override
            public Task<Example> next() {
                if (next >= order.length()) {
                    return null;
                }
                long sample = order.at(next++);
                return () -> example(sample);
            }

            @Override
            public void close() {}
        };
    }
}
