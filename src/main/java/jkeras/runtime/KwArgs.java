package jkeras.runtime;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keyword arguments of a Python call, set in Java through typed, IDE-completed setters: the way
 * jkeras passes Keras' named arguments ({@code layerDense(64, d -> d.activation("relu"))}).
 *
 * <p>Subclasses (most generated from Keras' signatures) add one setter per keyword argument;
 * {@link #kwarg(String, Object)} reaches any argument by its Python name, including ones a setter
 * does not cover. A value set to {@code null} is passed as Python's {@code None}; a value never set
 * is not passed at all, so Keras' own default applies.
 */
public abstract class KwArgs<T extends KwArgs<T>> {
    private final Map<String, Object> values = new LinkedHashMap<>();

    @SuppressWarnings("unchecked")
    protected final T self() {
        return (T) this;
    }

    /** Sets the keyword argument {@code pythonName} (e.g. {@code "kernel_initializer"}) to {@code value}. */
    public T kwarg(String pythonName, Object value) {
        if (pythonName == null || pythonName.isEmpty()) {
            throw new IllegalArgumentException("kwarg(pythonName, value): expected a Python keyword such as \"kernel_initializer\"; received "
                    + (pythonName == null ? "null" : "\"\""));
        }
        values.put(pythonName, value);
        return self();
    }

    /** For setters: same as {@link #kwarg}. */
    protected final T put(String pythonName, Object value) {
        return kwarg(pythonName, value);
    }

    /** Whether the argument was set. */
    public boolean has(String pythonName) {
        return values.containsKey(pythonName);
    }

    /** The arguments set so far, by Python name, in the order they were set. */
    public Map<String, Object> toMap() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** One int stays an int; several become a tuple (Keras' "int or tuple of ints": kernel sizes, strides). */
    protected static Object intOrTuple(int... values) {
        return values.length == 1 ? (Object) values[0] : PyTuple.ofInts(values);
    }

    /** One number stays a float; several become a tuple ("float or tuple of floats": zoom factors). */
    protected static Object floatOrTuple(double... values) {
        return values.length == 1 ? (Object) values[0] : new PyTuple(Arrays.stream(values).boxed().map(Object.class::cast).toList());
    }

    /** Always a tuple, {@code null} entries becoming None (shapes: {@code (None, 28)}). */
    protected static PyTuple tuple(Integer... values) {
        return new PyTuple(Arrays.asList((Object[]) values));
    }

    /** A list of values (Keras' lists of metrics, loss weights…). */
    protected static java.util.List<Object> list(Object... values) {
        return Arrays.asList(values);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + values;
    }
}
