package jkeras.extending;

import java.util.Map;
import jkeras.internal.PythonFunctions;
import jkeras.internal.PythonRuntime;
import jkeras.layers.Layer;
import jkeras.layers.Shape;
import jkeras.runtime.PythonObject;
import jkeras.tensor.Tensor;

/**
 * A weight (a Keras variable) of a Java custom layer, model or metric, made by {@code addWeight}
 * or {@code addVariable}. Pass it to the ops like a tensor ({@code opMatmul(inputs, kernel)}); under
 * tracing the graph reads its current value at every step. {@link #assign}, {@link #assignAdd}
 * change it: inside {@code call} or a step they become part of the traced graph, so they happen at
 * every step (a Java field would change once per trace).
 */
public final class Weight extends PythonObject {
    Weight(PythonObject handle) {
        super(handle);
    }

    /**
     * The weight named {@code name} of any layer ({@code Weight.of(dense, "kernel")}), built:
     * for a penalty on another layer's weights in a custom step, say.
     */
    public static Weight of(Layer layer, String name) {
        if (layer == null || name == null) {
            throw new IllegalArgumentException("Weight.of(layer, name): expected a layer and a weight name; received "
                    + layer + ", " + name);
        }
        return new Weight(PythonObject.wrap(PythonRuntime.get().call(PythonFunctions.EXTENDING_WEIGHT_OF, layer, name)));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> info() {
        return (Map<String, Object>) PythonRuntime.get().call(PythonFunctions.EXTENDING_VARIABLE_INFO, this);
    }

    /** The name given to {@code addWeight}. */
    public String name() {
        return (String) info().get("name");
    }

    /** The path Keras saves it under ({@code "residual_dense/kernel"}). */
    public String path() {
        return (String) info().get("path");
    }

    public Shape shape() {
        return Shape.fromPython(info().get("shape"));
    }

    public String dtype() {
        return (String) info().get("dtype");
    }

    public boolean isTrainable() {
        return Boolean.TRUE.equals(info().get("trainable"));
    }

    /** Sets the value: a tensor handle, a Java {@link Tensor} or a number. */
    public void assign(Object value) {
        PythonRuntime.get().call(PythonFunctions.EXTENDING_ASSIGN, this, value, "set");
    }

    /** Adds {@code value}: {@code steps.assignAdd(1)}. */
    public void assignAdd(Object value) {
        PythonRuntime.get().call(PythonFunctions.EXTENDING_ASSIGN, this, value, "add");
    }

    public void assignSub(Object value) {
        PythonRuntime.get().call(PythonFunctions.EXTENDING_ASSIGN, this, value, "sub");
    }

    /** The current value, read now, as a tensor over NumPy's memory (close it). Not inside a trace. */
    public Tensor toTensor() {
        return (Tensor) PythonRuntime.get().call(PythonFunctions.EXTENDING_VARIABLE_VALUE, this);
    }
}
