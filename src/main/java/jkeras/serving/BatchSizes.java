package jkeras.serving;

import java.util.Arrays;

/**
 * The batch sizes a batch is padded to, for backends that compile once per input shape (JAX): a
 * batch of {@code n} rows runs as the smallest allowed size that holds it, so the model is compiled
 * for a few sizes instead of for every size a queue happens to gather.
 */
final class BatchSizes {
    private final long[] sizes; // ascending

    private BatchSizes(long[] sizes) {
        this.sizes = sizes;
    }

    /** Powers of two up to {@code max}, and {@code max} itself. */
    static BatchSizes powersOfTwo(long max) {
        long[] sizes = new long[0];
        for (long s = 1; s < max; s *= 2) {
            sizes = Arrays.copyOf(sizes, sizes.length + 1);
            sizes[sizes.length - 1] = s;
        }
        sizes = Arrays.copyOf(sizes, sizes.length + 1);
        sizes[sizes.length - 1] = max;
        return new BatchSizes(sizes);
    }

    /** The given sizes (positive, any order). */
    static BatchSizes of(long... sizes) {
        long[] sorted = sizes.clone();
        Arrays.sort(sorted);
        if (sorted.length == 0 || sorted[0] < 1) {
            throw new IllegalArgumentException("batchSizes: expected positive sizes; received " + Arrays.toString(sizes));
        }
        return new BatchSizes(sorted);
    }

    /** The smallest allowed size of at least {@code rows}; beyond the largest, the next power of two. */
    long padded(long rows) {
        for (long s : sizes) {
            if (s >= rows) {
                return s;
            }
        }
        return powerOfTwoAtLeast(rows);
    }

    long largest() {
        return sizes[sizes.length - 1];
    }

    static long powerOfTwoAtLeast(long rows) {
        long p = 1;
        while (p < rows) {
            p <<= 1;
        }
        return p;
    }

    @Override
    public String toString() {
        return Arrays.toString(sizes);
    }
}
