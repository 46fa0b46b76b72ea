package jkeras.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import jkeras.tensor.Tensor;

/** Samples from record files ({@link DataSource#fromRecords}), one mapped column per array. */
final class RecordSource extends IndexedSource {
    private final Columns x;
    private final Columns y;
    private final Columns weight;
    private final long records;

    /** One slot's columns, in the structure the slot was given (one file, a list or a map). */
    private record Columns(Parts.Kind kind, List<String> names, List<MappedColumn> columns) {
        static final Columns NONE = new Columns(Parts.Kind.NONE, List.of(), List.of());

        Parts read(Function<MappedColumn, Tensor> each) {
            List<Object> arrays = new ArrayList<>();
            try {
                for (MappedColumn column : columns) {
                    arrays.add(each.apply(column));
                }
            } catch (RuntimeException | Error e) {
                arrays.forEach(Parts::close);
                throw e;
            }
            return Parts.structured(kind, names, arrays);
        }
    }

    RecordSource(Object x, Object y, RecordFile weight) {
        super(null);
        List<MappedColumn> opened = new ArrayList<>();
        try {
            this.x = columns(x, "x", opened);
            if (this.x.kind() == Parts.Kind.NONE) {
                throw new IllegalArgumentException("fromRecords(x, ...): x is null");
            }
            this.y = columns(y, "y", opened);
            this.weight = columns(weight, "weight", opened);
        } catch (RuntimeException | Error e) {
            opened.forEach(MappedColumn::close);
            throw e;
        }
        long n = -1;
        for (MappedColumn c : opened) {
            if (n >= 0 && c.records() != n) {
                opened.forEach(MappedColumn::close);
                throw new IllegalArgumentException("fromRecords: " + c.file.path() + " has " + c.records() + " records but "
                        + opened.get(0).file.path() + " has " + n + "; record i of each file is sample i");
            }
            n = c.records();
        }
        this.records = n;
    }

    private static Columns columns(Object value, String slot, List<MappedColumn> opened) {
        if (value == null) {
            return Columns.NONE;
        }
        if (value instanceof RecordFile file) {
            return new Columns(Parts.Kind.SINGLE, List.of(), List.of(open(file, opened)));
        }
        if (value instanceof List<?> list && !list.isEmpty()) {
            List<MappedColumn> columns = new ArrayList<>();
            for (Object item : list) {
                columns.add(open(file(item, slot), opened));
            }
            return new Columns(Parts.Kind.LIST, List.of(), columns);
        }
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            Map<String, MappedColumn> columns = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                columns.put(String.valueOf(e.getKey()), open(file(e.getValue(), slot), opened));
            }
            return new Columns(Parts.Kind.MAP, List.copyOf(columns.keySet()), List.copyOf(columns.values()));
        }
        throw new IllegalArgumentException("fromRecords: " + slot + " must be a RecordFile, or a non-empty list or map of them; received "
                + value.getClass().getName());
    }

    private static RecordFile file(Object item, String slot) {
        if (item instanceof RecordFile f) {
            return f;
        }
        throw new IllegalArgumentException("fromRecords: " + slot + " entries must be RecordFiles; received " + item);
    }

    private static MappedColumn open(RecordFile file, List<MappedColumn> opened) {
        MappedColumn column = new MappedColumn(file);
        opened.add(column);
        return column;
    }

    @Override
    long size() {
        return records;
    }

    @Override
    Example example(long i) {
        return make(c -> c.record(i), Example::new);
    }

    @Override
    Batch rows(long from, long to) {
        return make(c -> c.rows(from, to), Batch::new);
    }

    @Override
    Batch gather(long[] indices, int from, int count) {
        return make(c -> c.gather(indices, from, count), Batch::new);
    }

    private interface Maker<R> {
        R make(Parts x, Parts y, Parts weight);
    }

    private <R extends Record> R make(Function<MappedColumn, Tensor> read, Maker<R> maker) {
        checkOpen();
        Parts px = x.read(read);
        Parts py;
        try {
            py = y.read(read);
        } catch (RuntimeException | Error e) {
            px.arrays.forEach(Parts::close);
            throw e;
        }
        Parts pw;
        try {
            pw = weight.read(read);
        } catch (RuntimeException | Error e) {
            px.arrays.forEach(Parts::close);
            py.arrays.forEach(Parts::close);
            throw e;
        }
        return maker.make(px, py, pw);
    }

    @Override
    void release() {
        for (Columns c : new Columns[] {x, y, weight}) {
            c.columns().forEach(MappedColumn::close);
        }
    }
}
