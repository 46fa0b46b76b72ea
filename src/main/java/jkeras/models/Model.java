package jkeras.models;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import com.google.gson.JsonObject;
import jkeras.internal.PythonFunctions;
import jkeras.internal.PythonRuntime;
import jkeras.layers.KerasTensor;
import jkeras.layers.Layer;
import jkeras.runtime.PythonObject;
import jkeras.serving.BatchingOptions;
import jkeras.serving.BatchingPredictor;
import jkeras.serving.Predictor;
import jkeras.tensor.Tensor;
import jkeras.training.EvaluateArgs;
import jkeras.training.FitArgs;
import jkeras.training.History;
import jkeras.training.PredictArgs;
import jkeras.training.TrainingInterruptedException;
import jkeras.view.MetricsView;

/**
 * A Keras model: built with {@code kerasModelSequential()} or, from symbolic tensors, with
 * {@code kerasModel(inputs, outputs)}; or a ready-made architecture ({@code applicationResnet50}).
 * A model is a layer too, and can be used inside another model.
 *
 * <p>A model may be used from several threads: calls run one at a time on the Python thread, and
 * while {@code fit} trains, calls from other threads run between its batches (a prediction waits
 * about one batch). A prediction made during {@code fit} sees the weights of the batch just trained.
 * Close the model (try-with-resources) to let Python free it now.
 */
public class Model extends Layer {
    protected Model(PythonObject handle) {
        super(handle);
    }

    // ------------------------------------------------------------------ compile

    /**
     * Configures training: {@code model.compile(c -> c.optimizer(optimizerAdam()).loss("categorical_crossentropy").metrics("accuracy"))}.
     */
    public Model compile(Consumer<CompileArgs> args) {
        CompileArgs compile = new CompileArgs();
        args.accept(compile);
        PythonRuntime.get().call(PythonFunctions.MODELS_COMPILE, this, compile.toMap());
        return this;
    }

    /**
     * The short form of R's {@code compile(optimizer, loss, metrics)}: each a name or an object,
     * e.g. {@code compile(optimizerRmsprop(), "categorical_crossentropy", "accuracy")}.
     */
    public Model compile(Object optimizer, Object loss, Object... metrics) {
        return compile(c -> {
            c.kwarg("optimizer", optimizer).kwarg("loss", loss);
            if (metrics.length > 0) {
                c.metrics(metrics);
            }
        });
    }

    /** Whether {@link #compile} has been called. */
    public boolean isCompiled() {
        return Boolean.TRUE.equals(getAttribute("compiled"));
    }

    // ------------------------------------------------------------------ training and inference

    /**
     * Trains the model: {@code fit(x, y, f -> f.epochs(10).batchSize(128).validationSplit(0.2))}.
     * Keras' progress bar goes to standard output unless {@code verbose(0)}. Interrupting the calling
     * thread stops training at the next batch with a
     * {@link jkeras.training.TrainingInterruptedException}; the model stays usable.
     *
     * @param x a {@link Tensor}, or a list or map of tensors for several inputs; a Java array of
     *          numbers ({@code float[][]}) is copied into a tensor for the call
     * @param y a {@link Tensor} (or list/map for several outputs, or a Java array), or null
     * @throws IllegalArgumentException if x is null or of a type Keras cannot train on
     */
    public History fit(Object x, Object y, Consumer<FitArgs> args) {
        FitArgs fit = new FitArgs();
        args.accept(fit);
        try (ModelData data = new ModelData("fit")) {
            return runFit(data.argument("x", x, true), data.argument("y", y, false), fit);
        }
    }

