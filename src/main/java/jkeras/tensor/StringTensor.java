package jkeras.tensor;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An n-dimensional array of strings (raw text for Keras' text layers), in Arrow's variable-length
 * layout ("large utf8"): the UTF-8 bytes of all strings one after another, and int64 offsets, one
 * more than there are strings, string {@code i} spanning bytes {@code offsets[i]} to
 * {@code offsets[i + 1]}. Both live in Arrow memory as two {@link Tensor}s, so a string tensor has
 * a tensor's ownership and thread-safety rules: close it when done; views ({@link #rows},
 * {@link #reshape}) share its memory and are closed too; reads and close may race safely.
 *
 * <p>Passed to Keras, it reaches NumPy as an object array of Python {@code str} of the same shape
 * (a copy: NumPy has no string type that can sit over foreign memory). Kept apart from
 * {@link Tensor} on purpose: numeric tensors keep their fixed-width contract.
 */
public final class StringTensor implements AutoCloseable {
    private final Tensor offsets; // int64, size + 1 entries, absolute positions in text
    private final Tensor text;    // uint8, the whole text buffer (views share it)
    private final long[] shape;
    private final long size;

    private StringTensor(Tensor offsets, Tensor text, long[] shape) {
        this.offsets = offsets;
        this.text = text;
        this.shape = shape.clone();
        this.size = Tensor.checkedSize(this.shape);
    }

    /** A 1-D tensor of {@code values} (copied into Arrow memory as UTF-8). */
    public static StringTensor of(String... values) {
        return of(Arrays.asList(values));
    }

    /** A tensor of {@code values} shaped {@code shape} (1-D when no shape is given), row-major. */
    public static StringTensor of(List<String> values, long... shape) {
        long[] s = shape.length == 0 ? new long[] {values.size()} : shape;
        if (Tensor.checkedSize(s) != values.size()) {
            throw new IllegalArgumentException("shape " + Arrays.toString(s) + " holds " + Tensor.checkedSize(s)
                    + " strings; received " + values.size());
        }
        long[] ends = new long[values.size() + 1];
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value == null) {
                throw new IllegalArgumentException("string " + i + " is null; a string tensor holds no nulls");
            }
            bytes.writeBytes(value.getBytes(StandardCharsets.UTF_8));
            ends[i + 1] = bytes.size();
        }
        Tensor offsets = Tensor.of(ends);
        try {
            Tensor text = Tensor.ofUint8(bytes.toByteArray());
            return new StringTensor(offsets, text, s);
        } catch (RuntimeException | Error e) {
            offsets.close();
            throw e;
        }
    }

    /** Concatenation along axis 0 (a copy): what batching single strings or rows of them needs. */
    public static StringTensor concat(List<StringTensor> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("concat(parts): needs at least one string tensor");
        }
        long[] first = parts.get(0).shape;
        List<String> all = new ArrayList<>();
        long rows = 0;
        for (StringTensor part : parts) {
            long[] s = part.shape;
            if (s.length == 0 || first.length == 0 ? s.length != first.length : !Arrays.equals(Arrays.copyOfRange(s, 1, s.length), Arrays.copyOfRange(first, 1, first.length))) {
                throw new IllegalArgumentException("concat(parts): shapes " + Arrays.toString(first) + " and " + Arrays.toString(s)
                        + " differ after their first axis");
            }
            rows += s.length == 0 ? 1 : s[0];
            all.addAll(part.toList());
        }
        long[] shape = first.length == 0 ? new long[] {rows} : first.clone();
        shape[0] = rows;
        return of(all, shape);
    }

    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public long dim(int axis) {
        return shape[axis];
    }

    /** Number of strings. */
    public long size() {
        return size;
    }

    /** The string at {@code index} (one long per axis). */
    public String get(long... index) {
        if (index.length != shape.length) {
            throw new IndexOutOfBoundsException("index has " + index.length + " axes; the string tensor has " + shape.length);
        }
        long flat = 0;
        for (int axis = 0; axis < shape.length; axis++) {
            if (index[axis] < 0 || index[axis] >= shape[axis]) {
                throw new IndexOutOfBoundsException("index " + index[axis] + " out of bounds for axis " + axis + " of length " + shape[axis]);
            }
            flat = flat * shape[axis] + index[axis];
        }
        return getFlat(flat);
    }

    /** The string at flat row-major position {@code i}. */
    public String getFlat(long i) {
        java.util.Objects.checkIndex(i, size);
        long start = offsets.getLong(i);
        long end = offsets.getLong(i + 1);
        return decode(start, end);
    }

    /** All strings in row-major order (copies). */
    public List<String> toList() {
        List<String> out = new ArrayList<>((int) Math.min(size, Integer.MAX_VALUE));
        if (size == 0) {
            return out;
        }
        long[] ends = offsets.toLongArray();
        byte[] bytes = textBytes(ends[0], ends[ends.length - 1]);
        for (int i = 0; i < size; i++) {
            out.add(new String(bytes, (int) (ends[i] - ends[0]), (int) (ends[i + 1] - ends[i]), StandardCharsets.UTF_8));
        }
        return out;
    }

    private String decode(long start, long end) {
        return new String(textBytes(start, end), StandardCharsets.UTF_8);
    }

    private byte[] textBytes(long start, long end) {
        if (end == start) {
            return new byte[0];
        }
        try (Tensor span = text.rows(start, end)) {
            return span.toByteArray();
        }
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive) along axis 0, sharing memory. */
    public StringTensor rows(long from, long to) {
        if (shape.length == 0 || from < 0 || to < from || to > shape[0]) {
            throw new IndexOutOfBoundsException("rows [" + from + ", " + to + ") of shape " + Arrays.toString(shape));
        }
        long perRow = shape[0] == 0 ? 0 : size / shape[0];
        long[] viewShape = shape.clone();
        viewShape[0] = to - from;
        Tensor offsetView = offsets.rows(from * perRow, to * perRow + 1);
        return viewOver(offsetView, viewShape);
    }

    /** Row {@code i} along axis 0, one axis fewer, sharing memory. */
    public StringTensor row(long i) {
        try (StringTensor one = rows(i, i + 1)) {
            return one.reshape(Arrays.copyOfRange(shape, 1, shape.length));
        }
    }

    /** The same strings in another shape (one axis may be -1), sharing memory. */
    public StringTensor reshape(long... newShape) {
        long[] resolved = Tensor.resolveShape(newShape, size);
        return viewOver(offsets.reshape(offsets.shape()), resolved);
    }

    private StringTensor viewOver(Tensor offsetView, long[] viewShape) {
        try {
            return new StringTensor(offsetView, text.reshape(text.shape()), viewShape);
        } catch (RuntimeException | Error e) {
            offsetView.close();
            throw e;
        }
    }

    public boolean isClosed() {
        return offsets.isClosed();
    }

    /** Releases this tensor's hold on the memory (views and Python may still hold it). Idempotent. */
    @Override
    public void close() {
        offsets.close();
        text.close();
    }

    /** The offsets, for the hand-over to NumPy (jkeras' own use). */
    Tensor offsetsTensor() {
        return offsets;
    }

    /** The whole text buffer the offsets point into (jkeras' own use). */
    Tensor textTensor() {
        return text;
    }

    @Override
    public String toString() {
        if (isClosed()) {
            return "StringTensor(" + Arrays.toString(shape) + ", closed)";
        }
        StringBuilder s = new StringBuilder("StringTensor(").append(Arrays.toString(shape));
        long shown = Math.min(size, 3);
        for (long i = 0; i < shown; i++) {
            String value = getFlat(i);
            s.append(i == 0 ? ": " : ", ").append('"').append(value.length() > 40 ? value.substring(0, 40) + "…" : value).append('"');
        }
        return s.append(size > shown ? ", ...)" : ")").toString();
    }
}
