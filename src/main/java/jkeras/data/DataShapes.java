package jkeras.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jkeras.tensor.StringTensor;
import jkeras.tensor.Tensor;
import org.apache.arrow.memory.util.MemoryUtil;

/** Shapes and dtypes of a record's arrays (tensors or string tensors), and the copies batching makes. */
final class DataShapes {
    static final String STRING = "string";

    private DataShapes() {}

    static long[] shape(Object array) {
        return array instanceof Tensor t ? t.shape() : ((StringTensor) array).shape();
    }

    static String dtype(Object array) {
        return array instanceof Tensor t ? t.dtype().numpyName() : STRING;
    }

    static long rows(Object array) {
        long[] s = shape(array);
        return s.length == 0 ? 1 : s[0];
    }

    static String describe(Object array) {
        return dtype(array) + " " + Arrays.toString(shape(array));
    }

    static String describe(Parts parts) {
        if (parts.kind == Parts.Kind.SINGLE) {
            return describe(parts.arrays.get(0));
        }
        List<String> each = new ArrayList<>();
        for (int i = 0; i < parts.count(); i++) {
            each.add(parts.label("", i) + " " + describe(parts.arrays.get(i)));
        }
        return each.toString();
    }

    /**
     * Stacks the arrays at one position of several examples into one batch array (a copy): shapes
     * and dtypes must agree.
     */
    static Object stack(List<Object> samples, String label) {
        Object first = samples.get(0);
        for (int i = 1; i < samples.size(); i++) {
            Object other = samples.get(i);
            if (!dtype(other).equals(dtype(first)) || !Arrays.equals(shape(other), shape(first))) {
                throw new IllegalArgumentException("cannot batch " + label + ": sample " + i + " is " + describe(other)
                        + " but sample 0 is " + describe(first));
            }
        }
        if (first instanceof StringTensor) {
            List<StringTensor> parts = new ArrayList<>();
            for (Object s : samples) {
                StringTensor one = (StringTensor) s;
                parts.add(one);
            }
            List<StringTensor> rows = new ArrayList<>();
            try {
                for (StringTensor one : parts) {
                    long[] s = one.shape();
                    long[] withAxis = new long[s.length + 1];
                    withAxis[0] = 1;
                    System.arraycopy(s, 0, withAxis, 1, s.length);
                    rows.add(one.reshape(withAxis));
                }
                return StringTensor.concat(rows);
            } finally {
                rows.forEach(StringTensor::close);
            }
        }
        Tensor one = (Tensor) first;
        long[] s = one.shape();
        long[] batchShape = new long[s.length + 1];
        batchShape[0] = samples.size();
        System.arraycopy(s, 0, batchShape, 1, s.length);
        Tensor out = Tensor.zeros(one.dtype(), batchShape);
        try {
            long bytes = one.nbytes();
            long to = out.address();
            for (Object sample : samples) {
                Tensor t = (Tensor) sample;
                if (bytes > 0) {
                    MemoryUtil.copyMemory(t.address(), to, bytes);
                }
                to += bytes;
            }
        } catch (RuntimeException | Error e) {
            out.close();
            throw e;
        }
        return out;
    }

    /**
     * Rows {@code indices[from .. from + count)} of {@code base} gathered into a new array (a copy).
     * The caller holds {@code base}'s memory for the duration (a view it owns).
     */
    static Object gather(Object base, long[] indices, int from, int count) {
        if (base instanceof StringTensor strings) {
            List<String> values = new ArrayList<>();
            long perRow = strings.dim(0) == 0 ? 0 : strings.size() / strings.dim(0);
            for (int i = 0; i < count; i++) {
                long row = indices[from + i];
                for (long k = 0; k < perRow; k++) {
                    values.add(strings.getFlat(row * perRow + k));
                }
            }
            long[] shape = strings.shape();
            shape[0] = count;
            return StringTensor.of(values, shape);
        }
        Tensor t = (Tensor) base;
        long[] shape = t.shape();
        long rowBytes = shape[0] == 0 ? 0 : t.nbytes() / shape[0];
        shape[0] = count;
        Tensor out = Tensor.zeros(t.dtype(), shape);
        try {
            long source = t.address();
            long to = out.address();
            for (int i = 0; i < count; i++) {
                long row = indices[from + i];
                if (row < 0 || row >= t.dim(0)) {
                    throw new IndexOutOfBoundsException("row " + row + " of " + t.dim(0));
                }
                if (rowBytes > 0) {
                    MemoryUtil.copyMemory(source + row * rowBytes, to + i * rowBytes, rowBytes);
                }
            }
        } catch (RuntimeException | Error e) {
            out.close();
            throw e;
        }
        return out;
    }

    /** A view of rows [from, to) of an array (zero-copy). */
    static Object rows(Object base, long from, long to) {
        return base instanceof Tensor t ? t.rows(from, to) : ((StringTensor) base).rows(from, to);
    }

    /** Row {@code i} of an array, without the first axis (zero-copy). */
    static Object row(Object base, long i) {
        return base instanceof Tensor t ? t.row(i) : ((StringTensor) base).row(i);
    }

    /** A view of the whole array: one more hold on its memory. */
    static Object hold(Object base) {
        return base instanceof Tensor t ? t.reshape(t.shape()) : ((StringTensor) base).reshape(((StringTensor) base).shape());
    }
}
