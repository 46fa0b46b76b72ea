package jkeras.runs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The named hyper-parameters of a run (tfruns' flags): numbers, strings and booleans, read back
 * typed: {@code run.flags().getInt("units")}. Recorded in the run's {@code flags.json}.
 */
public final class RunFlags {
    private final Map<String, Object> values;

    RunFlags(Map<String, ?> values) {
        Map<String, Object> checked = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a flag needs a name; got " + (name == null ? "null" : "'" + name + "'"));
            }
            if (value != null && !(value instanceof Number || value instanceof String || value instanceof Boolean)) {
                throw new IllegalArgumentException("flag " + name + "=" + value + " is a " + value.getClass().getName()
                        + "; flags are numbers, strings or booleans");
            }
            checked.put(name, value);
        });
        this.values = Collections.unmodifiableMap(checked);
    }

    /** All flags, in the order given. */
    public Map<String, Object> asMap() {
        return values;
    }

    public int getInt(String name) {
        Object v = get(name);
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue();
        }
        throw new IllegalArgumentException("flag " + name + "=" + v + " is not a whole number");
    }

    public double getDouble(String name) {
        Object v = get(name);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("flag " + name + "=" + v + " is not a number");
    }

    public String getString(String name) {
        return String.valueOf(get(name));
    }

    public boolean getBoolean(String name) {
        Object v = get(name);
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("flag " + name + "=" + v + " is not a boolean");
    }

    private Object get(String name) {
        if (!values.containsKey(name)) {
            throw new IllegalArgumentException("no flag '" + name + "' in this run; its flags are " + values.keySet());
        }
        return values.get(name);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
