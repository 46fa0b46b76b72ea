package jkeras.extending;

import java.util.Map;
import java.util.function.Consumer;
import jkeras.internal.HandleScope;
import jkeras.internal.PythonFunctions;
import jkeras.internal.PythonRuntime;
import jkeras.layers.Shape;
import jkeras.runtime.PythonObject;

/** Making weights for CustomLayer, CustomModel and CustomMetric. */
final class Weights {
    private Weights() {}

    /** {@code owner.<method>(shape, name, ...)} on the Python side; the weight's handle is the owner's to keep. */
    static Weight add(PythonObject owner, String method, String name, Shape shape, Consumer<WeightArgs> args) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(method + "(name, shape): expected a name such as \"kernel\"; received "
                    + (name == null ? "null" : "\"" + name + "\""));
        }
        if (shape == null) {
            throw new IllegalArgumentException(method + "(name, shape): expected a shape such as shape(784, 64); received null");
        }
        for (Long d : shape.dims()) {
            if (d == null) {
                throw new IllegalArgumentException(method + "(\"" + name + "\", shape): every dimension of a weight must be known;"
                        + " received " + shape + " (the batch axis of an input shape is not one of them)");
            }
        }
        WeightArgs a = new WeightArgs();
        if (args != null) {
            args.accept(a);
        }
        Map<String, Object> kwargs = a.toMap();
        try (HandleScope keep = HandleScope.keepAll()) {
            String function = "add_weight".equals(method) ? PythonFunctions.EXTENDING_ADD_WEIGHT : PythonFunctions.EXTENDING_ADD_VARIABLE;
            return new Weight(PythonObject.wrap(PythonRuntime.get().call(function, owner, name, shape, kwargs)));
        }
    }
}
