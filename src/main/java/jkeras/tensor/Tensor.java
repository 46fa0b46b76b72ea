package jkeras.tensor;

import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongToDoubleFunction;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.Float16;
import org.apache.arrow.memory.util.MemoryUtil;

/**
 * An n-dimensional array in Apache Arrow off-heap memory: what jkeras hands to Keras and gets back.
 *
 * <p>Row-major (C order), like NumPy. Passed to a Keras call, it reaches Python as a NumPy array over
 * the same memory, and NumPy arrays coming back (predictions) arrive as tensors over NumPy's memory:
 * no copy either way. The memory is freed when every holder is done: this tensor, its views, and
 * Python. A tensor is {@link AutoCloseable}; close it (try-with-resources) when done with it.
 *
 * <p>Views ({@link #rows}, {@link #row}, {@link #reshape}) share memory with the tensor they come from
 * and must be closed too. Copies happen only where said: creating from Java arrays (the data moves
 * off-heap), {@link #copy}, {@link #cast}, arithmetic, and reading back into Java arrays.
 *
 * <p><b>Ownership.</b> Who makes a tensor closes it, or makes it inside a {@link TensorScope}, which
 * closes it. A tensor nobody closed is freed once it is garbage, with a warning (the back-stop, not
 * the plan: off-heap memory does not make the collector run soon).
 *
 * <p><b>Threads.</b> Memory-safe under any interleaving: reads, views, hand-overs to Keras and
 * {@link #close()} may run on any threads at once; a read or hand-over holds the memory until it ends,
 * so closing never frees memory in use, and anything done after close throws
 * {@link IllegalStateException} in the calling thread. Writes are not synchronized with reads of the
 * same elements (as with Java arrays): a reader may see old or new values, never freed memory.
 */
public final class Tensor implements AutoCloseable {
    private final ArrowBuf memory;  // shared by views; this tensor holds one reference to it
    private final long offset;      // byte offset of element 0 in memory
    private final long[] shape;
    private final DType dtype;
    private final long size;
    private final boolean readOnly;
    private final TensorLifetime life;

    /** Takes over one reference to {@code memory} (released here if the shape is refused). */
    Tensor(ArrowBuf memory, long offset, DType dtype, long[] shape, boolean readOnly) {
        this.memory = memory;
        this.offset = offset;
        this.dtype = dtype;
        this.shape = shape.clone();
        try {
            this.size = checkedSize(this.shape);
        } catch (RuntimeException e) {
            memory.getReferenceManager().release();
            throw e;
        }
        this.readOnly = readOnly;
        this.life = new TensorLifetime(this, memory, dtype, this.shape);
        TensorScope scope = TensorScope.current();
        if (scope != null) {
            scope.adopt(this);
        }
    }

    // ------------------------------------------------------------------ creation

    /** A tensor of zeros. */
    public static Tensor zeros(DType dtype, long... shape) {
        return new Tensor(TensorMemory.allocateZeroed(checkedSize(shape) * dtype.byteSize()), 0, dtype, shape, false);
    }

    /** A tensor of ones. */
    public static Tensor ones(DType dtype, long... shape) {
        return full(dtype, 1, shape);
    }

    /** A tensor with every element {@code value}. */
    public static Tensor full(DType dtype, double value, long... shape) {
        Tensor t = new Tensor(TensorMemory.allocate(checkedSize(shape) * dtype.byteSize()), 0, dtype, shape, false);
        for (long i = 0; i < t.size; i++) {
            t.writeDouble(i, value);
        }
        return t;
    }

    /** Fills a new tensor with {@code fill}; closes it if {@code fill} throws, so nothing leaks. */
    private static Tensor filled(DType dtype, long[] shape, java.util.function.Consumer<Tensor> fill) {
        Tensor t = new Tensor(TensorMemory.allocate(checkedSize(shape) * dtype.byteSize()), 0, dtype, shape, false);
        try {
            fill.accept(t);
        } catch (RuntimeException | Error e) {
            t.close();
            throw e;
        }
        return t;
    }

