package jkeras.data;

/** {@link DataSource#prefetch}: the same elements, with the hand-over's queue depth and producer threads set. */
final class Prefetched<T extends Record> extends DataSource<T> {
    private final DataSource<T> upstream;

    Prefetched(DataSource<T> upstream, int depth, int threads) {
        super(upstream.yieldsBatches, upstream);
        this.upstream = upstream;
        this.prefetchDepth = depth;
        this.producerThreads = threads;
    }

    @Override
    public long length() {
        return upstream.length();
    }

    @Override
    Pass<T> open(long pass) {
        checkOpen();
        return upstream.open(pass);
    }
}
