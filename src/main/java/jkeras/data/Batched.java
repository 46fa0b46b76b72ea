package jkeras.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Samples stacked into batches. Over a random-access source without a map in between, a batch is
 * cut straight from storage: consecutive rows as views, shuffled rows gathered in one copy. Over
 * any other source, the samples' tasks are collected in order and the batch task runs them and
 * stacks their arrays (so producer threads make whole batches in parallel).
 */
final class Batched extends DataSource<Batch> {
    private final DataSource<Example> samples;
    private final int size;
    private final boolean dropRemainder;

    Batched(DataSource<Example> samples, int size, boolean dropRemainder) {
        super(true, samples);
        this.samples = samples;
        this.size = size;
        this.dropRemainder = dropRemainder;
    }

    @Override
    public long length() {
        long n = samples.length();
        if (n < 0) {
            return -1;
        }
        return dropRemainder ? n / size : (n + size - 1) / size;
    }

    @Override
    Pass<Batch> open(long pass) {
        checkOpen();
        if (samples instanceof IndexedSource indexed) {
            return fromStorage(indexed, indexed.order(pass));
        }
        return stacking(samples.open(pass));
    }

    private Pass<Batch> fromStorage(IndexedSource indexed, IndexOrder order) {
        return new Pass<>() {
            private long next;

            @Override
            public Task<Batch> next() {
                long left = order.length() - next;
                if (left <= 0 || dropRemainder && left < size) {
                    return null;
                }
                long first = next;
                int count = (int) Math.min(size, left);
                next += count;
                if (order.contiguous()) {
                    long from = order.start() + first;
                    return () -> indexed.rows(from, from + count);
                }
                int at = Math.toIntExact(order.start() + first);
                return () -> indexed.gather(order.permutation(), at, count);
            }

            @Override
            public void close() {}
        };
    }

    private Pass<Batch> stacking(Pass<Example> upstream) {
        return new Pass<>() {
            @Override
            public Task<Batch> next() {
                List<Task<Example>> parts = new ArrayList<>(size);
                Task<Example> task;
                while (parts.size() < size && (task = upstream.next()) != null) {
                    parts.add(task);
                }
                if (parts.isEmpty() || dropRemainder && parts.size() < size) {
                    parts.forEach(Task::discard);
                    return null;
                }
                return new Task<>() {
                    @Override
                    public Batch run() {
                        return stack(parts);
                    }

                    @Override
                    public void discard() {
                        parts.forEach(Task::discard);
                    }
                };
            }

            @Override
            public void close() {
                upstream.close();
            }
        };
    }

    static Batch stack(List<Pass.Task<Example>> tasks) {
        List<Example> examples = new ArrayList<>(tasks.size());
        try {
            for (int i = 0; i < tasks.size(); i++) {
                examples.add(tasks.get(i).run());
            }
            Example first = examples.get(0);
            for (int i = 1; i < examples.size(); i++) {
                Example other = examples.get(i);
                if (!other.x.sameStructure(first.x) || !other.y.sameStructure(first.y) || !other.weight.sameStructure(first.weight)) {
                    throw new IllegalArgumentException("cannot batch samples of different structures: sample " + i + " is " + other
                            + ", sample 0 is " + first);
                }
            }
            Parts x = stackSlot(examples, r -> r.x, "x");
            Parts y = stackSlot(examples, r -> r.y, "y");
            Parts w = stackSlot(examples, r -> r.weight, "weight");
            return new Batch(x, y, w);
        } finally {
            examples.forEach(Example::close);
            for (int i = examples.size(); i < tasks.size(); i++) {
                tasks.get(i).discard();
            }
        }
    }

    private static Parts stackSlot(List<Example> examples, java.util.function.Function<Record, Parts> slot, String name) {
        Parts first = slot.apply(examples.get(0));
        List<Object> stacked = new ArrayList<>();
        try {
            for (int i = 0; i < first.count(); i++) {
                List<Object> column = new ArrayList<>(examples.size());
                for (Example e : examples) {
                    column.add(slot.apply(e).arrays.get(i));
                }
                stacked.add(DataShapes.stack(column, first.label(name, i)));
            }
        } catch (RuntimeException | Error e) {
            stacked.forEach(Parts::close);
            throw e;
        }
        return first.with(stacked);
    }
}
