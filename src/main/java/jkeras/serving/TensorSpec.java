package jkeras.serving;

import java.util.Arrays;
import java.util.Objects;
import jkeras.tensor.DType;

/**
 * One input or output of a served model: its name, dtype and shape, with {@code -1} for an axis of
 * any length (the batch axis, first, always is).
 */
public final class TensorSpec {
    private final String name;
    private final DType dtype;
    private final long[] shape;

    public TensorSpec(String name, DType dtype, long[] shape) {
        this.name = Objects.requireNonNull(name, "name");
        this.dtype = Objects.requireNonNull(dtype, "dtype");
        this.shape = shape.clone();
    }

    public String name() {
        return name;
    }

    public DType dtype() {
        return dtype;
    }

    /** The shape (a copy), {@code -1} where any length is accepted. */
    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** The shape of one row: every axis but the first. */
    public long[] rowShape() {
        return Arrays.copyOfRange(shape, 1, shape.length);
    }

    /** The shape as Python prints it, {@code None} for an axis of any length: {@code (None, 784)}. */
    public String describeShape() {
        return describe(shape);
    }

    static String describe(long[] dims) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            s.append(i > 0 ? ", " : "").append(dims[i] < 0 ? "None" : Long.toString(dims[i]));
        }
        return s.append(dims.length == 1 ? ",)" : ")").toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorSpec other && name.equals(other.name) && dtype == other.dtype && Arrays.equals(shape, other.shape);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dtype, Arrays.hashCode(shape));
    }

    @Override
    public String toString() {
        return name + ": " + dtype.numpyName() + " " + describeShape();
    }
}
