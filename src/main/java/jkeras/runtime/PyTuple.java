package jkeras.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A value that reaches Python as a tuple (Java lists become Python lists). Keras wants tuples for
 * shapes, kernel sizes and strides.
 */
public record PyTuple(List<Object> items) {
    public PyTuple {
        items = Collections.unmodifiableList(new ArrayList<>(items)); // may hold null: Python's None
    }

    public static PyTuple of(Object... items) {
        return new PyTuple(Arrays.asList(items));
    }

    public static PyTuple ofInts(int... items) {
        return new PyTuple(Arrays.stream(items).boxed().map(Object.class::cast).toList());
    }
}
