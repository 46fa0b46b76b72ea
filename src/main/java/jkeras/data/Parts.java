package jkeras.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jkeras.tensor.StringTensor;
import jkeras.tensor.Tensor;

/**
 * One slot of a record (x, y or the sample weights): nothing, one array, a list of arrays (several
 * inputs or outputs, in the model's order) or a map of arrays by input or output name. An array is
 * a {@link Tensor} or a {@link StringTensor}.
 */
final class Parts {
    enum Kind { NONE, SINGLE, LIST, MAP }

    static final Parts NONE = new Parts(Kind.NONE, List.of(), List.of());

    final Kind kind;
    final List<String> names;   // MAP only
    final List<Object> arrays;  // Tensor or StringTensor

    private Parts(Kind kind, List<String> names, List<Object> arrays) {
        this.kind = kind;
        this.names = names;
        this.arrays = arrays;
    }

    /** A tensor, a string tensor, a list of them or a map of them by name; null for none. */
    static Parts of(Object value, String slot) {
        if (value == null) {
            return NONE;
        }
        if (value instanceof Tensor || value instanceof StringTensor) {
            return new Parts(Kind.SINGLE, List.of(), List.of(value));
        }
        if (value instanceof List<?> list) {
            List<Object> arrays = new ArrayList<>();
            for (Object item : list) {
                arrays.add(array(item, slot));
            }
            if (arrays.isEmpty()) {
                throw new IllegalArgumentException(slot + ": an empty list of arrays");
            }
            return new Parts(Kind.LIST, List.of(), Collections.unmodifiableList(arrays));
        }
        if (value instanceof Map<?, ?> map) {
            List<String> names = new ArrayList<>();
            List<Object> arrays = new ArrayList<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String name)) {
                    throw new IllegalArgumentException(slot + ": map keys must be input or output names; received " + e.getKey());
                }
                names.add(name);
                arrays.add(array(e.getValue(), slot + "[\"" + name + "\"]"));
            }
            if (arrays.isEmpty()) {
                throw new IllegalArgumentException(slot + ": an empty map of arrays");
            }
            return new Parts(Kind.MAP, Collections.unmodifiableList(names), Collections.unmodifiableList(arrays));
        }
        throw new IllegalArgumentException(slot + ": expected a Tensor, a StringTensor, or a list or map of them; received "
                + value.getClass().getName());
    }

    private static Object array(Object item, String slot) {
        if (item instanceof Tensor || item instanceof StringTensor) {
            return item;
        }
        throw new IllegalArgumentException(slot + ": expected Tensor or StringTensor entries; received "
                + (item == null ? "null" : item.getClass().getName()));
    }

    /** Parts of a given structure (record files build theirs from columns). */
    static Parts structured(Kind kind, List<String> names, List<Object> arrays) {
        return kind == Kind.NONE ? NONE : new Parts(kind, List.copyOf(names), Collections.unmodifiableList(new ArrayList<>(arrays)));
    }

    /** The same structure over other arrays (in the same order). */
    Parts with(List<Object> replacement) {
        if (replacement.size() != arrays.size()) {
            throw new IllegalArgumentException("expected " + arrays.size() + " arrays; received " + replacement.size());
        }
        return kind == Kind.NONE ? NONE : new Parts(kind, names, Collections.unmodifiableList(new ArrayList<>(replacement)));
    }

    boolean isEmpty() {
        return kind == Kind.NONE;
    }

    int count() {
        return arrays.size();
    }

    /** The structure, as the Python side reads it: null, "single", ["list", n] or ["dict", names]. */
    Object describe() {
        return switch (kind) {
            case NONE -> null;
            case SINGLE -> "single";
            case LIST -> List.of("list", arrays.size());
            case MAP -> List.of("dict", names);
        };
    }

    boolean sameStructure(Parts other) {
        return kind == other.kind && arrays.size() == other.arrays.size() && names.equals(other.names);
    }

    /** The value as it was given: one array, a list, or a map by name. */
    Object value() {
        return switch (kind) {
            case NONE -> null;
            case SINGLE -> arrays.get(0);
            case LIST -> arrays;
            case MAP -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < names.size(); i++) {
                    map.put(names.get(i), arrays.get(i));
                }
                yield Collections.unmodifiableMap(map);
            }
        };
    }

    Object get(int index, String slot) {
        if (index < 0 || index >= arrays.size()) {
            throw new IndexOutOfBoundsException(slot + "(" + index + "): the record has " + arrays.size() + " " + slot + " arrays");
        }
        return arrays.get(index);
    }

    Object get(String name, String slot) {
        int at = names.indexOf(name);
        if (at < 0) {
            throw new IllegalArgumentException(slot + "(\"" + name + "\"): no such name; the record has " + names);
        }
        return arrays.get(at);
    }

    String label(String slot, int index) {
        return switch (kind) {
            case NONE, SINGLE -> slot;
            case LIST -> slot + "[" + index + "]";
            case MAP -> slot + "[\"" + names.get(index) + "\"]";
        };
    }

    void addTo(Set<Object> identities) {
        identities.addAll(arrays);
    }

    static Set<Object> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }

    static void close(Object array) {
        if (array instanceof Tensor t) {
            t.close();
        } else if (array instanceof StringTensor s) {
            s.close();
        }
    }
}
