package jkeras.data;

/** take/skip of a source read in order: counts elements, discarding the skipped ones unmade. */
final class Limited<T extends Record> extends DerivedSource<T> {
    private final long skip;
    private final long take; // -1: no limit

    Limited(DataSource<T> upstream, long skip, long take) {
        super(upstream);
        this.skip = skip;
        this.take = take;
    }

    @Override
    public long length() {
        long n = upstream.length();
        if (n < 0) {
            return -1;
        }
        long left = Math.max(0, n - skip);
        return take < 0 ? left : Math.min(left, take);
    }

    @Override
    Pass<T> open(long pass) {
        checkOpen();
        Pass<T> inner = upstream.open(pass);
        return new Pass<>() {
            private long skipped;
            private long taken;

            @Override
            public Task<T> next() {
                while (skipped < skip) {
                    Task<T> dropped = inner.next();
                    if (dropped == null) {
                        return null;
                    }
                    dropped.discard();
                    skipped++;
                }
                if (take >= 0 && taken >= take) {
                    return null;
                }
                Task<T> task = inner.next();
                if (task != null) {
                    taken++;
                }
                return task;
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }
}
