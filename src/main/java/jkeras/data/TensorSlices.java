package jkeras.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Samples from in-memory tensors ({@link DataSource#fromTensors}): the source holds a view of each
 * tensor (so the caller may close its own), and reads rows through short-lived views, so closing
 * the source while a batch is being cut never frees memory in use.
 */
final class TensorSlices extends IndexedSource {
    private final Parts x;
    private final Parts y;
    private final Parts weight;
    private final long rows;

    TensorSlices(Parts x, Parts y, Parts weight) {
        super(null);
        if (x.isEmpty()) {
            throw new IllegalArgumentException("fromTensors(x, ...): x is null");
        }
        this.rows = checkRows(x, y, weight);
        List<Object> held = new ArrayList<>();
        try {
            this.x = hold(x, held);
            this.y = hold(y, held);
            this.weight = hold(weight, held);
        } catch (RuntimeException | Error e) {
            held.forEach(Parts::close);
            throw e;
        }
    }

    private static long checkRows(Parts... slots) {
        String[] names = {"x", "y", "weight"};
        long rows = -1;
        String firstLabel = null;
        for (int s = 0; s < slots.length; s++) {
            for (int i = 0; i < slots[s].count(); i++) {
                Object array = slots[s].arrays.get(i);
                String label = slots[s].label(names[s], i);
                if (DataShapes.shape(array).length == 0) {
                    throw new IllegalArgumentException("fromTensors: " + label + " is a scalar; each array needs one row per sample");
                }
                long n = DataShapes.rows(array);
                if (rows < 0) {
                    rows = n;
                    firstLabel = label;
                } else if (n != rows) {
                    throw new IllegalArgumentException("fromTensors: " + label + " has " + n + " rows but " + firstLabel + " has " + rows
                            + "; every array needs one row per sample");
                }
            }
        }
        return rows;
    }

    private static Parts hold(Parts parts, List<Object> held) {
        List<Object> views = new ArrayList<>();
        for (Object array : parts.arrays) {
            Object view = DataShapes.hold(array);
            held.add(view);
            views.add(view);
        }
        return parts.with(views);
    }

    @Override
    long size() {
        return rows;
    }

    @Override
    Example example(long i) {
        return cut(parts -> slice(parts, array -> DataShapes.row(array, i)), Example::new);
    }

    @Override
    Batch rows(long from, long to) {
        return cut(parts -> slice(parts, array -> DataShapes.rows(array, from, to)), Batch::new);
    }

    @Override
    Batch gather(long[] indices, int from, int count) {
        return cut(parts -> slice(parts, array -> {
            Object held = DataShapes.hold(array); // the rows are read through this hold
            try {
                return DataShapes.gather(held, indices, from, count);
            } finally {
                Parts.close(held);
            }
        }), Batch::new);
    }

    private interface Maker<R> {
        R make(Parts x, Parts y, Parts weight);
    }

    private <R extends Record> R cut(java.util.function.Function<Parts, Parts> slicer, Maker<R> maker) {
        checkOpen();
        List<Parts> made = new ArrayList<>();
        try {
            for (Parts parts : new Parts[] {x, y, weight}) {
                made.add(slicer.apply(parts));
            }
            return maker.make(made.get(0), made.get(1), made.get(2));
        } catch (IllegalStateException closed) {
            made.forEach(p -> p.arrays.forEach(Parts::close));
            if (isClosed()) {
                throw new IllegalStateException("the data source was closed while its samples were being read", closed);
            }
            throw closed;
        } catch (RuntimeException | Error e) {
            made.forEach(p -> p.arrays.forEach(Parts::close));
            throw e;
        }
    }

    private static Parts slice(Parts parts, java.util.function.Function<Object, Object> each) {
        List<Object> out = new ArrayList<>();
        try {
            for (Object array : parts.arrays) {
                out.add(each.apply(array));
            }
        } catch (RuntimeException | Error e) {
            out.forEach(Parts::close);
            throw e;
        }
        return parts.with(out);
    }

    @Override
    void release() {
        for (Parts parts : new Parts[] {x, y, weight}) {
            parts.arrays.forEach(Parts::close);
        }
    }
}
