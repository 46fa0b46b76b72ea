package jkeras.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jkeras.KerasObject;
import jkeras.internal.PythonFunctions;
import jkeras.internal.PythonRuntime;
import jkeras.runtime.KwArgs;
import jkeras.runtime.PythonObject;
import jkeras.tensor.Tensor;

/**
 * A Keras layer. Made by the {@code layer...} functions of {@link jkeras.Keras} (one per Keras
 * layer), piped into a Sequential model or applied to symbolic tensors of the functional API.
 * A layer applied to several tensors shares its weights between them.
 */
public class Layer extends KerasObject {
    protected Layer(PythonObject handle) {
        super(handle);
    }

    /** A plain layer handle over {@code handle} (jkeras' own use). */
    public static Layer of(PythonObject handle) {
        return new Layer(handle);
    }

    /**
     * Instantiates the Python layer class {@code pythonClass} ({@code "keras.layers.Dense"}, or a
     * custom layer importable from Python's path) with {@code args}. The class is checked to be a
     * Keras layer before anything is called; fails here, with Keras' message, if Keras refuses an
     * argument.
     */
    public static Layer create(String pythonClass, KwArgs<?> args) {
        if (pythonClass == null || pythonClass.isBlank()) {
            throw new IllegalArgumentException("layer(pythonClass): expected a layer class name such as \"Dense\"; received "
                    + (pythonClass == null ? "null" : "\"" + pythonClass + "\""));
        }
        return new Layer(PythonObject.wrap(PythonRuntime.get().call(PythonFunctions.LAYERS_CREATE, pythonClass, args.toMap())));
    }

    /** Calls the layer on symbolic tensors (several for merge layers); its one output. */
    public KerasTensor apply(KerasTensor... inputs) {
        Object out = PythonRuntime.get().call(PythonFunctions.LAYERS_APPLY, this, List.of(inputs));
        if (out instanceof List<?>) {
            throw new IllegalStateException("the layer " + name() + " has several outputs: use applyForList");
        }
        return KerasTensor.wrap(out);
    }

    /** Calls the layer on symbolic tensors; every output (an LSTM with return_state, …). */
    public List<KerasTensor> applyForList(KerasTensor... inputs) {
        Object out = PythonRuntime.get().call(PythonFunctions.LAYERS_APPLY, this, List.of(inputs));
        List<KerasTensor> outputs = new ArrayList<>();
        for (Object o : out instanceof List<?> list ? list : List.of(out)) {
            outputs.add(KerasTensor.wrap(o));
        }
        return outputs;
    }

    /** The layer's name (unique within its model). */
    public String name() {
        return (String) getAttribute("name");
    }

    /** The Keras class name ({@code Dense}, {@code Conv2D}…). */
    public String className() {
        return (String) callOnSelf(PythonFunctions.LAYERS_CLASS_NAME);
    }

    /** Output shape, batch axis first (None); null until the layer has been built on an input. */
    public Shape outputShape() {
        return Shape.fromPython(describe().get("output_shape"));
    }

    /** Number of weights (scalars), trainable or not; 0 for a layer not built yet. */
    public long countParams() {
        return ((Number) callOnSelf(PythonFunctions.LAYERS_COUNT_PARAMS)).longValue();
    }

    public boolean isTrainable() {
        return Boolean.TRUE.equals(getAttribute("trainable"));
    }

    /** Freezes ({@code false}) or unfreezes the layer's weights; recompile a model for it to take effect. */
    public void setTrainable(boolean trainable) {
        setAttribute("trainable", trainable);
    }

    /** The weights, as tensors over Keras' own NumPy copies (close them when done). */
    @SuppressWarnings("unchecked")
    public List<Tensor> getWeights() {
        return (List<Tensor>) callMethod("get_weights");
    }

    /** Replaces the weights, in the order {@link #getWeights()} gives them; shapes must match. */
    public void setWeights(List<Tensor> weights) {
        callMethod("set_weights", weights);
    }

    /**
     * Learns the layer's state from data, for the preprocessing layers that have {@code adapt}
     * (TextVectorization, StringLookup, IntegerLookup, Normalization, Discretization): {@code data}
     * is a tensor, a {@link jkeras.tensor.StringTensor} of raw text, a dataset handle, or a Java
     * data source (its inputs are used).
     */
    public void adapt(Object data) {
        adapt(data, null, null);
    }

    /** {@link #adapt(Object)} in batches of {@code batchSize}, over at most {@code steps} batches (either may be null). */
    public void adapt(Object data, Integer batchSize, Integer steps) {
        if (data == null) {
            throw new IllegalArgumentException("adapt(data): expected a tensor, a string tensor, a dataset or a data source; received null");
        }
        PythonRuntime.get().call(PythonFunctions.TEXT_ADAPT, this, data, batchSize, steps);
    }

    /** The vocabulary of a lookup layer or TextVectorization (strings, or integers for IntegerLookup). */
    @SuppressWarnings("unchecked")
    public List<Object> getVocabulary() {
        return (List<Object>) callOnSelf(PythonFunctions.TEXT_VOCABULARY);
    }

    /** Sets the vocabulary of a lookup layer or TextVectorization (instead of adapting it). */
    public void setVocabulary(List<?> vocabulary) {
        callOnSelf(PythonFunctions.TEXT_SET_VOCABULARY, vocabulary);
    }

    /** name, class_name, output_shape, params, trainable, built: one call. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> describe() {
        return (Map<String, Object>) callOnSelf(PythonFunctions.LAYERS_DESCRIBE);
    }
}
