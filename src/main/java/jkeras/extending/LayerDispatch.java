package jkeras.extending;

import jkeras.internal.HandleScope;
import jkeras.internal.PythonFunctions;
import jkeras.internal.PythonRuntime;
import jkeras.runtime.PythonObject;

/**
 * What Python's JavaLayer and JavaModel call, on the Python thread, while Keras builds, traces,
 * saves: each method runs the Java object's hook as an upcall and hands its result back through
 * {@link Values#deliver}. Not public: Python calls it (Jep reaches public methods of any class).
 */
final class LayerDispatch {
    private final PythonObject owner;
    private final Class<?> base;
    private final LayerHooks hooks;

    LayerDispatch(PythonObject owner, Class<?> base, LayerHooks hooks) {
        this.owner = owner;
        this.base = base;
        this.hooks = hooks;
    }

    /** The Java object (for {@link CustomObjects#javaObjectOf}). */
    public Object owner() {
        return owner;
    }

    public void build(Object inputShape) {
        PythonRuntime.upcall(() -> {
            // Weights made here belong to the object, even when Keras builds it inside another layer's call.
            try (HandleScope keep = HandleScope.keepAll()) {
                Shell.trackFields(owner, base);
                if (!hooks.build(Values.shapes(inputShape))) {
                    PythonRuntime.get().call(PythonFunctions.EXTENDING_BUILD_BY_RUN, owner, inputShape);
                }
                Shell.trackFields(owner, base);
            }
            return null;
        });
    }

    public void call(Object inputs, Object training, Object mask) {
        PythonRuntime.upcall(() -> {
            try (HandleScope scope = HandleScope.open()) {
                Boolean flag = training instanceof Boolean b ? b : null;
                Values.deliver(hooks.call(Values.tensors(inputs), flag, Values.tensors(mask)));
            }
            return null;
        });
    }

    public void computeOutputShape(Object inputShape) {
        PythonRuntime.upcall(() -> {
            Values.deliver(hooks.computeOutputShape(Values.shapes(inputShape)));
            return null;
        });
    }

    public void getConfig() {
        PythonRuntime.upcall(() -> {
            try (HandleScope scope = HandleScope.open()) {
                Config config = new Config(owner.getClass().getName());
                hooks.getConfig(config);
                Values.deliver(config.asMap());
            }
            return null;
        });
    }

    public void trainStep(Object x, Object y, Object sampleWeight) {
        PythonRuntime.upcall(() -> {
            try (HandleScope scope = HandleScope.open()) {
                TrainStep step = new TrainStep((CustomModel) owner, Values.tensors(x), Values.tensors(y), Values.tensors(sampleWeight));
                Values.deliver(hooks.trainStep(step));
            }
            return null;
        });
    }

    public void testStep(Object x, Object y, Object sampleWeight) {
        PythonRuntime.upcall(() -> {
            try (HandleScope scope = HandleScope.open()) {
                TestStep step = new TestStep((CustomModel) owner, Values.tensors(x), Values.tensors(y), Values.tensors(sampleWeight));
                Values.deliver(hooks.testStep(step));
            }
            return null;
        });
    }
}
