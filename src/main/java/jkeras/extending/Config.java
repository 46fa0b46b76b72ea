package jkeras.extending;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import jkeras.internal.PythonFunctions;
import jkeras.internal.PythonRuntime;
import jkeras.layers.Shape;
import jkeras.runtime.PythonObject;

/**
 * What a Java custom object saves of itself, and gets back to be made again: the arguments of its
 * constructor, as Keras' {@code get_config()} holds them. {@code getConfig(Config config)} puts
 * entries; {@code fromConfig(Config config)} (or a constructor taking a Config) reads them:
 * <pre>{@code
 * @Override
 * protected void getConfig(Config config) {
 *     config.put("units", units);
 * }
 *
 * public static ResidualDense fromConfig(Config config) {
 *     return new ResidualDense(config.getInt("units"));
 * }
 * }</pre>
 * A value is what a saved model can hold: null, a string, a number, a boolean, an enum (its name),
 * a {@link Shape}, an array, list or string-keyed map of these, or a Keras object (an initializer,
 * a regularizer, a layer…), which Keras serializes and {@link #getKerasObject} makes again. Anything
 * else is refused by {@link #put}, with the key and the value's class named: at save time, before a
 * byte is written.
 */
public final class Config {
    private final String owner;
    private final Map<String, Object> values = new LinkedHashMap<>();

    Config(String owner) {
        this.owner = owner;
    }

    /** A config read from the JSON Python saved (what {@code fromConfig} receives). */
    static Config fromJson(String owner, String json) {
        Config config = new Config(owner);
        JsonObject object = JsonParser.parseString(json).getAsJsonObject();
        for (Map.Entry<String, JsonElement> e : object.entrySet()) {
            config.values.put(e.getKey(), fromJson(e.getValue()));
        }
        return config;
    }

    private static Object fromJson(JsonElement element) {
        if (element == null || element.isJsonNull()) {
            return null;
        }
        if (element instanceof JsonPrimitive p) {
            if (p.isBoolean()) {
                return p.getAsBoolean();
            }
            if (p.isString()) {
                return p.getAsString();
            }
            String text = p.getAsString();
            boolean integral = !text.contains(".") && !text.contains("e") && !text.contains("E")
                    && !text.contains("N") && !text.contains("I");
            return integral ? (Object) p.getAsLong() : (Object) p.getAsDouble();
        }
        if (element instanceof JsonArray array) {
            List<Object> out = new ArrayList<>(array.size());
            array.forEach(item -> out.add(fromJson(item)));
            return Collections.unmodifiableList(out);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        element.getAsJsonObject().entrySet().forEach(e -> out.put(e.getKey(), fromJson(e.getValue())));
        return Collections.unmodifiableMap(out);
    }

    /**
     * Sets {@code key} to {@code value}; throws {@link IllegalArgumentException}, naming the key, the
     * value's class and the object, for a value a saved model cannot hold.
     */
    public Config put(String key, Object value) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("getConfig of " + owner + ": a config key must be a non-empty string; received "
                    + (key == null ? "null" : "\"\""));
        }
        values.put(key, checked(key, value));
        return this;
    }

    private Object checked(String where, Object value) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float || value instanceof Double) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        if (value instanceof Shape shape) {
            return Collections.unmodifiableList(new ArrayList<>(shape.dims()));
        }
        if (value instanceof PythonObject object) {
            return object; // Keras serializes it (jkeras.extending._json_ready) and says so if it cannot
        }
        if (value instanceof Collection<?> items) {
            List<Object> out = new ArrayList<>(items.size());
            int i = 0;
            for (Object item : items) {
                out.add(checked(where + "[" + i++ + "]", item));
            }
            return Collections.unmodifiableList(out);
        }
        if (value != null && value.getClass().isArray()) {
            int length = Array.getLength(value);
            List<Object> out = new ArrayList<>(length);
            for (int i = 0; i < length; i++) {
                out.add(checked(where + "[" + i + "]", Array.get(value, i)));
            }
            return Collections.unmodifiableList(out);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String k)) {
                    throw refused(where, "a map with the key " + e.getKey() + " (" + className(e.getKey()) + "): keys must be strings");
                }
                out.put(k, checked(where + "." + k, e.getValue()));
            }
            return Collections.unmodifiableMap(out);
        }
        throw refused(where, value + " (" + className(value) + ")");
    }

    private IllegalArgumentException refused(String where, String what) {
        return new IllegalArgumentException("getConfig of " + owner + ": the config entry '" + where + "' holds " + what
                + ", which a saved model cannot hold. Put numbers, strings, booleans, null, enums, shapes, arrays,"
                + " lists or string-keyed maps of them, or Keras objects (initializers, regularizers, layers…) in a config.");
    }

    private static String className(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }

    /** Whether {@code key} is set. */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** The keys, in the order they were put. */
    public Set<String> keys() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /** The value as stored: Long, Double, String, Boolean, List, Map, a Keras object's handle (or its serialized Map), or null. */
    public Object get(String key) {
        if (!values.containsKey(key)) {
            throw new IllegalArgumentException("the config of " + owner + " has no '" + key + "'; it has " + values.keySet());
        }
        return values.get(key);
    }

    /** The value of {@code key}, or {@code fallback} when the config does not have it. */
    public Object getOrDefault(String key, Object fallback) {
        return values.containsKey(key) ? values.get(key) : fallback;
    }

    public String getString(String key) {
        return (String) typed(key, String.class);
    }

    public boolean getBoolean(String key) {
        return (Boolean) typed(key, Boolean.class);
    }

    public long getLong(String key) {
        return ((Number) typed(key, Number.class)).longValue();
    }

    public int getInt(String key) {
        long value = getLong(key);
        if (value != (int) value) {
            throw new IllegalArgumentException("the config of " + owner + ": '" + key + "' is " + value + ", beyond an int");
        }
        return (int) value;
    }

    public double getDouble(String key) {
        return ((Number) typed(key, Number.class)).doubleValue();
    }

    /** A list of numbers as an int array (a kernel size, units per layer…). */
    public int[] getIntArray(String key) {
        List<?> list = (List<?>) typed(key, List.class);
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) list.get(i)).intValue();
        }
        return out;
    }

    /** A shape put with {@code put(key, shape)}. */
    public Shape getShape(String key) {
        return Shape.fromPython(typed(key, List.class));
    }

    @SuppressWarnings("unchecked")
    public List<Object> getList(String key) {
        return (List<Object>) typed(key, List.class);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> getMap(String key) {
        return (Map<String, Object>) typed(key, Map.class);
    }

    /**
     * A Keras object put in the config (an initializer, a regularizer…): the handle itself in the
     * config being saved, a new object made by Keras from its serialized form in a loaded one.
     */
    public PythonObject getKerasObject(String key) {
        Object value = get(key);
        if (value == null || value instanceof PythonObject) {
            return (PythonObject) value;
        }
        return PythonObject.wrap(PythonRuntime.get().call(PythonFunctions.EXTENDING_DESERIALIZE, typed(key, Map.class)));
    }

    private Object typed(String key, Class<?> type) {
        Object value = get(key);
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("the config of " + owner + ": '" + key + "' is " + value + " ("
                    + className(value) + "), not a " + type.getSimpleName());
        }
        return value;
    }

    /** The entries, read-only. */
    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(values);
    }

    @Override
    public String toString() {
        return "Config" + values;
    }
}
