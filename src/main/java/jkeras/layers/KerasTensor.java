package jkeras.layers;

import jkeras.internal.PythonFunctions;
import jkeras.runtime.PythonObject;

/**
 * A symbolic tensor of the functional API: what {@code kerasInput(...)} returns and what applying a
 * layer to one gives. Layers pipe into it like R's {@code %>%}:
 * {@code kerasInput(784).layerDense(64, d -> d.activation("relu")).layerDense(10)}.
 */
public final class KerasTensor extends PythonObject implements LayerMethods<KerasTensor> {
    private KerasTensor(PythonObject handle) {
        super(handle);
    }

    /** A call's result that is a symbolic (or backend) tensor, as a handle (jkeras' own use). */
    public static KerasTensor wrap(Object callResult) {
        return new KerasTensor(PythonObject.wrap(callResult));
    }

    /** Applies {@code layer} to this tensor and returns the output. */
    @Override
    public KerasTensor then(Layer layer) {
        return layer.apply(this);
    }

    /** The symbolic shape, batch axis first. */
    public Shape shape() {
        return Shape.fromPython(callOnSelf(PythonFunctions.LAYERS_TENSOR_SHAPE));
    }

    /** The element type ("float32", "int32"…). */
    public String dtype() {
        return (String) callOnSelf(PythonFunctions.LAYERS_TENSOR_DTYPE);
    }
}