    private History runFit(Object x, Object y, FitArgs fit) {
        // The live page (viewMetrics, callbackViewMetrics), if any, gets its callback and the plan.
        Map<String, Object> kwargs = new java.util.LinkedHashMap<>(MetricsView.forFit(this, fit.toMap(), fit.viewMetricsRequested()));
        // Keras' progress bar rewrites its line with \b and \r: fine on a terminal, 35 KB of noise
        // per epoch in a log file or pipe. Without a terminal, one line per epoch.
        kwargs.putIfAbsent("verbose", System.console() != null ? "auto" : 2);
        Map<String, Object> result;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> answer = (Map<String, Object>) PythonRuntime.get().callTraining(PythonFunctions.TRAINING_FIT, this, x, y, kwargs);
            result = answer;
        } catch (RuntimeException | Error e) {
            MetricsView.fitEnded(kwargs);
            throw e;
        }
        History history = History.fromPython(result);
        if (Boolean.TRUE.equals(result.get("interrupted"))) {
            throw new TrainingInterruptedException(history);
        }
        return history;
    }

    /** {@link #fit(Object, Object, Consumer)} with Keras' defaults (one epoch, batch size 32). */
    public History fit(Object x, Object y) {
        return fit(x, y, f -> { });
    }

    /**
     * Loss and metrics on {@code x, y}, by name ("loss", "accuracy"…). x and y as for {@link #fit}.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Double> evaluate(Object x, Object y, Consumer<EvaluateArgs> args) {
        EvaluateArgs evaluate = new EvaluateArgs();
        args.accept(evaluate);
        Map<String, Object> kwargs = new java.util.LinkedHashMap<>(evaluate.toMap());
        kwargs.putIfAbsent("verbose", System.console() != null ? "auto" : 0);
        try (ModelData data = new ModelData("evaluate")) {
            return (Map<String, Double>) PythonRuntime.get().call(PythonFunctions.TRAINING_EVALUATE, this,
                    data.argument("x", x, true), data.argument("y", y, false), kwargs);
        }
    }

    public Map<String, Double> evaluate(Object x, Object y) {
        return evaluate(x, y, e -> { });
    }

    /**
     * The model's outputs for {@code x}, batch by batch, as a tensor over the memory Keras returned
     * (no copy). Close it when done. x as for {@link #fit}; on 0 rows the result has 0 rows, as
     * {@link #predictOnBatch} gives (Keras' own {@code predict} fails there).
     */
    public Tensor predict(Object x, Consumer<PredictArgs> args) {
        PredictArgs predict = new PredictArgs();
        args.accept(predict);
        Map<String, Object> kwargs = new java.util.LinkedHashMap<>(predict.toMap());
        kwargs.putIfAbsent("verbose", System.console() != null ? "auto" : 0);
        try (ModelData data = new ModelData("predict")) {
            return (Tensor) PythonRuntime.get().call(PythonFunctions.TRAINING_PREDICT, this, data.argument("x", x, true), kwargs);
        }
    }

    public Tensor predict(Object x) {
        return predict(x, p -> { });
    }

    /**
     * Outputs for one small batch without {@code predict()}'s per-call machinery (data adapter,
     * callbacks, progress): the fast path for serving one or a few samples.
     */
    public Tensor predictOnBatch(Object x) {
        try (ModelData data = new ModelData("predictOnBatch")) {
            return (Tensor) PythonRuntime.get().call(PythonFunctions.TRAINING_PREDICT_ON_BATCH, this, data.argument("x", x, true));
        }
    }

    /**
     * Outputs of a model with several, for one batch, in the model's output order (each a tensor
     * over Keras' memory; close them). For a one-output model, a list of one.
     */
    @SuppressWarnings("unchecked")
    public List<Tensor> predictOnBatchOutputs(Object x) {
        try (ModelData data = new ModelData("predictOnBatchOutputs")) {
            return (List<Tensor>) PythonRuntime.get().call(PythonFunctions.TRAINING_PREDICT_ON_BATCH_OUTPUTS, this,
                    data.argument("x", x, true));
        }
    }

    /**
     * One gradient step on one batch, for training loops written in Java: the loss and metrics,
     * by name ("loss", "accuracy"…), as Keras' {@code train_on_batch} gives them (an epoch's loss
     * in {@code fit} is the mean of its batches'). x and y as for {@link #fit} (several inputs or
     * outputs as lists or maps).
     */
    public Map<String, Double> trainOnBatch(Object x, Object y) {
        return trainOnBatch(x, y, null);
    }

    /** {@link #trainOnBatch(Object, Object)} with sample weights (a tensor, one weight per row). */
    @SuppressWarnings("unchecked")
    public Map<String, Double> trainOnBatch(Object x, Object y, Object sampleWeight) {
        try (ModelData data = new ModelData("trainOnBatch")) {
            return (Map<String, Double>) PythonRuntime.get().call(PythonFunctions.TRAINING_TRAIN_ON_BATCH, this,
                    data.argument("x", x, true), data.argument("y", y, false), data.argument("sampleWeight", sampleWeight, false), null);
        }
    }

    /** Loss and metrics on one batch without training, by name, as Keras' {@code test_on_batch} gives them. */
    public Map<String, Double> testOnBatch(Object x, Object y) {
        return testOnBatch(x, y, null);
    }

    /** {@link #testOnBatch(Object, Object)} with sample weights. */
    @SuppressWarnings("unchecked")
    public Map<String, Double> testOnBatch(Object x, Object y, Object sampleWeight) {
        try (ModelData data = new ModelData("testOnBatch")) {
            return (Map<String, Double>) PythonRuntime.get().call(PythonFunctions.TRAINING_TEST_ON_BATCH, this,
                    data.argument("x", x, true), data.argument("y", y, false), data.argument("sampleWeight", sampleWeight, false));
        }
    }

    /** Starts the metrics' running states afresh (Keras' {@code reset_metrics}: between epochs of a loop written in Java). */
    public void resetMetrics() {
        callMethod("reset_metrics");
    }

    /**
     * The serving path: the model compiled once for inference ({@link Predictor}), faster than
     * {@link #predictOnBatch} for one or a few samples. Make it once, call it often, close it.
     */
    public Predictor predictor() {
        return Predictor.forModel(this);
    }

    /**
     * A serving path for many request threads: requests are gathered into batches run once each,
     * {@code model.predictor(p -> p.maxBatchSize(32).maxDelay(Duration.ofMillis(2)).queueCapacity(1024))}
     * (see {@link BatchingPredictor}). Close it when done.
     */
    public BatchingPredictor predictor(Consumer<BatchingOptions> options) {
        BatchingOptions chosen = new BatchingOptions();
        options.accept(chosen);
        return BatchingPredictor.forModel(this, chosen);
    }

    /**
     * Predicted class of each sample: the index of the largest output, or, for a single sigmoid
     * output, 1 when the probability is above 0.5 and 0 otherwise.
     *
     * <p>Classes are <b>0-based</b>, as in Keras and Python: R's {@code predict_classes} (and
     * {@code max.col} idioms in R tutorials) give 1-based classes, so R code comparing with labels
     * subtracts 1 where Java does not.
     */
    public int[] predictClasses(Object x, Consumer<PredictArgs> args) {
        PredictArgs predict = new PredictArgs();
        args.accept(predict);
        try (ModelData data = new ModelData("predictClasses");
             Tensor classes = (Tensor) PythonRuntime.get().call(PythonFunctions.TRAINING_PREDICT_CLASSES, this,
                     data.argument("x", x, true), predict.toMap())) {
            return classes.toIntArray();
        }
    }

    public int[] predictClasses(Object x) {
        return predictClasses(x, p -> p.verbose(0));
    }

    // ------------------------------------------------------------------ persistence

    /**
     * Saves architecture, weights and optimizer state to a {@code .keras} file. Written to a
     * temporary file beside {@code path}, flushed to disk and renamed: a failed or killed save never
     * leaves a partial file at {@code path}, and a temporary file a killed save left behind is removed
     * by the next save to that path. The folder must exist ({@code saveModel(path, true)} creates it).
     */
    public Path saveModel(Path path) {
        return saveModel(path, false);
    }

    /** {@link #saveModel(Path)}, creating missing parent folders when {@code createFolders}. */
    public Path saveModel(Path path, boolean createFolders) {
        return Path.of((String) callOnSelf(PythonFunctions.SAVING_SAVE_MODEL, pathArgument(path, "path"), Map.of(), createFolders));
    }

    static String pathArgument(Path path, String name) {
        if (path == null) {
            throw new IllegalArgumentException(name + ": expected a file path; received null");
        }
        return path.toString();
    }

    /** The model as the bytes of a {@code .keras} file (to store in a database, send over the wire). */
    public byte[] toBytes() {
        return (byte[]) callOnSelf(PythonFunctions.SAVING_MODEL_TO_BYTES);
    }

    /** Saves the weights only, to a {@code .weights.h5} file (atomically, like {@link #saveModel}). */
    public Path saveModelWeights(Path path) {
        return Path.of((String) callOnSelf(PythonFunctions.SAVING_SAVE_WEIGHTS, pathArgument(path, "path"), false));
    }

    /** Loads weights saved by {@link #saveModelWeights} into this model (same architecture). */
    public Model loadModelWeights(Path path) {
        callOnSelf(PythonFunctions.SAVING_LOAD_WEIGHTS, pathArgument(path, "path"));
        return this;
    }

    /** Makes every layer's weights untrainable (R's {@code freeze_weights}); compile again afterwards. */
    public Model freezeWeights() {
        return freezeWeights(null, null);
    }

    /**
     * Makes the layers from {@code from} to {@code to} (inclusive; layer names or 0-based indices;
     * null for the first/last) untrainable.
     */
    public Model freezeWeights(Object from, Object to) {
        callOnSelf(PythonFunctions.TRAINING_FREEZE, from, to, false);
        return this;
    }

    public Model unfreezeWeights() {
        return unfreezeWeights(null, null);
    }

    public Model unfreezeWeights(Object from, Object to) {
        callOnSelf(PythonFunctions.TRAINING_FREEZE, from, to, true);
        return this;
    }

    // ------------------------------------------------------------------ inspection

    /** Keras' summary table as text (layers, output shapes, parameter counts). */
    public String summary() {
        return summary(s -> { });
    }

    /** The summary with Keras' options: {@code summary(s -> s.expandNested(true).showTrainable(true))}. */
    public String summary(Consumer<SummaryArgs> args) {
        SummaryArgs summary = new SummaryArgs();
        args.accept(summary);
        return (String) PythonRuntime.get().call(PythonFunctions.MODELS_SUMMARY, this, summary.toMap());
    }

    /** Prints {@link #summary()} to standard output, as R's {@code summary(model)} does. */
    public Model printSummary() {
        System.out.println(summary());
        return this;
    }

    /** The model's layers, in order (a Sequential model's Input is not one). */
    public List<Layer> layers() {
        List<Layer> out = new ArrayList<>();
        for (Object entry : (List<?>) callOnSelf(PythonFunctions.MODELS_LAYERS)) {
            out.add(LayerTypes.wrap(entry));
        }
        return out;
    }

    /** The layer named {@code name}. */
    public Layer getLayer(String name) {
        return LayerTypes.wrap(callOnSelf(PythonFunctions.MODELS_GET_LAYER, name, null));
    }

    /** The layer at {@code index} (0-based, as in Python). */
    public Layer getLayer(int index) {
        return LayerTypes.wrap(callOnSelf(PythonFunctions.MODELS_GET_LAYER, null, index));
    }

    /** Symbolic inputs (functional and built Sequential models). */
    public List<KerasTensor> inputs() {
        return tensors(callOnSelf(PythonFunctions.OBJECTS_GET_ATTRIBUTE, "inputs")); // raw: wrapped as KerasTensors below
    }

    /** Symbolic outputs. */
    public List<KerasTensor> outputs() {
        return tensors(callOnSelf(PythonFunctions.OBJECTS_GET_ATTRIBUTE, "outputs"));
    }

    private static List<KerasTensor> tensors(Object handles) {
        List<KerasTensor> out = new ArrayList<>();
        for (Object h : (List<?>) handles) {
            out.add(KerasTensor.wrap(h));
        }
        return out;
    }

    /** The architecture as Keras' JSON ({@code model.to_json()}): class name and config. */
    public String toJson() {
        return (String) callMethod("to_json");
    }

    /** A new, untrained model from {@link #toJson()}'s output (R's {@code model_from_json}). */
    public static Model fromJson(String json) {
        if (json == null) {
            throw new IllegalArgumentException("modelFromJson(json): expected the text model.toJson() gives; received null");
        }
        return wrap(PythonRuntime.get().call(PythonFunctions.MODELS_FROM_JSON, json));
    }

    /** A new, untrained model of this one's class from a config ({@link #getConfig()}). */
    public Model fromConfig(JsonObject config) {
        return wrap(callOnSelf(PythonFunctions.MODELS_FROM_CONFIG, config.toString()));
    }

    /**
     * A call's result that is a Keras model, as the right Java type (jkeras' own use): Python
     * answers {@code [kind, model]} ({@code jkeras.models:typed}) in the same call that made it, or
     * jkeras asks once.
     */
    public static Model wrap(Object callResult) {
        List<?> typed = callResult instanceof List<?> list ? list
                : (List<?>) PythonRuntime.get().call(PythonFunctions.MODELS_TYPED, PythonObject.wrap(callResult));
        PythonObject object = PythonObject.wrap(typed.get(1));
        return switch ((String) typed.get(0)) {
            case "sequential" -> new Sequential(object);
            case "model" -> new Model(object);
            default -> {
                object.close();
                throw new IllegalArgumentException("not a Keras model: " + typed.get(0));
            }
        };
    }

    /** Keras' summary table ({@link #summary()}), or a short note once closed. */
    @Override
    public String toString() {
        if (isClosed()) {
            return handleName() + " (closed)";
        }
        try {
            return summary();
        } catch (RuntimeException e) {
            return super.toString(); // Python's repr, for a model Keras cannot summarize yet
        }
    }
}