    /** A tensor whose element at flat (row-major) position {@code i} is {@code f(i)}. */
    public static Tensor fromFlatIndex(DType dtype, long[] shape, LongToDoubleFunction f) {
        return filled(dtype, shape, t -> {
            for (long i = 0; i < t.size; i++) {
                t.writeDouble(i, f.applyAsDouble(i));
            }
        });
    }

    /** A tensor whose element at {@code index} (one long per axis) is {@code f(index)}. */
    public static Tensor fromIndex(DType dtype, long[] shape, IndexFunction f) {
        return filled(dtype, shape, t -> {
            long[] index = new long[shape.length];
            for (long i = 0; i < t.size; i++) {
                t.writeDouble(i, f.apply(index.clone()));
                for (int axis = shape.length - 1; axis >= 0 && ++index[axis] == shape[axis]; axis--) {
                    index[axis] = 0;
                }
            }
        });
    }

    /** The value of an element given its index, one long per axis. */
    @FunctionalInterface
    public interface IndexFunction {
        double apply(long[] index);
    }

    /** float32 copy of {@code data}, shaped {@code shape} (1-D when no shape is given). */
    public static Tensor of(float[] data, long... shape) {
        Tensor t = allocateFor(DType.FLOAT32, data.length, shape);
        TensorMemory.inChunks(t.address(), data.length, 4, (chunk, first, n) -> chunk.asFloatBuffer().put(data, (int) first, n));
        return t;
    }

    /** float64 copy of {@code data}. */
    public static Tensor of(double[] data, long... shape) {
        Tensor t = allocateFor(DType.FLOAT64, data.length, shape);
        TensorMemory.inChunks(t.address(), data.length, 8, (chunk, first, n) -> chunk.asDoubleBuffer().put(data, (int) first, n));
        return t;
    }

    /** int32 copy of {@code data}. */
    public static Tensor of(int[] data, long... shape) {
        Tensor t = allocateFor(DType.INT32, data.length, shape);
        TensorMemory.inChunks(t.address(), data.length, 4, (chunk, first, n) -> chunk.asIntBuffer().put(data, (int) first, n));
        return t;
    }

    /** int64 copy of {@code data}. */
    public static Tensor of(long[] data, long... shape) {
        Tensor t = allocateFor(DType.INT64, data.length, shape);
        TensorMemory.inChunks(t.address(), data.length, 8, (chunk, first, n) -> chunk.asLongBuffer().put(data, (int) first, n));
        return t;
    }

    /** int16 copy of {@code data}. */
    public static Tensor of(short[] data, long... shape) {
        Tensor t = allocateFor(DType.INT16, data.length, shape);
        TensorMemory.inChunks(t.address(), data.length, 2, (chunk, first, n) -> chunk.asShortBuffer().put(data, (int) first, n));
        return t;
    }

    /** int8 copy of {@code data} (Java bytes are signed; see {@link #ofUint8} for pixels). */
    public static Tensor of(byte[] data, long... shape) {
        return bytes(DType.INT8, data, shape);
    }

    /** uint8 copy of {@code data}: bytes read as 0..255, as images store pixels. */
    public static Tensor ofUint8(byte[] data, long... shape) {
        return bytes(DType.UINT8, data, shape);
    }

    /** bool copy of {@code data}. */
    public static Tensor of(boolean[] data, long... shape) {
        Tensor t = allocateFor(DType.BOOL, data.length, shape);
        for (int i = 0; i < data.length; i++) {
            t.memory.setByte(t.offset + i, data[i] ? 1 : 0);
        }
        return t;
    }

    /** float32 copy of a matrix (rows must have equal length). */
    public static Tensor of(float[][] rows) {
        return fromArray(rows);
    }

    /** float64 copy of a matrix. */
    public static Tensor of(double[][] rows) {
        return fromArray(rows);
    }

    /** int32 copy of a matrix. */
    public static Tensor of(int[][] rows) {
        return fromArray(rows);
    }

