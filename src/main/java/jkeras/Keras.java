package jkeras;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import jkeras.callbacks.Callback;
import jkeras.callbacks.JavaCallbacks;
import jkeras.datasets.Dataset;
import jkeras.datasets.Datasets;
import jkeras.datasets.SequenceArgs;
import jkeras.datasets.SequenceDataset;
import jkeras.internal.PythonFunctions;
import jkeras.internal.PythonRuntime;
import jkeras.layers.KerasTensor;
import jkeras.layers.Layer;
import jkeras.layers.Shape;
import jkeras.models.InputArgs;
import jkeras.models.LoadArgs;
import jkeras.models.Model;
import jkeras.models.ModelArgs;
import jkeras.models.Sequential;
import jkeras.models.SequentialArgs;
import jkeras.plots.Images;
import jkeras.runtime.Args;
import jkeras.runtime.PythonObject;
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

    /**
     * Stops Python for the rest of this JVM's life: a running {@code fit} stops at its next batch,
     * a running call may finish (5 s at most, {@code -Djkeras.exitWaitMillis}), later calls throw.
     * A JVM that exits needs nothing of this (jkeras' exit hook does the same); it is for launchers
     * that wait for threads to end, such as {@code mvn exec:java}: call it last in {@code main}.
     */
    public static void shutdown() {
        PythonRuntime.shutdown();
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
        return Sequential.create(a);
    }

    /** A symbolic input of the functional API, shaped like one sample ({@code null} for a free size). */
    public static KerasTensor kerasInput(Integer... shape) {
        return kerasInput(Shape.of(shape), a -> { });
    }

    /** A symbolic input with options: {@code kerasInput(shape(28, 28, 1), i -> i.name("image"))}. */
    public static KerasTensor kerasInput(Shape shape, Consumer<InputArgs> args) {
        InputArgs a = new InputArgs();
        args.accept(a);
        return KerasTensor.wrap(PythonRuntime.get().call(PythonFunctions.MODELS_INPUT, shape, a.toMap()));
    }

    /** A functional model from its input to its output. */
    public static Model kerasModel(KerasTensor inputs, KerasTensor outputs) {
        return kerasModel(java.util.Collections.singletonList(inputs), java.util.Collections.singletonList(outputs), a -> { });
    }

    /** A functional model with several inputs and/or outputs. */
    public static Model kerasModel(List<KerasTensor> inputs, List<KerasTensor> outputs) {
        return kerasModel(inputs, outputs, a -> { });
    }

    public static Model kerasModel(List<KerasTensor> inputs, List<KerasTensor> outputs, Consumer<ModelArgs> args) {
        for (var given : List.of(new Object[] {"inputs", inputs}, new Object[] {"outputs", outputs})) {
            List<?> tensors = (List<?>) given[1];
            if (tensors == null || tensors.isEmpty() || tensors.stream().anyMatch(java.util.Objects::isNull)) {
                throw new IllegalArgumentException("kerasModel(" + given[0] + "): expected symbolic tensors (kerasInput(...) and"
                        + " the layers applied to it); received " + tensors);
            }
        }
        ModelArgs a = new ModelArgs();
        args.accept(a);
        return Model.wrap(PythonRuntime.get().call(PythonFunctions.MODELS_FUNCTIONAL, inputs, outputs, a.toMap()));
    }

    /** A shape for arguments that take one: {@code shape(28, 28, 1)}, {@code shape(null, 16)}. */
    public static Shape shape(Integer... dims) {
        return Shape.of(dims);
    }

    /** A model from {@code model.toJson()} (R's {@code model_from_json}). */
    public static Model modelFromJson(String json) {
        return Model.fromJson(json);
    }

    /** A model saved with {@code saveModel}, in Keras' safe mode (no embedded Python lambdas run). */
    public static Model loadModel(Path path) {
        return loadModel(path, l -> { });
    }

    /** {@link #loadModel(Path)} with options: {@code loadModel(p, l -> l.compile(false).customObjects(...))}. */
    public static Model loadModel(Path path, Consumer<LoadArgs> args) {
        LoadArgs a = new LoadArgs();
        args.accept(a);
        if (path == null) {
            throw new IllegalArgumentException("loadModel(path): expected a .keras file; received null");
        }
        return Model.wrap(PythonRuntime.get().call(PythonFunctions.SAVING_LOAD_MODEL, path.toString(), a.toMap()));
    }

    /** A model from {@code model.toBytes()}, in safe mode. */
    public static Model modelFromBytes(byte[] keras) {
        if (keras == null) {
            throw new IllegalArgumentException("modelFromBytes(keras): expected the bytes of a .keras file; received null");
        }
        // As a uint8 tensor: Java's signed bytes would reach Python as ints from -128 to 127.
        try (Tensor bytes = Tensor.ofUint8(keras)) {
            return Model.wrap(PythonRuntime.get().call(PythonFunctions.SAVING_MODEL_FROM_BYTES, bytes, Map.of()));
        }
    }

    // ------------------------------------------------------------------ training

    /**
     * Seeds Python's, NumPy's and the backend's random generators: the same seed gives the same
     * weights and the same training as Python code calling {@code keras.utils.set_random_seed}.
     */
    public static void setRandomSeed(int seed) {
        PythonRuntime.get().call(PythonFunctions.TRAINING_SET_RANDOM_SEED, seed);
    }

    /**
     * A callback made of Java functions (R's {@code callback_lambda}):
     * {@code callbackLambda(c -> c.onEpochEnd(e -> System.out.println(e.log("loss"))))}.
     */
    public static Callback callbackLambda(Consumer<JavaCallbacks> handlers) {
        JavaCallbacks c = new JavaCallbacks();
        handlers.accept(c);
        return Callback.of(c);
    }

    // ------------------------------------------------------------------ datasets (Keras' loaders; see Datasets)

    /** MNIST digits: 60000 + 10000 images 28×28 uint8, labels 0..9. */
    public static Dataset datasetMnist() {
        return Datasets.load("mnist", Map.of());
    }

    /** Fashion-MNIST: 60000 + 10000 clothing images 28×28 uint8, labels 0..9. */
    public static Dataset datasetFashionMnist() {
        return Datasets.load("fashion_mnist", Map.of());
    }

    /** CIFAR-10: 50000 + 10000 colour images 32×32×3 uint8, labels 0..9 ([n, 1]). */
    public static Dataset datasetCifar10() {
        return Datasets.load("cifar10", Map.of());
    }

    /** CIFAR-100 with its 100 fine labels. */
    public static Dataset datasetCifar100() {
        return datasetCifar100("fine");
    }

    /** CIFAR-100 with "fine" (100) or "coarse" (20) labels. */
    public static Dataset datasetCifar100(String labelMode) {
        return Datasets.load("cifar100", Map.of("label_mode", labelMode));
    }

    /** IMDB reviews as word-index sequences, sentiment labels 0/1. */
    public static SequenceDataset datasetImdb(Consumer<SequenceArgs> args) {
        SequenceArgs a = new SequenceArgs();
        args.accept(a);
        return Datasets.loadSequences("imdb", a.toMap());
    }

    /** IMDB keeping the {@code numWords} most frequent words (R: {@code dataset_imdb(num_words = ...)}). */
    public static SequenceDataset datasetImdb(int numWords) {
        return datasetImdb(a -> a.numWords(numWords));
    }

    /** Reuters newswires as word-index sequences, 46 topic labels. */
    public static SequenceDataset datasetReuters(Consumer<SequenceArgs> args) {
        SequenceArgs a = new SequenceArgs();
        args.accept(a);
        return Datasets.loadSequences("reuters", a.toMap());
    }

    public static SequenceDataset datasetReuters(int numWords) {
        return datasetReuters(a -> a.numWords(numWords));
    }

    /** Boston housing: 13 features per house, median value labels. */
    public static Dataset datasetBostonHousing() {
        return Datasets.load("boston_housing", Map.of());
    }

    /** Sequences padded or truncated to {@code maxlen}, as one int32 tensor (Keras' {@code pad_sequences}). */
    public static Tensor padSequences(List<int[]> sequences, int maxlen) {
        return Datasets.padSequences(sequences, maxlen);
    }

    // ------------------------------------------------------------------ images

    /** Writes one image ([h, w], [h, w, 1] or [h, w, 3]) to a PNG, enlarged. */
    public static Path plotImage(Tensor image, Path png) {
        try {
            return Images.writeImage(image, png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a grid of images captioned "true (predicted)", wrong ones in red, to a PNG. */
    public static Path plotImageGrid(Tensor images, int[] labels, int[] predicted, List<String> classNames, int columns, Path png) {
        try {
            return Images.writeGrid(images, labels, predicted, classNames, columns, png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    /**
     * Any Python class or function called with keyword arguments, e.g. a custom loss: its handle.
     * The escape hatch: nothing checks what the path names, so a program that takes class names
     * from configuration should restrict them ({@code -Djkeras.allowedModules=keras.,my_company.}).
     * Code that ends the process from inside Python ({@code os._exit}) is beyond any safety net.
     */
    public static PythonObject pythonObject(String pythonPath, Consumer<Args> args) {
        Args a = new Args();
        args.accept(a);
        return PythonObject.construct(pythonPath, a);
    }

    /**
     * A Python function itself, not called (a metric function for {@code metricMeanMetricWrapper},
     * a custom loss function for {@code compile}): {@code pythonFunction("my_package.my_loss")}.
     */
    public static PythonObject pythonFunction(String pythonPath) {
        return PythonObject.wrap(PythonRuntime.get().call(PythonFunctions.OBJECTS_FUNCTION_REF, pythonPath, Map.of()));
    }

    // ------------------------------------------------------------------ extending Keras in Java (jkeras.extending)
    // Custom layers, models, losses and metrics are classes: extend CustomLayer, CustomModel,
    // CustomLoss, CustomMetric. These are the function forms and the registration of saved names.

    /**
     * A Keras loss made of a Java function (R's and Python's plain loss function), saved under
     * {@code name}: {@code lossFunction("my_mse", (yTrue, yPred) -> opMean(opSquare(opSubtract(yTrue, yPred)), m -> m.axis(-1)))}.
     * The function returns per-sample losses; Keras averages them over the batch. A program loading
     * a model saved with it makes the same loss function (or registers it) first.
     */
    public static jkeras.losses.Loss lossFunction(String name, jkeras.extending.LossFunction function) {
        return lossFunction(name, function, o -> { });
    }

    /** {@link #lossFunction(String, jkeras.extending.LossFunction)} with Keras' loss arguments (reduction, dtype). */
    public static jkeras.losses.Loss lossFunction(String name, jkeras.extending.LossFunction function,
                                                 Consumer<jkeras.extending.LossOptions> options) {
        return jkeras.extending.FunctionLosses.loss(name, function, options);
    }

    /** A Keras loss made of a Java function, under a generated name (give it a name to load a model saved with it). */
    public static jkeras.losses.Loss lossFunction(jkeras.extending.LossFunction function) {
        return lossFunction(null, function);
    }

    /**
     * A Keras metric averaging a Java function of (yTrue, yPred) over the samples of an epoch,
     * named {@code name} in the logs: {@code metricFunction("mean_error", (t, p) -> opMean(opAbs(opSubtract(t, p)), m -> m.axis(-1)))}.
     */
    public static jkeras.metrics.Metric metricFunction(String name, jkeras.extending.MetricFunction function) {
        return jkeras.extending.FunctionLosses.metric(name, function);
    }

    /**
     * Registers a Java custom class (a subclass of CustomLayer, CustomModel, CustomLoss or
     * CustomMetric) under its class name, like Keras' {@code register_keras_serializable}. Objects
     * register their class when made; a program that loads a model without making one first finds
     * the class on its class path by that name, so this is needed only to be explicit.
     */
    public static void registerKerasSerializable(Class<?> type) {
        jkeras.extending.CustomObjects.register(type);
    }

    /**
     * Registers {@code type} under a name of its own ({@code "my_layers>Linear"}): models save that
     * name, so the class may be renamed or moved; register it so before saving and before loading.
     */
    public static void registerKerasSerializable(String name, Class<?> type) {
        jkeras.extending.CustomObjects.register(name, type);
    }

    /** Registers a loss function under {@code name}, for loading a model saved with {@code lossFunction(name, ...)}. */
    public static void registerKerasSerializable(String name, jkeras.extending.LossFunction function) {
        jkeras.extending.CustomObjects.register(name, function);
    }

    /** Registers a metric function under {@code name}, for loading a model saved with {@code metricFunction(name, ...)}. */
    public static void registerKerasSerializable(String name, jkeras.extending.MetricFunction function) {
        jkeras.extending.CustomObjects.register(name, function);
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
            throw new IllegalArgumentException("dict needs key, value pairs; received " + keysAndValues.length + " values");
        }
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (!(keysAndValues[i] instanceof String key)) {
                throw new IllegalArgumentException("dict: keys are strings (Python names); received "
                        + (keysAndValues[i] == null ? "null" : keysAndValues[i].getClass().getSimpleName() + " " + keysAndValues[i])
                        + " as key " + i / 2);
            }
            out.put(key, keysAndValues[i + 1]);
        }
        return out;
    }

    // ================================================================== watching training (jkeras.view, jkeras.runs)
    // R's view_metrics and tfruns: the live metrics page and tracked runs. Kept together here.

    /**
     * A callback that draws its fit's metrics live in the browser (R's {@code view_metrics}): a
     * page on a local server (127.0.0.1), its address printed and given by {@code url()}, updated
     * each epoch. {@code fit(x, y, f -> f.viewMetrics(true))} does the same without options.
     */
    public static jkeras.view.ViewMetricsCallback callbackViewMetrics() {
        return callbackViewMetrics(v -> { });
    }

    /** {@link #callbackViewMetrics()} with options: {@code callbackViewMetrics(v -> v.title("mlp").batchInterval(50))}. */
    public static jkeras.view.ViewMetricsCallback callbackViewMetrics(Consumer<jkeras.view.ViewMetricsArgs> args) {
        return jkeras.view.MetricsView.callback(args);
    }

    /**
     * Runs {@code body} as a tracked run recorded in {@code runs/<start time>/} (tfruns'
     * {@code training_run}): the flags, the model's summary and config, per-epoch metrics (JSON,
     * CSV, PNG), the evaluation, wall and CPU time, versions. Train and evaluate through the run:
     * <pre>{@code
     * trainingRun(dict("units", 128, "dropout", 0.4), run -> {
     *     var model = kerasModelSequential(s -> s.inputShape(784))
     *         .layerDense(run.flags().getInt("units"), d -> d.activation("relu"))
     *         .layerDropout(run.flags().getDouble("dropout"))
     *         .layerDense(10, d -> d.activation("softmax"));
     *     model.compile(c -> c.optimizer("adam").loss("categorical_crossentropy").metrics("accuracy"));
     *     run.fit(model, x, y, f -> f.epochs(5).validationSplit(0.2));
     *     run.evaluate(model, xTest, yTest);
     * });
     * }</pre>
     */
    public static jkeras.runs.RunRecord trainingRun(Map<String, ?> flags, jkeras.runs.RunBody body) {
        return trainingRun(jkeras.runs.Runs.DEFAULT_DIR, flags, body);
    }

    /** {@link #trainingRun(Map, jkeras.runs.RunBody)} recorded in {@code runsDir}; an unwritable folder fails before training. */
    public static jkeras.runs.RunRecord trainingRun(Path runsDir, Map<String, ?> flags, jkeras.runs.RunBody body) {
        return jkeras.runs.Runs.trainingRun(runsDir, flags, body);
    }

    /** The runs in {@code runs/}, newest first (tfruns' {@code ls_runs}); {@code .orderBy("eval_accuracy")} sorts; prints as a table. */
    public static jkeras.runs.RunList lsRuns() {
        return lsRuns(jkeras.runs.Runs.DEFAULT_DIR);
    }

    public static jkeras.runs.RunList lsRuns(Path runsDir) {
        return jkeras.runs.Runs.lsRuns(runsDir);
    }

    /** Writes a page comparing two runs (flags that differ, metrics, both histories on one chart); its path (tfruns' {@code compare_runs}). */
    public static Path compareRuns(jkeras.runs.RunRecord a, jkeras.runs.RunRecord b) {
        return jkeras.runs.Runs.compareRuns(a, b);
    }

    /** Compares the two newest runs in {@code runs/}, older as A. */
    public static Path compareRuns() {
        jkeras.runs.RunList runs = lsRuns();
        if (runs.size() < 2) {
            throw new IllegalStateException("compareRuns() needs two runs in " + jkeras.runs.Runs.DEFAULT_DIR.toAbsolutePath()
                    + "; found " + runs.size());
        }
        return compareRuns(runs.get(1), runs.get(0));
    }
}
