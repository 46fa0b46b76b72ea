package jkeras.data;

import java.util.function.BiFunction;
import java.util.function.LongUnaryOperator;

/** Shuffle, take or skip of a random-access source: the same storage read in another order. */
final class Reordered extends IndexedSource {
    private final IndexedSource storage;
    private final IndexedSource previous;
    private final BiFunction<IndexOrder, Long, IndexOrder> reorder;
    private final LongUnaryOperator lengthAfter;

    private Reordered(IndexedSource previous, BiFunction<IndexOrder, Long, IndexOrder> reorder, LongUnaryOperator lengthAfter) {
        super(previous);
        this.previous = previous;
        this.storage = previous instanceof Reordered r ? r.storage : previous;
        this.reorder = reorder;
        this.lengthAfter = lengthAfter;
    }

    static Reordered shuffled(IndexedSource source, long seed) {
        return new Reordered(source, (order, pass) -> order.shuffle(seed, pass), n -> n);
    }

    static Reordered taken(IndexedSource source, long count) {
        return new Reordered(source, (order, pass) -> order.take(count), n -> Math.min(n, count));
    }

    static Reordered skipped(IndexedSource source, long count) {
        return new Reordered(source, (order, pass) -> order.skip(count), n -> Math.max(0, n - count));
    }

    @Override
    long size() {
        return storage.size();
    }

    @Override
    IndexOrder order(long pass) {
        return reorder.apply(previous.order(pass), pass);
    }

    @Override
    public long length() {
        return lengthAfter.applyAsLong(previous.length());
    }

    @Override
    Example example(long i) {
        checkOpen();
        return storage.example(i);
    }

    @Override
    Batch rows(long from, long to) {
        checkOpen();
        return storage.rows(from, to);
    }

    @Override
    Batch gather(long[] indices, int from, int count) {
        checkOpen();
        return storage.gather(indices, from, count);
    }
}
