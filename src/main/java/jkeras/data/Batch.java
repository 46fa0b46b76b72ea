package jkeras.data;

/**
 * A batch of samples, every array with the batch as its first axis: what Keras trains on, one
 * gradient step's worth. A source handed to {@code fit} yields batches; the first one fixes the
 * structure, dtypes and shapes (after the batch axis) that every later one must have. A batch
 * owns its arrays, and a source hands its batches over to jkeras, which closes them once Keras is
 * done with them: yield fresh tensors (or views) for each batch.
 */
public final class Batch extends Record {
    Batch(Parts x, Parts y, Parts weight) {
        super(x, y, weight);
    }

    /** Inputs {@code x} (a tensor, a string tensor, a list or a map of them) and targets {@code y} (or null). */
    public static Batch of(Object x, Object y) {
        return new Batch(Parts.of(x, "x"), Parts.of(y, "y"), Parts.NONE);
    }

    /** A batch with sample weights (a tensor [batch], or a list/map per output). */
    public static Batch of(Object x, Object y, Object weight) {
        return new Batch(Parts.of(x, "x"), Parts.of(y, "y"), Parts.of(weight, "weight"));
    }

    /** A batch of inputs only (for prediction). */
    public static Batch ofInputs(Object x) {
        return of(x, null);
    }

    /** Number of samples: the first axis of its first input. */
    public long size() {
        return DataShapes.rows(x.arrays.get(0));
    }

    @Override
    public String toString() {
        return "Batch(" + size() + " samples, x=" + DataShapes.describe(x) + (hasTargets() ? ", y=" + DataShapes.describe(y) : "") + ")";
    }
}
