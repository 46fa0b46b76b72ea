package jkeras.extending;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jkeras.internal.PyRef;
import jkeras.internal.PythonFunctions;
import jkeras.internal.PythonRuntime;
import jkeras.layers.KerasTensor;
import jkeras.layers.Shape;

/** Values between Python and the Java code it calls: tensors as handles, results handed back. */
final class Values {
    private Values() {}

    /** What Python passed (Jep's conversion of Handles, lists, dicts) with each Python tensor as a KerasTensor handle. */
    static Object tensors(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (PyRef.isPythonObject(value)) {
            return KerasTensor.wrap(value);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(tensors(item));
            }
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, tensors(v)));
            return out;
        }
        return value;
    }

    /** A shape Python passed (nested lists of ints and None): a Shape, or a List of them. */
    static Object shapes(Object value) {
        if (value instanceof List<?> list && list.stream().allMatch(d -> d == null || d instanceof Number)) {
            return Shape.fromPython(list);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(shapes(item));
            }
            return out;
        }
        return value;
    }

    /**
     * Hands {@code value} to the Python code that called the running Java method
     * ({@code jkeras.extending.run_java}); through the bridge, so handles become their Python
     * objects and tensors NumPy arrays.
     */
    static void deliver(Object value) {
        PythonRuntime.get().call(PythonFunctions.EXTENDING_DELIVER, new Object[] {value});
    }
}
