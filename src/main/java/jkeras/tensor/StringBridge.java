package jkeras.tensor;

/**
 * What the Python half ({@code jkeras.text}) and the data hand-over ({@code jkeras.data}) read of a
 * {@link StringTensor}: its two Arrow tensors and its shape. Not for application code.
 */
public final class StringBridge {
    private StringBridge() {}

    /** int64 offsets (absolute positions in {@link #text}); one more than there are strings. */
    public static Tensor offsets(StringTensor strings) {
        check(strings);
        return strings.offsetsTensor();
    }

    /** The UTF-8 bytes the offsets point into. */
    public static Tensor text(StringTensor strings) {
        check(strings);
        return strings.textTensor();
    }

    public static long[] shape(StringTensor strings) {
        return strings.shape();
    }

    private static void check(StringTensor strings) {
        if (strings.isClosed()) {
            throw new IllegalStateException("the string tensor " + java.util.Arrays.toString(strings.shape()) + " is closed");
        }
    }
}
