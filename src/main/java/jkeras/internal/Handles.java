package jkeras.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jkeras.runtime.PyTuple;
import jkeras.runtime.PythonValue;
import jkeras.tensor.Tensor;

/**
 * Arguments on their way to Python, on the caller's thread: handles become their Jep objects,
 * {@link PythonValue}s their Python value, collections are walked; a closed handle or tensor throws
 * {@link IllegalStateException} here, in the caller's thread, before anything is queued.
 */
final class Handles {
    private Handles() {}

    static Object[] toPython(Object[] args) {
        Object[] out = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            out[i] = toPython(args[i]);
        }
        return out;
    }

    static Map<String, Object> toPython(Map<String, ?> kwargs) {
        Map<String, Object> out = new LinkedHashMap<>();
        kwargs.forEach((k, v) -> out.put(k, toPython(v)));
        return out;
    }

    static Object toPython(Object value) {
        if (value instanceof PyHandle handle) {
            return handle.ref().object(handle.handleName());
        }
        if (value instanceof Tensor tensor) {
            if (tensor.isClosed()) {
                throw new IllegalStateException("a tensor passed to Keras is closed: " + tensor);
            }
            return tensor;
        }
        if (value instanceof PythonValue v) {
            return toPython(v.toPython());
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(toPython(item));
            }
            return out;
        }
        if (value instanceof PyTuple tuple) {
            @SuppressWarnings("unchecked")
            List<Object> items = (List<Object>) toPython(tuple.items());
            return new PyTuple(items);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, toPython(v)));
            return out;
        }
        return value;
    }
}
