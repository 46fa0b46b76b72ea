package jkeras.data;

/**
 * One sample: its inputs, targets and weight without a batch axis (an image [28, 28], a label []).
 * What {@link DataSource#fromTensors} yields before {@link DataSource#batch} stacks samples into a
 * {@link Batch}. It owns its arrays.
 */
public final class Example extends Record {
    Example(Parts x, Parts y, Parts weight) {
        super(x, y, weight);
    }

    /** A sample of inputs {@code x} (a tensor, a string tensor, a list or a map of them) and targets {@code y} (or null). */
    public static Example of(Object x, Object y) {
        return new Example(Parts.of(x, "x"), Parts.of(y, "y"), Parts.NONE);
    }

    /** A sample with a weight. */
    public static Example of(Object x, Object y, Object weight) {
        return new Example(Parts.of(x, "x"), Parts.of(y, "y"), Parts.of(weight, "weight"));
    }

    /** A sample without targets (for prediction). */
    public static Example ofInputs(Object x) {
        return of(x, null);
    }

    @Override
    public String toString() {
        return "Example(x=" + x.value() + (hasTargets() ? ", y=" + y.value() : "") + ")";
    }
}
