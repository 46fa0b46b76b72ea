package jkeras.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import jkeras.runtime.PyTuple;
import jkeras.runtime.PythonValue;

/**
 * A Keras shape: dimensions, where {@code null} is an unknown size (Python's None), e.g. the batch
 * axis of a layer's output {@code (None, 784)}. Reaches Python as a tuple.
 */
public final class Shape implements PythonValue {
    private final List<Long> dims;

    private Shape(List<Long> dims) {
        this.dims = Collections.unmodifiableList(dims);
    }

    /** {@code Shape.of(28, 28, 1)}; {@code null} for an unknown dimension. */
    public static Shape of(Integer... dims) {
        List<Long> out = new ArrayList<>(dims.length);
        for (Integer d : dims) {
            out.add(d == null ? null : d.longValue());
        }
        return new Shape(out);
    }

    /** From what Python returns for a shape (a list of numbers and nulls), or null. */
    public static Shape fromPython(Object value) {
        if (value == null) {
            return null;
        }
        List<Long> out = new ArrayList<>();
        for (Object d : (List<?>) value) {
            out.add(d == null ? null : ((Number) d).longValue());
        }
        return new Shape(out);
    }

    /** Dimensions; null entries are unknown. */
    public List<Long> dims() {
        return dims;
    }

    public int rank() {
        return dims.size();
    }

    /** Dimension {@code axis}, or null when unknown. */
    public Long dim(int axis) {
        return dims.get(axis);
    }

    @Override
    public Object toPython() {
        return new PyTuple(new ArrayList<>(dims));
    }

    /** Python's spelling: {@code (None, 28, 28, 1)}. */
    @Override
    public String toString() {
        String inner = dims.stream().map(d -> d == null ? "None" : d.toString()).collect(Collectors.joining(", "));
        return "(" + inner + (dims.size() == 1 ? ",)" : ")");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && s.dims.equals(dims);
    }

    @Override
    public int hashCode() {
        return dims.hashCode();
    }

    static Shape ofLongs(long... dims) {
        return new Shape(Arrays.stream(dims).boxed().toList());
    }
}
