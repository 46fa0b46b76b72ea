package jkeras.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import jkeras.tensor.StringTensor;
import jkeras.tensor.Tensor;

/**
 * What a data source yields: the inputs {@code x}, the targets {@code y} (none for prediction) and
 * optional sample weights, each one array, a list of arrays (several inputs or outputs, in the
 * model's order) or a map of arrays by input or output name. An array is a {@link Tensor} or, for
 * raw text, a {@link StringTensor}. A record owns its arrays: closing it closes them.
 *
 * @see Example one sample
 * @see Batch a batch of samples, what Keras trains on
 */
public abstract sealed class Record implements AutoCloseable permits Example, Batch {
    final Parts x;
    final Parts y;
    final Parts weight;

    Record(Parts x, Parts y, Parts weight) {
        if (x.isEmpty()) {
            throw new IllegalArgumentException("x: a record needs inputs; received null");
        }
        this.x = x;
        this.y = y;
        this.weight = weight;
    }

    /** The one input tensor (for a single-input model). */
    public Tensor x() {
        return tensor(single(x, "x"), "x");
    }

    /** Input {@code index} of several (a list of inputs). */
    public Tensor x(int index) {
        return tensor(x.get(index, "x"), "x");
    }

    /** The input named {@code name} (a map of inputs). */
    public Tensor x(String name) {
        return tensor(x.get(name, "x"), "x");
    }

    /** The one input, as strings (raw text for a TextVectorization layer). */
    public StringTensor xText() {
        Object value = single(x, "x");
        if (value instanceof StringTensor s) {
            return s;
        }
        throw new IllegalStateException("x is a numeric tensor, not strings: use x()");
    }

    /** The inputs as given: a Tensor, a StringTensor, a list or a map of them. */
    public Object inputs() {
        return x.value();
    }

    /** The one target tensor. */
    public Tensor y() {
        return tensor(single(y, "y"), "y");
    }

    public Tensor y(int index) {
        return tensor(y.get(index, "y"), "y");
    }

    public Tensor y(String name) {
        return tensor(y.get(name, "y"), "y");
    }

    /** The targets as given, or null when the record has none. */
    public Object targets() {
        return y.value();
    }

    public boolean hasTargets() {
        return !y.isEmpty();
    }

    /** The sample weights, or null. */
    public Tensor weight() {
        return weight.isEmpty() ? null : tensor(single(weight, "weight"), "weight");
    }

    /** The sample weights as given (a tensor, or a list/map per output), or null. */
    public Object weights() {
        return weight.value();
    }

    /** Every array of the record: x's, then y's, then the weights'. */
    public List<Object> arrays() {
        List<Object> all = new ArrayList<>(x.arrays);
        all.addAll(y.arrays);
        all.addAll(weight.arrays);
        return all;
    }

    /** Closes every array of the record. Idempotent. */
    @Override
    public void close() {
        for (Object array : arrays()) {
            Parts.close(array);
        }
    }

    /** Closes the arrays of this record that {@code kept} does not hold (a map's input it replaced). */
    void closeAllBut(Record kept) {
        Set<Object> keep = Parts.identitySet();
        kept.x.addTo(keep);
        kept.y.addTo(keep);
        kept.weight.addTo(keep);
        for (Object array : arrays()) {
            if (!keep.contains(array)) {
                Parts.close(array);
            }
        }
    }

    private static Object single(Parts parts, String slot) {
        if (parts.kind != Parts.Kind.SINGLE) {
            throw new IllegalStateException(parts.isEmpty() ? "the record has no " + slot
                    : slot + " holds " + parts.count() + " arrays; use " + slot + "(index) or " + slot + "(name)");
        }
        return parts.arrays.get(0);
    }

    private static Tensor tensor(Object value, String slot) {
        if (value instanceof Tensor t) {
            return t;
        }
        throw new IllegalStateException(slot + " is a string tensor; use " + slot + "Text() or inputs()");
    }
}