    /**
     * A copy of a Java array of any rank ({@code float[][][]}, {@code int[]}, …), shaped like it.
     * The dtype follows the element type: float→float32, double→float64, int→int32, long→int64,
     * short→int16, byte→int8, boolean→bool. Ragged arrays are refused.
     */
    public static Tensor fromArray(Object javaArray) {
        List<Long> dims = new ArrayList<>();
        Object probe = javaArray;
        while (probe != null && probe.getClass().isArray() && probe.getClass().getComponentType().isArray()) {
            dims.add((long) Array.getLength(probe));
            probe = Array.getLength(probe) == 0 ? null : Array.get(probe, 0);
        }
        if (probe == null || !probe.getClass().isArray()) {
            throw new IllegalArgumentException("fromArray(javaArray): expected a Java array of primitives with at least one element"
                    + " at every level (float[][], int[]…); received " + (javaArray == null ? "null"
                    : javaArray.getClass().getSimpleName() + (javaArray.getClass().isArray() ? " of length " + Array.getLength(javaArray) : "")));
        }
        dims.add((long) Array.getLength(probe));
        DType dtype = dtypeOfJavaArray(probe.getClass().getComponentType());
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        Tensor t = new Tensor(TensorMemory.allocate(checkedSize(shape) * dtype.byteSize()), 0, dtype, shape, false);
        try {
            copyLeaves(javaArray, 0, shape, t, new long[] {0});
        } catch (RuntimeException e) {
            t.close();
            throw e;
        }
        return t;
    }

    private static void copyLeaves(Object array, int axis, long[] shape, Tensor target, long[] written) {
        if (Array.getLength(array) != shape[axis]) {
            throw new IllegalArgumentException("ragged Java array: axis " + axis + " has lengths "
                    + shape[axis] + " and " + Array.getLength(array));
        }
        if (axis < shape.length - 1) {
            for (int i = 0; i < shape[axis]; i++) {
                copyLeaves(Array.get(array, i), axis + 1, shape, target, written);
            }
            return;
        }
        ByteBuffer dest = TensorMemory.view(target.address() + written[0] * target.dtype.byteSize(),
                shape[axis] * target.dtype.byteSize());
        switch (target.dtype) {
            case FLOAT32 -> dest.asFloatBuffer().put((float[]) array);
            case FLOAT64 -> dest.asDoubleBuffer().put((double[]) array);
            case INT32 -> dest.asIntBuffer().put((int[]) array);
            case INT64 -> dest.asLongBuffer().put((long[]) array);
            case INT16 -> dest.asShortBuffer().put((short[]) array);
            case INT8 -> dest.put((byte[]) array);
            case BOOL -> {
                boolean[] values = (boolean[]) array;
                for (boolean v : values) {
                    dest.put((byte) (v ? 1 : 0));
                }
            }
            default -> throw new IllegalStateException(target.dtype.toString());
        }
        written[0] += shape[axis];
    }

    private static DType dtypeOfJavaArray(Class<?> element) {
        if (element == float.class) return DType.FLOAT32;
        if (element == double.class) return DType.FLOAT64;
        if (element == int.class) return DType.INT32;
        if (element == long.class) return DType.INT64;
        if (element == short.class) return DType.INT16;
        if (element == byte.class) return DType.INT8;
        if (element == boolean.class) return DType.BOOL;
        throw new IllegalArgumentException("no tensor dtype for Java element type " + element);
    }

