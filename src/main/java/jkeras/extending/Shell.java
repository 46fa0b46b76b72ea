package jkeras.extending;

import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jkeras.internal.HandleScope;
import jkeras.internal.PythonFunctions;
import jkeras.internal.PythonRuntime;
import jkeras.layers.KerasTensor;
import jkeras.layers.Layer;
import jkeras.runtime.KwArgs;
import jkeras.runtime.PythonObject;

/**
 * The Python object behind a Java custom object (its "shell": an instance of
 * {@code jkeras.extending.JavaLayer}, {@code JavaModel}…): made by the Java constructor, given the
 * Java object's dispatch, shown under the Java class's name.
 */
final class Shell {
    private Shell() {}

    /** A new shell of {@code kind} ("layer", "model", "loss", "metric") with Keras' base arguments. */
    static PythonObject create(String kind, KwArgs<?> options) {
        // The handle is the Java object's own: no scope around a call may close it.
        try (HandleScope keep = HandleScope.keepAll()) {
            return PythonObject.wrap(PythonRuntime.get().call(PythonFunctions.EXTENDING_NEW_SHELL, kind, options.toMap()));
        }
    }

    /** Connects the shell of {@code owner} to its dispatch; {@code overridable} are the hooks Python asks about. */
    static void attach(PythonObject owner, Object dispatch, Class<?> base, Map<String, Class<?>[]> overridable) {
        Class<?> type = owner.getClass();
        List<String> overrides = new ArrayList<>();
        overridable.forEach((method, parameters) -> {
            if (overrides(type, base, method, parameters)) {
                overrides.add(method);
            }
        });
        String registered = CustomObjects.nameOf(type);
        PythonRuntime.get().call(PythonFunctions.EXTENDING_ATTACH, owner, dispatch, registered, displayName(type), overrides);
    }

    /** Whether a class between {@code type} and {@code base} (excluded) declares the method. */
    static boolean overrides(Class<?> type, Class<?> base, String method, Class<?>... parameters) {
        for (Class<?> c = type; c != null && c != base; c = c.getSuperclass()) {
            try {
                c.getDeclaredMethod(method, parameters);
                return true;
            } catch (NoSuchMethodException e) {
                // not declared here: look further up
            }
        }
        return false;
    }

    private static String displayName(Class<?> type) {
        String simple = type.getSimpleName();
        return simple.isEmpty() ? "JavaAnonymous" + type.getSuperclass().getSimpleName() : simple;
    }

    /**
     * Makes Keras track the layers, metrics and seed generators {@code owner}'s fields hold (as Python does for a
     * layer's attributes): their weights become the owner's, they are saved with it, a model lists
     * them. Fields of the classes between the owner's class and {@code base}.
     */
    static void trackFields(PythonObject owner, Class<?> base) {
        Map<String, Object> tracked = new LinkedHashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Class<?> c = owner.getClass(); c != null && c != base; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.isSynthetic()) {
                    continue;
                }
                Object value = read(owner, field);
                Object keras = trackable(value);
                if (keras != null) {
                    String name = seen.add(field.getName()) ? field.getName() : c.getSimpleName() + "_" + field.getName();
                    tracked.put(name, keras);
                }
            }
        }
        if (!tracked.isEmpty()) {
            List<List<Object>> pairs = new ArrayList<>();
            tracked.forEach((name, value) -> pairs.add(List.of(name, value)));
            PythonRuntime.get().call(PythonFunctions.EXTENDING_TRACK, owner, pairs);
        }
    }

    private static Object read(Object owner, Field field) {
        try {
            field.setAccessible(true);
            return field.get(owner);
        } catch (InaccessibleObjectException | IllegalAccessException e) {
            throw new IllegalStateException("jkeras cannot read the field " + field + " to track the layers it holds: "
                    + "open the package " + field.getDeclaringClass().getPackageName() + " to jkeras (module-info: opens ... to jkeras)", e);
        }
    }

    /**
     * A handle to a Python object (or a non-empty collection or string-keyed map of them only), else
     * null; Python keeps what Keras tracks (layers, metrics, seed generators). Weights are tracked
     * already (addWeight), and tensors are not state.
     */
    private static Object trackable(Object value) {
        if (value instanceof PythonObject object) {
            return object instanceof Weight || object instanceof KerasTensor || object.isClosed() ? null : object;
        }
        if (value instanceof Collection<?> items && !items.isEmpty() && items.stream().allMatch(i -> trackable(i) != null)) {
            return List.copyOf(items);
        }
        if (value instanceof Map<?, ?> map && !map.isEmpty()
                && map.keySet().stream().allMatch(k -> k instanceof String)
                && map.values().stream().allMatch(i -> trackable(i) != null)) {
            return new LinkedHashMap<>(map);
        }
        return null;
    }

    /** {@code layer(inputs, training=training)} (training omitted when null), tensors back as handles. */
    static Object callLayer(Layer layer, Object inputs, Boolean training) {
        if (layer == null) {
            throw new IllegalArgumentException("callLayer(layer, inputs): expected a layer; received null");
        }
        return Values.tensors(PythonRuntime.get().call(PythonFunctions.EXTENDING_CALL_LAYER, layer, inputs, training));
    }
}
