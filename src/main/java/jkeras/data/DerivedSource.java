package jkeras.data;

/**
 * A source made from one other of the same element type (map, shuffle, take/skip, prefetch): it
 * reads its upstream, has its length unless it says otherwise, and closes it when closed.
 */
abstract class DerivedSource<T extends Record> extends DataSource<T> {
    final DataSource<T> upstream;

    DerivedSource(DataSource<T> upstream) {
        super(upstream.yieldsBatches, upstream);
        this.upstream = upstream;
    }

    @Override
    public long length() {
        return upstream.length();
    }
}