    /**
     * A tensor over a direct buffer's memory, without copying. The buffer stays reachable while the
     * tensor (or Python) uses it; its content is read in native byte order, from its position.
     */
    public static Tensor fromBuffer(ByteBuffer direct, DType dtype, long... shape) {
        if (!direct.isDirect()) {
            throw new IllegalArgumentException("fromBuffer needs a direct ByteBuffer (ByteBuffer.allocateDirect); heap buffers move");
        }
        long bytes = checkedSize(shape) * dtype.byteSize();
        if (bytes > direct.remaining()) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " of " + dtype.numpyName()
                    + " needs " + bytes + " bytes; the buffer has " + direct.remaining());
        }
        long address = MemoryUtil.getByteBufferAddress(direct) + direct.position();
        ByteBuffer[] keepAlive = {direct};
        ArrowBuf borrowed = TensorMemory.borrow(address, bytes, () -> keepAlive[0] = null);
        return new Tensor(borrowed, 0, dtype, shape, direct.isReadOnly());
    }

    private static Tensor bytes(DType dtype, byte[] data, long[] shape) {
        Tensor t = allocateFor(dtype, data.length, shape);
        TensorMemory.inChunks(t.address(), data.length, 1, (chunk, first, n) -> chunk.put(data, (int) first, n));
        return t;
    }

    private static Tensor allocateFor(DType dtype, int length, long[] shape) {
        long[] s = shape.length == 0 ? new long[] {length} : shape;
        if (checkedSize(s) != length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(s) + " holds " + checkedSize(s)
                    + " elements but the data has " + length);
        }
        return new Tensor(TensorMemory.allocate((long) length * dtype.byteSize()), 0, dtype, s, false);
    }

    // ------------------------------------------------------------------ shape and identity

    public DType dtype() {
        return dtype;
    }

    /** The shape (a copy). */
    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** Length of one axis. */
    public long dim(int axis) {
        return shape[axis];
    }

    /** Number of elements. */
    public long size() {
        return size;
    }

    /** Size of the data in bytes. */
    public long nbytes() {
        return size * dtype.byteSize();
    }

    /** Address of the first element: NumPy sees the same address (see {@code data_pointer} tests). */
    public long address() {
        checkOpen();
        return memory.memoryAddress() + offset;
    }

    /** Whether writes are refused (memory lent read-only, e.g. from a read-only NumPy array). */
    public boolean isReadOnly() {
        return readOnly;
    }

    public boolean isClosed() {
        return life.isClosed();
    }

    // ------------------------------------------------------------------ elements

    /** Element at {@code index} (one long per axis) as a double, whatever the dtype. */
    public double getDouble(long... index) {
        long flat = flatIndex(index);
        life.acquire();
        try {
            return readDouble(flat);
        } finally {
            life.release();
        }
    }

    /** Element at {@code index} as a float. */
    public float getFloat(long... index) {
        return (float) getDouble(index);
    }

    /** Element at {@code index} as an int (integer dtypes exactly; floats truncated). */
    public int getInt(long... index) {
        return (int) getLong(index);
    }

    /** Element at {@code index} as a long (exact for int64). */
    public long getLong(long... index) {
        long flat = flatIndex(index);
        life.acquire();
        try {
            return readLong(flat);
        } finally {
            life.release();
        }
    }

    public boolean getBoolean(long... index) {
        return getDouble(index) != 0;
    }

    /** Sets the element at {@code index} to {@code value}, converted to the dtype. */
    public void set(double value, long... index) {
        checkWritable();
        long flat = flatIndex(index);
        life.acquire();
        try {
            writeDouble(flat, value);
        } finally {
            life.release();
        }
    }

    /** Sets the element at {@code index} to {@code value} (exact for int64). */
    public void setLong(long value, long... index) {
        checkWritable();
        long flat = flatIndex(index);
        life.acquire();
        try {
            writeLong(flat, value);
        } finally {
            life.release();
        }
    }

    /** Element at flat row-major position {@code i}, as a double. */
    public double getFlat(long i) {
        java.util.Objects.checkIndex(i, size);
        life.acquire();
        try {
            return readDouble(i);
        } finally {
            life.release();
        }
    }

    /** Sets the element at flat row-major position {@code i}. */
    public void setFlat(long i, double value) {
        checkWritable();
        java.util.Objects.checkIndex(i, size);
        life.acquire();
        try {
            writeDouble(i, value);
        } finally {
            life.release();
        }
    }

    private long flatIndex(long[] index) {
        if (index.length != shape.length) {
            throw new IndexOutOfBoundsException("index has " + index.length + " axes; the tensor has " + shape.length);
        }
        long flat = 0;
        for (int axis = 0; axis < shape.length; axis++) {
            if (index[axis] < 0 || index[axis] >= shape[axis]) {
                throw new IndexOutOfBoundsException("index " + index[axis] + " out of bounds for axis " + axis
                        + " of length " + shape[axis]);
            }
            flat = flat * shape[axis] + index[axis];
        }
        return flat;
    }

    double readDouble(long i) {
        long at = offset + i * dtype.byteSize();
        return switch (dtype) {
            case FLOAT32 -> memory.getFloat(at);
            case FLOAT64 -> memory.getDouble(at);
            case FLOAT16 -> Float16.toFloat(memory.getShort(at));
            case INT8 -> memory.getByte(at);
            case INT16 -> memory.getShort(at);
            case INT32 -> memory.getInt(at);
            case INT64 -> memory.getLong(at);
            case UINT8 -> memory.getByte(at) & 0xff;
            case BOOL -> memory.getByte(at) != 0 ? 1 : 0;
        };
    }

    long readLong(long i) {
        long at = offset + i * dtype.byteSize();
        return switch (dtype) {
            case INT64 -> memory.getLong(at);
            case INT32 -> memory.getInt(at);
            default -> (long) readDouble(i);
        };
    }

    void writeDouble(long i, double v) {
        long at = offset + i * dtype.byteSize();
        switch (dtype) {
            case FLOAT32 -> memory.setFloat(at, (float) v);
            case FLOAT64 -> memory.setDouble(at, v);
            case FLOAT16 -> memory.setShort(at, Float16.toFloat16((float) v));
            case INT8, UINT8 -> memory.setByte(at, (byte) (long) v);
            case INT16 -> memory.setShort(at, (short) (long) v);
            case INT32 -> memory.setInt(at, (int) (long) v);
            case INT64 -> memory.setLong(at, (long) v);
            case BOOL -> memory.setByte(at, v != 0 ? 1 : 0);
        }
    }

    void writeLong(long i, long v) {
        if (dtype == DType.INT64) {
            memory.setLong(offset + i * 8, v);
        } else {
            writeDouble(i, v);
        }
    }

    // ------------------------------------------------------------------ views (shared memory)

    /** Rows {@code from} (inclusive) to {@code to} (exclusive) along axis 0, sharing memory. */
    public Tensor rows(long from, long to) {
        checkOpen();
        if (shape.length == 0 || from < 0 || to < from || to > shape[0]) {
            throw new IndexOutOfBoundsException("rows [" + from + ", " + to + ") of shape " + Arrays.toString(shape));
        }
        long[] viewShape = shape.clone();
        viewShape[0] = to - from;
        return view(offset + from * rowBytes(), viewShape);
    }

    /** Row {@code i} along axis 0, one axis fewer, sharing memory. */
    public Tensor row(long i) {
        checkOpen();
        if (shape.length == 0 || i < 0 || i >= shape[0]) {
            throw new IndexOutOfBoundsException("row " + i + " of shape " + Arrays.toString(shape));
        }
        return view(offset + i * rowBytes(), Arrays.copyOfRange(shape, 1, shape.length));
    }

    /**
     * The same elements in another shape, sharing memory, read in row-major (C) order as NumPy's
     * {@code reshape} does. One axis may be -1: it is inferred.
     */
    public Tensor reshape(long... newShape) {
        checkOpen();
        return view(offset, resolveShape(newShape, size));
    }

    /** A 1-D view of all elements. */
    public Tensor flatten() {
        return reshape(size);
    }

    private Tensor view(long viewOffset, long[] viewShape) {
        life.acquire();
        try {
            memory.getReferenceManager().retain();
            return new Tensor(memory, viewOffset, dtype, viewShape, readOnly);
        } finally {
            life.release();
        }
    }

    private long rowBytes() {
        return (size / Math.max(shape[0], 1)) * dtype.byteSize();
    }

    static long[] resolveShape(long[] requested, long size) {
        long[] s = requested.clone();
        int inferred = -1;
        long known = 1;
        for (int axis = 0; axis < s.length; axis++) {
            if (s[axis] == -1 && inferred < 0) {
                inferred = axis;
            } else if (s[axis] < 0) {
                throw new IllegalArgumentException("bad shape " + Arrays.toString(requested));
            } else {
                known = Math.multiplyExact(known, s[axis]);
            }
        }
        if (inferred >= 0 && known > 0 && size % known == 0) {
            s[inferred] = size / known;
        }
        if (inferred >= 0 && s[inferred] == -1 || checkedSize(s) != size) {
            throw new IllegalArgumentException("cannot reshape " + size + " elements into " + Arrays.toString(requested));
        }
        return s;
    }

    // ------------------------------------------------------------------ new tensors computed from this one

    /** Runs {@code read} holding this tensor's memory (see the class comment on threads). */
    private <R> R held(java.util.function.Supplier<R> read) {
        life.acquire();
        try {
            return read.get();
        } finally {
            life.release();
        }
    }

    /** A copy in new memory. */
    public Tensor copy() {
        return held(() -> filled(dtype, shape, t -> MemoryUtil.copyMemory(rawAddress(), t.rawAddress(), nbytes())));
    }

    /** A copy converted to {@code target} (floats to integers truncate toward zero, as NumPy's astype). */
    public Tensor cast(DType target) {
        if (target == dtype) {
            return copy();
        }
        boolean exactIntegers = !dtype.isFloatingPoint() && !target.isFloatingPoint();
        return held(() -> filled(target, shape, t -> {
            for (long i = 0; i < size; i++) {
                if (exactIntegers) {
                    t.writeLong(i, readLong(i));
                } else {
                    t.writeDouble(i, readDouble(i));
                }
            }
        }));
    }

    /** A copy divided by {@code divisor}: float32 unless already floating-point (the tutorials' {@code x / 255}). */
    public Tensor div(double divisor) {
        return map(v -> v / divisor);
    }

    /** A copy multiplied by {@code factor}, float32 unless already floating-point. */
    public Tensor mul(double factor) {
        return map(v -> v * factor);
    }

    private Tensor map(java.util.function.DoubleUnaryOperator f) {
        DType target = dtype.isFloatingPoint() ? dtype : DType.FLOAT32;
        return held(() -> filled(target, shape, t -> {
            if (target == DType.FLOAT32 && (dtype == DType.FLOAT32 || dtype == DType.UINT8)) {
                mapToFloat32(t, f); // the common case (pixels), through bulk buffers
            } else {
                for (long i = 0; i < size; i++) {
                    t.writeDouble(i, f.applyAsDouble(readDouble(i)));
                }
            }
        }));
    }

    private void mapToFloat32(Tensor target, java.util.function.DoubleUnaryOperator f) {
        long source = rawAddress();
        int sourceBytes = dtype.byteSize();
        TensorMemory.inChunks(target.rawAddress(), size, 4, (chunk, first, n) -> {
            var out = chunk.asFloatBuffer();
            ByteBuffer in = TensorMemory.view(source + first * sourceBytes, (long) n * sourceBytes);
            if (dtype == DType.UINT8) {
                for (int i = 0; i < n; i++) {
                    out.put(i, (float) f.applyAsDouble(in.get(i) & 0xff));
                }
            } else {
                var floats = in.asFloatBuffer();
                for (int i = 0; i < n; i++) {
                    out.put(i, (float) f.applyAsDouble(floats.get(i)));
                }
            }
        });
    }

    /**
     * Index of the largest element along the last axis: shape without that axis, int64 (NumPy's
     * {@code argmax(axis=-1)}). Indices are 0-based.
     */
    public Tensor argmax() {
        if (shape.length == 0) {
            throw new IllegalStateException("argmax of a scalar");
        }
        long classes = shape[shape.length - 1];
        long[] outShape = Arrays.copyOf(shape, shape.length - 1);
        return held(() -> filled(DType.INT64, outShape, out -> {
            for (long r = 0; r < out.size; r++) {
                long best = 0;
                double bestValue = Double.NEGATIVE_INFINITY;
                for (long c = 0; c < classes; c++) {
                    double v = readDouble(r * classes + c);
                    if (v > bestValue || Double.isNaN(v) && !Double.isNaN(bestValue)) { // NaN wins, as in NumPy
                        best = c;
                        bestValue = v;
                    }
                }
                out.writeLong(r, best);
            }
        }));
    }

    /**
     * One-hot float32 rows for integer labels 0..numClasses-1 (Keras' {@code to_categorical}): shape
     * [n] or [n, 1] gives [n, numClasses].
     */
    public Tensor oneHot(int numClasses) {
        if (numClasses <= 0) {
            throw new IllegalArgumentException("oneHot(numClasses): must be positive; received numClasses=" + numClasses);
        }
        long[] labelShape = shape.length > 1 && shape[shape.length - 1] == 1 ? Arrays.copyOf(shape, shape.length - 1) : shape;
        long[] outShape = Arrays.copyOf(labelShape, labelShape.length + 1);
        outShape[labelShape.length] = numClasses;
        return held(() -> {
            Tensor out = zeros(DType.FLOAT32, outShape);
            try {
                for (long i = 0; i < size; i++) {
                    long label = readLong(i);
                    if (label < 0 || label >= numClasses || readDouble(i) != label) {
                        throw new IllegalArgumentException("label " + readDouble(i) + " at position " + i
                                + " is not an integer in [0, " + numClasses + ")");
                    }
                    out.writeDouble(i * numClasses + label, 1);
                }
            } catch (RuntimeException e) {
                out.close();
                throw e;
            }
            return out;
        });
    }

    // ------------------------------------------------------------------ back to Java arrays (copies)

    public float[] toFloatArray() {
        float[] out = new float[javaLength()];
        return held(() -> {
            if (dtype == DType.FLOAT32) {
                TensorMemory.inChunks(rawAddress(), out.length, 4, (chunk, first, n) -> chunk.asFloatBuffer().get(out, (int) first, n));
            } else {
                for (int i = 0; i < out.length; i++) {
                    out[i] = (float) readDouble(i);
                }
            }
            return out;
        });
    }

    public double[] toDoubleArray() {
        double[] out = new double[javaLength()];
        return held(() -> {
            if (dtype == DType.FLOAT64) {
                TensorMemory.inChunks(rawAddress(), out.length, 8, (chunk, first, n) -> chunk.asDoubleBuffer().get(out, (int) first, n));
            } else {
                for (int i = 0; i < out.length; i++) {
                    out[i] = readDouble(i);
                }
            }
            return out;
        });
    }

    public int[] toIntArray() {
        int[] out = new int[javaLength()];
        return held(() -> {
            if (dtype == DType.INT32) {
                TensorMemory.inChunks(rawAddress(), out.length, 4, (chunk, first, n) -> chunk.asIntBuffer().get(out, (int) first, n));
            } else {
                for (int i = 0; i < out.length; i++) {
                    out[i] = (int) readLong(i);
                }
            }
            return out;
        });
    }

    public long[] toLongArray() {
        long[] out = new long[javaLength()];
        return held(() -> {
            if (dtype == DType.INT64) {
                TensorMemory.inChunks(rawAddress(), out.length, 8, (chunk, first, n) -> chunk.asLongBuffer().get(out, (int) first, n));
            } else {
                for (int i = 0; i < out.length; i++) {
                    out[i] = readLong(i);
                }
            }
            return out;
        });
    }

    /** The raw bytes of an 8-bit tensor (int8, uint8 as stored, bool as 0/1). */
    public byte[] toByteArray() {
        if (dtype.byteSize() != 1) {
            throw new IllegalStateException("toByteArray needs an 8-bit dtype, not " + dtype.numpyName());
        }
        byte[] out = new byte[javaLength()];
        return held(() -> {
            TensorMemory.inChunks(rawAddress(), out.length, 1, (chunk, first, n) -> chunk.get(out, (int) first, n));
            return out;
        });
    }

    public boolean[] toBooleanArray() {
        boolean[] out = new boolean[javaLength()];
        return held(() -> {
            for (int i = 0; i < out.length; i++) {
                out[i] = readDouble(i) != 0;
            }
            return out;
        });
    }

    /** Rows of a 2-D tensor as float arrays. */
    public float[][] toFloatMatrix() {
        if (shape.length != 2) {
            throw new IllegalStateException("toFloatMatrix needs a 2-D tensor, not " + Arrays.toString(shape));
        }
        float[] flat = toFloatArray();
        float[][] out = new float[(int) shape[0]][];
        for (int r = 0; r < out.length; r++) {
            out[r] = Arrays.copyOfRange(flat, (int) (r * shape[1]), (int) ((r + 1) * shape[1]));
        }
        return out;
    }

    private int javaLength() {
        checkOpen();
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("a tensor of " + size + " elements does not fit a Java array (at most "
                    + (Integer.MAX_VALUE - 8) + "): read it in slices with rows(from, to)");
        }
        return (int) size;
    }

    /** Same shape, dtype and elements. */
    public boolean contentEquals(Tensor other) {
        if (other.dtype != dtype || !Arrays.equals(other.shape, shape)) {
            return false;
        }
        return held(() -> other.held(() -> {
            for (long i = 0; i < size; i++) {
                if (Double.compare(readDouble(i), other.readDouble(i)) != 0 || readLong(i) != other.readLong(i)) {
                    return false;
                }
            }
            return true;
        }));
    }

    // ------------------------------------------------------------------ lifetime

    /**
     * Releases this tensor's hold on the memory; the memory is freed when no view, no read in
     * progress and no Python array holds it. Idempotent; safe from any thread.
     */
    @Override
    public void close() {
        life.closeByOwner();
    }

    /**
     * One more hold on the memory for a holder outside Java (NumPy), taken while this tensor is open;
     * undone by {@link #releaseHold()}. The memory outlives a close of the tensor until then.
     */
    void retainHold() {
        life.acquire();
        try {
            memory.getReferenceManager().retain();
        } finally {
            life.release();
        }
    }

    void releaseHold() {
        memory.getReferenceManager().release();
    }

    /** The address of element 0, for code that holds the memory (a read, or a hold taken by {@link #retainHold}). */
    long rawAddress() {
        return memory.memoryAddress() + offset;
    }

    String describe() {
        return life.describe();
    }

    private void checkOpen() {
        if (life.isClosed()) {
            throw new IllegalStateException("the tensor (" + describe() + ") is closed");
        }
    }

    private void checkWritable() {
        checkOpen();
        if (readOnly) {
            throw new IllegalStateException("the tensor is read-only (its memory was lent read-only)");
        }
    }

    static long checkedSize(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has more elements than a tensor can hold (2^63 - 1)");
            }
        }
        return n;
    }

    /** dtype, shape, and the first few elements. */
    @Override
    public String toString() {
        try {
            return held(() -> {
                StringBuilder s = new StringBuilder("Tensor(").append(dtype.numpyName()).append(' ').append(Arrays.toString(shape));
                long shown = Math.min(size, 6);
                for (long i = 0; i < shown; i++) {
                    s.append(i == 0 ? ": " : ", ");
                    s.append(dtype.isFloatingPoint() ? Double.toString(readDouble(i)) : Long.toString(readLong(i)));
                }
                return s.append(size > shown ? ", ...)" : ")").toString();
            });
        } catch (IllegalStateException closed) {
            return "Tensor(" + describe() + ", closed)";
        }
    }
}
