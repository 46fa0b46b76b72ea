package jkeras.data;

/** {@link DataSource#prefetch}: the same elements, with the hand-over's queue depth and producer threads set. */
final class Prefetched<T extends Record> extends DerivedSource<T> {
    Prefetched(DataSource<T> upstream, int depth, int threads) {
        super(upstream);
        this.prefetchDepth = depth;
        this.producerThreads = threads;
    }

    @Override
    Pass<T> open(long pass) {
        checkOpen();
        return upstream.open(pass);
    }
}
