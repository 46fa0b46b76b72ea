package jkeras.extending;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import jkeras.internal.HandleScope;
import jkeras.internal.PythonFunctions;
import jkeras.internal.PythonRuntime;
import jkeras.runtime.PythonObject;

/**
 * The names Java custom objects are saved under, like Keras' {@code register_keras_serializable}.
 *
 * <p>A saved model names each Java class by its registered name; loading finds the class by that
 * name, in any JVM. A class is registered under its own class name the first time an object of it
 * is made, and a class found on the class path by that name is loaded without registration; a
 * class may instead be registered under a name of its own ({@code register("my_layers>Linear",
 * Linear.class)}), which survives renaming or moving the class and must then be registered before
 * loading. Functions ({@code lossFunction}, {@code metricFunction}) are registered under their name
 * when made: a program loading a model that uses one makes or registers it first.
 */
public final class CustomObjects {
    private static final Map<String, Class<?>> CLASSES = new ConcurrentHashMap<>();
    private static final Map<Class<?>, String> NAMES = new ConcurrentHashMap<>();
    private static final Map<String, FunctionDispatch> FUNCTIONS = new ConcurrentHashMap<>();
    private static final AtomicInteger UNNAMED = new AtomicInteger();

    private CustomObjects() {}

    /** Registers {@code type} (a subclass of CustomLayer, CustomModel, CustomLoss or CustomMetric) under its class name. */
    public static void register(Class<?> type) {
        register(checkedType(type).getName(), type);
    }

    /**
     * Registers {@code type} under {@code name}: a saved model names it so, and loading a model that
     * does makes the object with {@code type}'s {@code fromConfig}. A class has one name; registering
     * it again under another replaces it.
     */
    public static synchronized void register(String name, Class<?> type) {
        checkName(name);
        checkedType(type);
        Class<?> already = CLASSES.get(name);
        if (already != null && already != type) {
            throw new IllegalArgumentException("register(name, type): the name '" + name + "' is already registered for "
                    + already.getName() + "; received " + type.getName());
        }
        String old = NAMES.put(type, name);
        if (old != null && !old.equals(name)) {
            CLASSES.remove(old);
        }
        CLASSES.put(name, type);
    }

    /** Registers a loss function under {@code name} (what {@code lossFunction(name, fn)} does). */
    public static void register(String name, LossFunction function) {
        checkName(name);
        FUNCTIONS.put(name, new FunctionDispatch(name, requireFunction(function)::call));
    }

    /** Registers a metric function under {@code name} (what {@code metricFunction(name, fn)} does). */
    public static void register(String name, MetricFunction function) {
        checkName(name);
        FUNCTIONS.put(name, new FunctionDispatch(name, requireFunction(function)::call));
    }

    /** The name {@code type} is saved under, registering it under its class name if it has none. */
    public static synchronized String nameOf(Class<?> type) {
        String name = NAMES.get(type);
        if (name == null) {
            name = type.getName();
            Class<?> other = CLASSES.get(name);
            if (other != null && other != type) {
                throw new IllegalStateException("the name '" + name + "' is registered for " + other.getName()
                        + ", so " + type.getName() + " cannot be saved under its class name");
            }
            NAMES.put(type, name);
            CLASSES.put(name, type);
        }
        return name;
    }

    /**
     * The Java object behind a Keras object a Java custom object made (the instance of your class
     * behind a layer of a loaded model, say), or null when it is not one.
     */
    public static <T> T javaObjectOf(PythonObject kerasObject, Class<T> type) {
        Object found = PythonRuntime.get().call(PythonFunctions.EXTENDING_JAVA_OBJECT, kerasObject);
        return found == null ? null : type.cast(found);
    }

    static String unnamedFunction(String kind) {
        return "java_" + kind + "_" + UNNAMED.incrementAndGet();
    }

