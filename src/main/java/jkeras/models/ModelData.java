package jkeras.models;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jkeras.internal.PyHandle;
import jkeras.runtime.PyTuple;
import jkeras.runtime.PythonValue;
import jkeras.tensor.StringTensor;
import jkeras.tensor.Tensor;

/**
 * The data arguments of fit, evaluate and predict, checked in the caller's thread before anything
 * reaches Python: what Keras would misreport (a null x is "pop from an empty set", a Java array
 * arrives as a tuple Keras calls an "Unrecognized data type") fails here naming the argument and
 * what was received, and Java arrays of numbers ({@code float[][]}, {@code int[]}…) become tensors
 * for the call, closed when it ends.
 */
final class ModelData implements AutoCloseable {
    private static final String ACCEPTED = "a Tensor, a Java array of numbers (float[][], int[]…), a StringTensor of text, a list or map of"
            + " them (several inputs or outputs), a Java data source (jkeras.data.DataSource), or a handle to Python data"
            + " (a tf.data.Dataset…)";

    private final String method;
    private final List<Tensor> made = new ArrayList<>();

    ModelData(String method) {
        this.method = method;
    }

    /** {@code value} as the call passes it; null only when {@code required} is false (Python's None). */
    Object argument(String name, Object value, boolean required) {
        if (value == null) {
            if (required) {
                throw new IllegalArgumentException(method + "(" + name + "): expected " + ACCEPTED + "; received null");
            }
            return null;
        }
        try {
            return convert(name, value);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private Object convert(String name, Object value) {
        if (value instanceof Tensor || value instanceof StringTensor || value instanceof PyHandle || value instanceof PythonValue) {
            // A closed one fails in the caller's thread when the call hands it over; a Java data
            // source (jkeras.data) becomes the Keras data adapter that reads its batches.
            return value;
        }
        if (value.getClass().isArray()) {
            return tensorOf(name, value);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                out.add(element(name + "[" + i + "]", list.get(i)));
            }
            return out;
        }
        if (value instanceof PyTuple tuple) {
            List<Object> out = new ArrayList<>(tuple.items().size());
            for (int i = 0; i < tuple.items().size(); i++) {
                out.add(element(name + "[" + i + "]", tuple.items().get(i)));
            }
            return new PyTuple(out);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.put(entry.getKey(), element(name + "[\"" + entry.getKey() + "\"]", entry.getValue()));
            }
            return out;
        }
        throw new IllegalArgumentException(method + "(" + name + "): expected " + ACCEPTED + "; received "
                + value.getClass().getSimpleName() + " " + describe(value));
    }

    private Object element(String name, Object value) {
        if (value == null) {
            throw new IllegalArgumentException(method + "(" + name + "): expected " + ACCEPTED + "; received null");
        }
        return convert(name, value);
    }

    private Tensor tensorOf(String name, Object array) {
        Class<?> element = array.getClass();
        while (element.isArray()) {
            element = element.getComponentType();
        }
        if (!element.isPrimitive() || element == char.class) {
            throw new IllegalArgumentException(method + "(" + name + "): a Java array must hold numbers or booleans"
                    + " (float[][], double[], int[], long[], byte[], boolean[]…); received " + array.getClass().getSimpleName());
        }
        if (Array.getLength(array) == 0 || !hasElements(array)) {
            throw new IllegalArgumentException(method + "(" + name + "): an empty Java array (" + array.getClass().getSimpleName()
                    + " of length 0) cannot say its shape; make a tensor with the shape, e.g. Tensor.zeros(DType.FLOAT32, 0, features)");
        }
        try {
            Tensor tensor = Tensor.fromArray(array);
            made.add(tensor);
            return tensor;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(method + "(" + name + "): " + e.getMessage(), e);
        }
    }

    /** Whether the first element at every level exists (fromArray reads shapes from it). */
    private static boolean hasElements(Object array) {
        Object probe = array;
        while (probe != null && probe.getClass().isArray()) {
            if (Array.getLength(probe) == 0) {
                return false;
            }
            probe = probe.getClass().getComponentType().isArray() ? Array.get(probe, 0) : null;
        }
        return true;
    }

    private static String describe(Object value) {
        String text = value instanceof CharSequence ? "\"" + value + "\"" : String.valueOf(value);
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }

    /** Closes the tensors made from Java arrays (Python keeps its own hold while it still uses one). */
    @Override
    public void close() {
        for (Tensor tensor : made) {
            tensor.close();
        }
        made.clear();
    }
}
