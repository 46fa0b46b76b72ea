package jkeras.serving.http;

import java.util.Arrays;
import jkeras.tensor.DType;
import jkeras.tensor.Tensor;

/**
 * JSON values that are numbers or rectangular nests of arrays of numbers, read straight into one
 * flat buffer: {@code [[1, 2], [3, 4]]} has shape (2, 2). Several values of one shape may be read
 * one after another (the rows of the instances format), and stack. Anything else (a string, a
 * boolean, null, an object, a ragged nest, nesting deeper than {@value #MAX_RANK}) is a 400 that
 * says where it was found.
 */
final class NumberArray {
    static final int MAX_RANK = 32;

    private double[] values = new double[1024];
    private int count;
    private final long[] dims = new long[MAX_RANK]; // -1 until the first array at that depth ends
    private int rank = -1;                          // known at the first number
    private int stacked;                            // values read

    NumberArray() {
        Arrays.fill(dims, -1);
    }

    /** Reads one more value of the common shape; {@code where} names it in messages ("instances[3]"). */
    NumberArray read(JsonScanner in, String where) {
        readValue(in, 0, new long[MAX_RANK], where);
        stacked++;
        return this;
    }

    private void readValue(JsonScanner in, int depth, long[] index, String where) {
        JsonScanner.Kind token = in.peek();
        if (token == JsonScanner.Kind.NUMBER) {
            if (rank < 0) {
                rank = depth;
            } else if (depth != rank) {
                throw ragged(where, index, depth, "a number where the other values have an array");
            }
            add(in.nextNumber()); // NaN and Infinity are not JSON: refused as malformed
            return;
        }
        if (token != JsonScanner.Kind.ARRAY) {
            throw HttpError.badRequest(where + position(index, depth) + ": expected a number or an array of numbers; received "
                    + describeToken(in, token));
        }
        if (depth >= MAX_RANK) {
            throw HttpError.badRequest(where + ": arrays nested deeper than " + MAX_RANK + " levels");
        }
        if (rank >= 0 && depth >= rank) {
            throw ragged(where, index, depth, "an array where the other values have a number");
        }
        in.beginArray();
        long n = 0;
        while (in.hasNext(']', n == 0)) {
            index[depth] = n++;
            readValue(in, depth + 1, index, where);
        }
        if (rank < 0 && n == 0) {
            rank = depth + 1; // an empty array of numbers
        }
        if (dims[depth] < 0) {
            dims[depth] = n;
        } else if (dims[depth] != n) {
            throw ragged(where, index, depth, n + " elements where the other arrays at this depth have " + dims[depth]);
        }
    }

    private static HttpError ragged(String where, long[] index, int depth, String what) {
        return HttpError.badRequest(where + position(index, depth) + ": " + what + " (the array is ragged)");
    }

    private void add(double v) {
        if (count == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[count++] = v;
    }

    /** The shape of one value. */
    long[] valueShape() {
        return Arrays.copyOf(dims, Math.max(rank, 0));
    }

    /** All values read, stacked on a new first axis (the instances format) or as the one value read. */
    Tensor toTensor(DType dtype, boolean stack, String where) {
        long[] shape = valueShape();
        if (stack) {
            long[] full = new long[shape.length + 1];
            full[0] = stacked;
            System.arraycopy(shape, 0, full, 1, shape.length);
            shape = full;
        }
        if (dtype == DType.FLOAT32) {
            float[] f = new float[count];
            for (int i = 0; i < count; i++) {
                f[i] = (float) values[i];
            }
            return Tensor.of(f, shape);
        }
        if (!dtype.isFloatingPoint()) {
            for (int i = 0; i < count; i++) {
                double v = values[i];
                if (v != Math.rint(v) || dtype == DType.BOOL && v != 0 && v != 1) {
                    throw HttpError.badRequest(where + ": the model takes " + dtype.numpyName() + "; received the value " + v);
                }
            }
        }
        try (Tensor wide = Tensor.of(Arrays.copyOf(values, count), shape)) {
            return wide.cast(dtype);
        }
    }

    private static String position(long[] index, int depth) {
        StringBuilder s = new StringBuilder();
        for (int d = 0; d < depth; d++) {
            s.append('[').append(index[d]).append(']');
        }
        return s.toString();
    }

    static String describeToken(JsonScanner in, JsonScanner.Kind token) {
        return switch (token) {
            case STRING -> {
                String s = in.nextString();
                yield "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
            }
            case TRUE, FALSE -> "the boolean " + in.nextLiteral();
            case NULL -> "null";
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case NUMBER -> "a number";
            case END -> "the end of the body";
        };
    }
}
