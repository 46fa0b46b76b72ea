package jkeras;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import jkeras.layers.KerasTensor;
import jkeras.layers.Layer;
import jkeras.layers.Shape;
import jkeras.models.InputArgs;
import jkeras.models.Model;
import jkeras.models.ModelArgs;
import jkeras.models.Sequential;
import jkeras.models.SequentialArgs;
import jkeras.runtime.Args;
import jkeras.runtime.PythonObject;
import jkeras.runtime.PythonRuntime;
import jkeras.tensor.Tensor;

/**
 * R keras' vocabulary in Java: {@code import static jkeras.Keras.*;} and write
 * <pre>{@code
 * var model = kerasModelSequential()
 *     .layerDense(256, d -> d.activation("relu").inputShape(784))
 *     .layerDropout(0.4)
 *     .layerDense(10, d -> d.activation("softmax"));
 * model.compile(c -> c.optimizer(optimizerRmsprop()).loss("categorical_crossentropy").metrics("accuracy"));
 * }</pre>
 * The functions for every Keras layer, optimizer, loss, metric, activation, initializer,
 * regularizer, constraint, callback and application ({@code layerDense}, {@code optimizerAdam},
 * {@code applicationResnet50}…) are generated from Keras itself and inherited from
 * {@link KerasGenerated}; this class adds the hand-written rest.
 */
public final class Keras extends KerasGenerated {
    private Keras() {}

    // ------------------------------------------------------------------ the embedded Keras

    /**
     * Chooses the backend (tensorflow, jax, torch) before Keras starts, like KERAS_BACKEND; the
     * environment must have it ({@code scripts/install_keras --backend jax}).
     */
    public static void useBackend(String backend) {
        PythonRuntime.useBackend(backend);
    }

    /** The running Keras' version. */
    public static String kerasVersion() {
        return String.valueOf(PythonRuntime.get().versions().get("keras"));
    }

    /** The running Keras' backend. */
    public static String backend() {
        return PythonRuntime.get().backend();
    }

    // ------------------------------------------------------------------ models

    /** An empty Sequential model; chain layers onto it. */
    public static Sequential kerasModelSequential() {
        return kerasModelSequential(s -> { });
    }

    /** A Sequential model with options: {@code kerasModelSequential(s -> s.inputShape(784).name("mlp"))}. */
    public static Sequential kerasModelSequential(Consumer<SequentialArgs> args) {
        SequentialArgs a = new SequentialArgs();
        args.accept(a);
        return new Sequential(PythonObject.of(PythonRuntime.get().call("jkeras.models:sequential", a.toMap())));
    }

    /** A symbolic input of the functional API, shaped like one sample ({@code null} for a free size). */
    public static KerasTensor kerasInput(Integer... shape) {
        return kerasInput(Shape.of(shape), a -> { });
    }

    /** A symbolic input with options: {@code kerasInput(shape(28, 28, 1), i -> i.name("image"))}. */
    public static KerasTensor kerasInput(Shape shape, Consumer<InputArgs> args) {
        InputArgs a = new InputArgs();
        args.accept(a);
        return new KerasTensor(PythonObject.of(PythonRuntime.get().call("jkeras.models:input", shape, a.toMap())));
    }

    /** A functional model from its input to its output. */
    public static Model kerasModel(KerasTensor inputs, KerasTensor outputs) {
        return kerasModel(List.of(inputs), List.of(outputs), a -> { });
    }

    /** A functional model with several inputs and/or outputs. */
    public static Model kerasModel(List<KerasTensor> inputs, List<KerasTensor> outputs) {
        return kerasModel(inputs, outputs, a -> { });
    }

    public static Model kerasModel(List<KerasTensor> inputs, List<KerasTensor> outputs, Consumer<ModelArgs> args) {
        ModelArgs a = new ModelArgs();
        args.accept(a);
        return Model.wrap(PythonRuntime.get().call("jkeras.models:functional", inputs, outputs, a.toMap()));
    }

    /** A shape for arguments that take one: {@code shape(28, 28, 1)}, {@code shape(null, 16)}. */
    public static Shape shape(Integer... dims) {
        return Shape.of(dims);
    }

    /** A model from {@code model.toJson()} (R's {@code model_from_json}). */
    public static Model modelFromJson(String json) {
        return Model.fromJson(json);
    }

    // ------------------------------------------------------------------ escape hatches

    /**
     * Any layer class by name: a Keras one ({@code "Dense"}) or a custom one importable from
     * Python's path ({@code "my_package.MyLayer"}), with keyword arguments by Python name.
     */
    public static Layer layer(String pythonClass, Consumer<Args> args) {
        Args a = new Args();
        args.accept(a);
        return Layer.create(pythonClass, a);
    }

    /** Any Python class or function called with keyword arguments, e.g. a custom loss: its handle. */
    public static PythonObject pythonObject(String pythonPath, Consumer<Args> args) {
        Args a = new Args();
        args.accept(a);
        return PythonObject.construct(pythonPath, a);
    }

    // ------------------------------------------------------------------ arrays, in R's words

    /**
     * Reshapes as NumPy and Keras do, reading elements in row-major (C) order, returning a view.
     *
     * <p>R's pitfall, said here because R tutorials are where these words come from: R fills
     * {@code dim<-} column-major, so R keras' {@code array_reshape} exists to force row-major order;
     * Java and NumPy are row-major already, so this is a plain reshape. One dimension may be -1.
     */
    public static Tensor arrayReshape(Tensor x, long... dims) {
        return x.reshape(dims);
    }

    /** One-hot float32 rows for integer class labels 0..numClasses-1 (Keras' {@code to_categorical}). */
    public static Tensor toCategorical(Tensor labels, int numClasses) {
        return labels.oneHot(numClasses);
    }

    /** A map literal for arguments that take one (loss per output…). */
    public static Map<String, Object> dict(Object... keysAndValues) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("dict needs key, value pairs");
        }
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }
}