    private static void checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("register(name, ...): expected a name such as \"my_layers>Linear\"; received "
                    + (name == null ? "null" : "\"" + name + "\""));
        }
    }

    private static <F> F requireFunction(F function) {
        if (function == null) {
            throw new IllegalArgumentException("register(name, function): expected a function; received null");
        }
        return function;
    }

    private static Class<?> checkedType(Class<?> type) {
        if (type == null || !isCustom(type) || Modifier.isAbstract(type.getModifiers())) {
            throw new IllegalArgumentException("register(type): expected a concrete subclass of CustomLayer, CustomModel, "
                    + "CustomLoss or CustomMetric; received " + (type == null ? "null" : type.getName()));
        }
        return type;
    }

    private static boolean isCustom(Class<?> type) {
        return CustomLayer.class.isAssignableFrom(type) || CustomModel.class.isAssignableFrom(type)
                || CustomLoss.class.isAssignableFrom(type) || CustomMetric.class.isAssignableFrom(type);
    }

    // ------------------------------------------------------------------ loading (called by Python)

    /** The class registered as {@code name}, or the custom class of that name on the class path. */
    static Class<?> classFor(String name) {
        Class<?> type = CLASSES.get(name);
        if (type != null) {
            return type;
        }
        Class<?> found;
        try {
            found = Class.forName(name, false, loader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("the model uses the Java class '" + name + "', which is not on this JVM's class path"
                    + " and not registered under that name: put the jar or folder that holds it on the class path"
                    + " (a class registered under a name of its own is registered with registerKerasSerializable(name, type)"
                    + " before loading)", e);
        }
        if (!isCustom(found)) {
            throw new IllegalStateException("the model names the Java class '" + name + "', which is not a CustomLayer,"
                    + " CustomModel, CustomLoss or CustomMetric: refused");
        }
        return found;
    }

    private static ClassLoader loader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : CustomObjects.class.getClassLoader();
    }

    /**
     * Python's {@code from_config} of a Java object: makes it from {@code configJson} (the entries
     * its getConfig put) and hands Python its shell.
     */
    public static void instantiateForPython(String name, String configJson) {
        PythonRuntime.upcall(() -> {
            Class<?> type = classFor(name);
            PythonObject made;
            try (HandleScope keep = HandleScope.keepAll()) {
                made = (PythonObject) instantiate(type, Config.fromJson(type.getName(), configJson));
            }
            Values.deliver(made);
            return null;
        });
    }

    /** The dispatch of the function registered as {@code name} (Python's JavaLossFunction and JavaMetricFunction). */
    public static FunctionDispatch functionForPython(String name) {
        FunctionDispatch function = FUNCTIONS.get(name);
        if (function == null) {
            throw new IllegalStateException("the model uses the Java function registered as '" + name + "', which this JVM"
                    + " has not registered: make it with lossFunction(\"" + name + "\", ...) or metricFunction(\"" + name
                    + "\", ...), or register it with registerKerasSerializable(\"" + name + "\", function), before loading");
        }
        return function;
    }

    /** {@code type.fromConfig(config)}, else a constructor taking a Config, else a no-argument constructor. */
    static Object instantiate(Class<?> type, Config config) {
        try {
            try {
                Method factory = type.getDeclaredMethod("fromConfig", Config.class);
                if (Modifier.isStatic(factory.getModifiers()) && type.isAssignableFrom(factory.getReturnType())) {
                    factory.setAccessible(true);
                    return factory.invoke(null, config);
                }
            } catch (NoSuchMethodException e) {
                // next: a constructor
            }
            Constructor<?> constructor;
            Object[] args;
            try {
                constructor = type.getDeclaredConstructor(Config.class);
                args = new Object[] {config};
            } catch (NoSuchMethodException e) {
                try {
                    constructor = type.getDeclaredConstructor();
                    args = new Object[0];
                } catch (NoSuchMethodException none) {
                    throw new IllegalStateException(type.getName() + " cannot be made from its saved config: declare"
                            + " 'static " + type.getSimpleName() + " fromConfig(Config config)' or a constructor taking a Config"
                            + " (or no arguments)");
                }
            }
            constructor.setAccessible(true);
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            // The class's own exception, as itself.
            throw jkeras.extending.Sneaky.<RuntimeException>rethrow(e.getCause());
        } catch (InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException("cannot make " + type.getName() + " from its saved config: " + e, e);
        }
    }
}
