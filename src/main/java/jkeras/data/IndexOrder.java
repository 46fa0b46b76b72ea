package jkeras.data;

import java.util.SplittableRandom;

/**
 * The order in which one pass reads the samples of a random-access source: positions
 * {@code start .. start + length} of a permutation, or of the identity when nothing shuffled it
 * (then batches are ranges of consecutive rows, handed over as views).
 */
record IndexOrder(long[] permutation, long start, long length) {
    static IndexOrder all(long size) {
        return new IndexOrder(null, 0, size);
    }

    boolean contiguous() {
        return permutation == null;
    }

    /** The sample read at position {@code k} of the pass. */
    long at(long k) {
        return permutation == null ? start + k : permutation[Math.toIntExact(start + k)];
    }

    IndexOrder take(long count) {
        return new IndexOrder(permutation, start, Math.min(count, length));
    }

    IndexOrder skip(long count) {
        long skipped = Math.min(count, length);
        return new IndexOrder(permutation, start + skipped, length - skipped);
    }

    /** The same samples in an order drawn from {@code seed} and {@code pass} (Fisher-Yates). */
    IndexOrder shuffle(long seed, long pass) {
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("shuffle: " + length + " samples are too many to shuffle by index (at most "
                    + (Integer.MAX_VALUE - 8) + "); use shuffle(bufferSize, seed)");
        }
        long[] order = new long[(int) length];
        for (int i = 0; i < order.length; i++) {
            order[i] = at(i);
        }
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + pass);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return new IndexOrder(order, 0, order.length);
    }
}
