package jkeras.reliability;

import static jkeras.Keras.*;
import static jkeras.reliability.Catalogue.accepted;
import static jkeras.reliability.Catalogue.refused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import jkeras.callbacks.Callback;
import jkeras.models.Sequential;
import jkeras.runtime.PythonException;
import jkeras.tensor.DType;
import jkeras.tensor.Tensor;
import jkeras.training.History;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The bad-input catalogue, training and inference: the data arguments of fit, evaluate and predict,
 * and the arguments of their builders. Setters refuse a value at once, naming the setter; what
 * needs the data or the model is checked in Python before Keras runs. Plain Keras' answer to the
 * same mistake (keras 3.15, checked with ~/.jkeras/venv/bin/python) is noted beside each case where
 * it differs: jkeras' must be at least as clear.
 */
class TrainingCatalogueTest {
    private static Sequential model;      // 4 features -> 3 classes (softmax), sparse labels
    private static Sequential uncompiled;
    private static Tensor x;              // float32 [64, 4]
    private static Tensor y;              // int32 [64], classes 0..2

    @BeforeAll
    static void build() {
        setRandomSeed(3);
        model = kerasModelSequential(s -> s.inputShape(4))
                .layerDense(8, d -> d.activation("relu"))
                .layerDense(3, d -> d.activation("softmax"));
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        uncompiled = kerasModelSequential(s -> s.inputShape(4)).layerDense(3);
        x = Tensor.fromFlatIndex(DType.FLOAT32, new long[] {64, 4}, i -> (i % 7) / 7.0);
        y = Tensor.fromFlatIndex(DType.INT32, new long[] {64}, i -> i % 3);
    }

    @AfterAll
    static void release() {
        x.close();
        y.close();
        model.close();
        uncompiled.close();
    }

    private static History fitQuietly(Object features, Object labels) {
        return model.fit(features, labels, f -> f.verbose(0));
    }

    @TestFactory
    List<DynamicTest> predictData() {
        return List.of(
                // Keras: "KeyError: 'pop from an empty set'".
                refused("predict(null)", IllegalArgumentException.class, () -> model.predict(null), "predict(x)", "received null"),
                refused("predictOnBatch(null)", IllegalArgumentException.class, () -> model.predictOnBatch(null),
                        "predictOnBatch(x)", "received null"),
                refused("predictClasses(null)", IllegalArgumentException.class, () -> model.predictClasses(null),
                        "predictClasses(x)", "received null"),
                // Keras: "Unrecognized data type: x=hello (of type <class 'str'>)".
                refused("predict of a string", IllegalArgumentException.class, () -> model.predict("hello"),
                        "predict(x)", "a Tensor, a Java array of numbers", "received String \"hello\""),
                refused("predict of boxed Floats", IllegalArgumentException.class, () -> model.predict(new Float[][] {{1f, 2f, 3f, 4f}}),
                        "predict(x)", "numbers or booleans", "Float[][]"),
                refused("predict of an empty Java array", IllegalArgumentException.class, () -> model.predict(new float[0][]),
                        "predict(x)", "empty Java array", "Tensor.zeros"),
                refused("predict of a ragged Java array", IllegalArgumentException.class,
                        () -> model.predict(new float[][] {{1, 2, 3, 4}, {1}}), "predict(x)", "ragged"),
                refused("predict of a list holding null", IllegalArgumentException.class, () -> model.predict(Arrays.asList(x, null)),
                        "predict(x[1])", "received null"),
                // Keras ((((1.0, 2.0, 3.0, 4.0),) as x): "Unrecognized data type: x=((1.0, 2.0, 3.0, 4.0),)".
                accepted("predict of a float[][]: copied into a tensor for the call", () -> {
                    float[][] rows = {{0.1f, 0.2f, 0.3f, 0.4f}, {0.5f, 0.6f, 0.7f, 0.8f}};
                    try (Tensor fromArray = model.predict(rows); Tensor asTensor = Tensor.of(rows); Tensor fromTensor = model.predict(asTensor)) {
                        assertArrayEquals(new long[] {2, 3}, fromArray.shape());
                        assertArrayEquals(fromTensor.toFloatArray(), fromArray.toFloatArray());
                    }
                }),
                accepted("predictOnBatch and predictClasses of Java arrays", () -> {
                    try (Tensor p = model.predictOnBatch(new double[][] {{1, 2, 3, 4}})) {
                        assertArrayEquals(new long[] {1, 3}, p.shape());
                    }
                    assertEquals(2, model.predictClasses(new float[][] {{1, 2, 3, 4}, {4, 3, 2, 1}}).length);
                }),
                // Keras: "UnboundLocalError: cannot access local variable 'batch_outputs'".
                accepted("predict of 0 rows: a [0, 3] tensor, as predictOnBatch gives", () -> {
                    try (Tensor none = Tensor.zeros(DType.FLOAT32, 0, 4); Tensor p = model.predict(none)) {
                        assertArrayEquals(new long[] {0, 3}, p.shape());
                    }
                }),
                accepted("predictOnBatch and predictClasses of 0 rows", () -> {
                    try (Tensor none = Tensor.zeros(DType.FLOAT32, 0, 4); Tensor p = model.predictOnBatch(none)) {
                        assertArrayEquals(new long[] {0, 3}, p.shape());
                        assertEquals(0, model.predictClasses(none).length);
                    }
                }),
                // Keras, once predict has run on 4 features: "Graph execution error: ... Matrix
                // size-incompatible: In[0]: [2,5], In[1]: [4,8]" (before: "expected axis -1 of input
                // shape to have value 4", in bold: escape codes).
                refused("predict with 5 features for a 4-feature model", PythonException.class, () -> {
                    try (Tensor wide = Tensor.zeros(DType.FLOAT32, 2, 5)) {
                        model.predict(wide);
                    }
                }, "predict(x): the model takes input of shape (None, 4)", "received x with shape (2, 5)"),
                // Keras, once predict has run: "Cannot take the length of shape with unknown rank".
                refused("predict of one sample without its batch axis", PythonException.class, () -> {
                    try (Tensor flat = Tensor.zeros(DType.FLOAT32, 4)) {
                        model.predict(flat);
                    }
                }, "(None, 4)", "received x with shape (4,)"),
                refused("predictOnBatch with 5 features", PythonException.class, () -> {
                    try (Tensor wide = Tensor.zeros(DType.FLOAT32, 2, 5)) {
                        model.predictOnBatch(wide);
                    }
                }, "predictOnBatch(x): the model takes input of shape (None, 4)", "(2, 5)"),
                // Keras: "Exception encountered when calling Sequential.call().\n\n\x1b[1mInput 0 ... is
                // incompatible with the layer..." (the cause in bold: terminal escape codes). None reach Java.
                refused("a model applied to a symbolic tensor of the wrong width", PythonException.class,
                        () -> kerasInput(5).then(model), "Exception encountered when calling Sequential.call()",
                        "is incompatible with the layer"),
                refused("predict on a closed model", IllegalStateException.class, () -> {
                    Sequential gone = kerasModelSequential(s -> s.inputShape(4)).layerDense(1);
                    gone.close();
                    gone.predict(x);
                }, "closed"));
    }

    @TestFactory
    List<DynamicTest> predictArguments() {
        return List.of(
                // Keras: "Invalid value in tensor used for shape: -5".
                refused("predict batchSize(-13)", IllegalArgumentException.class, () -> model.predict(x, p -> p.batchSize(-13)),
                        "batchSize", "received batchSize=-13"),
                // Keras: accepted silently (as the default, 32).
                refused("predict batchSize(0)", IllegalArgumentException.class, () -> model.predict(x, p -> p.batchSize(0)),
                        "received batchSize=0"),
                refused("predict verbose(7)", IllegalArgumentException.class, () -> model.predict(x, p -> p.verbose(7)),
                        "received verbose=7"),
                refused("predict steps(0)", IllegalArgumentException.class, () -> model.predict(x, p -> p.steps(0)),
                        "received steps=0"),
                refused("predict callbacks(null)", IllegalArgumentException.class,
                        () -> model.predict(x, p -> p.callbacks((Callback[]) null)), "callbacks", "received null"));
    }

    @TestFactory
    List<DynamicTest> fitData() {
        return List.of(
                // Keras: "The input 'keras_tensor' is not optional, but None was passed" (in bold).
                refused("fit(null, y)", IllegalArgumentException.class, () -> fitQuietly(null, y), "fit(x)", "received null"),
                refused("fit of a number", IllegalArgumentException.class, () -> fitQuietly(42, y), "fit(x)", "received Integer 42"),
                refused("fit of labels as a string", IllegalArgumentException.class, () -> fitQuietly(x, "labels"),
                        "fit(y)", "received String \"labels\""),
                accepted("fit of Java arrays: copied into tensors for the call", () -> {
                    float[][] features = new float[8][4];
                    int[] labels = {0, 1, 2, 0, 1, 2, 0, 1};
                    assertEquals(1, fitQuietly(features, labels).epochCount());
                }),
                // Keras: accepted, trains nothing, returns an empty history.
                refused("fit on 0 samples", PythonException.class, () -> {
                    try (Tensor none = Tensor.zeros(DType.FLOAT32, 0, 4); Tensor noLabels = Tensor.zeros(DType.INT32, 0)) {
                        fitQuietly(none, noLabels);
                    }
                }, "fit(x): x has 0 samples", "(0, 4)"),
                refused("fit before compile", PythonException.class, () -> uncompiled.fit(x, y, f -> f.verbose(0)),
                        "You must call `compile()`"),
                refused("fit with fewer labels than samples", PythonException.class, () -> {
                    try (Tensor ten = y.rows(0, 10)) {
                        fitQuietly(x, ten);
                    }
                }, "'x' sizes: 64", "'y' sizes: 10"),
                refused("fit with a label past the classes", PythonException.class, () -> {
                    try (Tensor nines = Tensor.full(DType.INT32, 9, 64)) {
                        fitQuietly(x, nines);
                    }
                }, "label value of 9", "[0, 3)"),
                refused("fit with sample weights for 3 of 64 samples", PythonException.class, () -> {
                    try (Tensor weights = Tensor.ones(DType.FLOAT32, 3)) {
                        model.fit(x, y, f -> f.verbose(0).sampleWeight(weights));
                    }
                }, "'sample_weight' sizes: 3"),
                refused("fit with validation data of another width", PythonException.class, () -> {
                    try (Tensor vx = Tensor.zeros(DType.FLOAT32, 4, 5); Tensor vy = Tensor.zeros(DType.INT32, 4)) {
                        model.fit(x, y, f -> f.verbose(0).validationData(vx, vy));
                    }
                }, "fit(validationData x): the model takes input of shape (None, 4)", "(4, 5)"),
                refused("fit with a closed callback", IllegalStateException.class, () -> {
                    Callback gone = callbackLambda(c -> c.onEpochEnd(e -> { }));
                    gone.close();
                    model.fit(x, y, f -> f.verbose(0).callbacks(gone));
                }, "closed"));
    }

    @TestFactory
    List<DynamicTest> fitArguments() {
        return List.of(
                // Keras: "Invalid value in tensor used for shape: -5".
                refused("fit batchSize(-13)", IllegalArgumentException.class, () -> model.fit(x, y, f -> f.batchSize(-13)),
                        "batchSize must be a positive number of samples per batch", "received batchSize=-13"),
                // Keras: accepted silently.
                refused("fit batchSize(0)", IllegalArgumentException.class, () -> model.fit(x, y, f -> f.batchSize(0)),
                        "received batchSize=0"),
                // Keras: accepted, trains nothing.
                refused("fit epochs(-3)", IllegalArgumentException.class, () -> model.fit(x, y, f -> f.epochs(-3)),
                        "epochs must be 0 or more", "received epochs=-3"),
                accepted("fit epochs(0): an empty history, as Keras gives", () ->
                        assertEquals(0, model.fit(x, y, f -> f.epochs(0).verbose(0)).epochCount())),
                // Keras: accepted silently (1.5 and -0.5 alike).
                refused("fit validationSplit(1.5)", IllegalArgumentException.class, () -> model.fit(x, y, f -> f.validationSplit(1.5)),
                        "validationSplit must be a fraction from 0 (included) to 1 (excluded)", "received validationSplit=1.5"),
                refused("fit validationSplit(-0.5)", IllegalArgumentException.class, () -> model.fit(x, y, f -> f.validationSplit(-0.5)),
                        "received validationSplit=-0.5"),
                refused("fit validationSplit(NaN)", IllegalArgumentException.class,
                        () -> model.fit(x, y, f -> f.validationSplit(Double.NaN)), "received validationSplit=NaN"),
                refused("fit validationSplit(1.0)", IllegalArgumentException.class, () -> model.fit(x, y, f -> f.validationSplit(1.0)),
                        "received validationSplit=1.0"),
                // Keras: accepted silently, the weight never used.
                refused("fit classWeight for a class that does not exist", PythonException.class,
                        () -> model.fit(x, y, f -> f.verbose(0).classWeight(Map.of(0, 1.0, 7, 2.0))),
                        "classWeight: class 7 does not exist", "3 classes (0 to 2)"),
                refused("fit classWeight with a negative weight", IllegalArgumentException.class,
                        () -> model.fit(x, y, f -> f.classWeight(Map.of(0, -1.0))), "classWeight", "received -1.0 for class 0"),
                refused("fit classWeight for a negative class", IllegalArgumentException.class,
                        () -> model.fit(x, y, f -> f.classWeight(Map.of(-2, 1.0))), "classWeight", "received class -2"),
                refused("fit classWeight(null)", IllegalArgumentException.class, () -> model.fit(x, y, f -> f.classWeight(null)),
                        "classWeight", "received null"),
                // Keras: "Invalid value in tensor used for shape: -64".
                refused("fit stepsPerEpoch(-1)", IllegalArgumentException.class, () -> model.fit(x, y, f -> f.stepsPerEpoch(-1)),
                        "received stepsPerEpoch=-1"),
                // Keras: "ZeroDivisionError: integer modulo by zero".
                refused("fit validationFreq(0)", IllegalArgumentException.class, () -> model.fit(x, y, f -> f.validationFreq(0)),
                        "received validationFreq=0"),
                refused("fit validationBatchSize(0)", IllegalArgumentException.class,
                        () -> model.fit(x, y, f -> f.validationBatchSize(0)), "received validationBatchSize=0"),
                refused("fit validationSteps(-2)", IllegalArgumentException.class, () -> model.fit(x, y, f -> f.validationSteps(-2)),
                        "received validationSteps=-2"),
                // Keras: accepted silently.
                refused("fit verbose(7)", IllegalArgumentException.class, () -> model.fit(x, y, f -> f.verbose(7)), "received verbose=7"),
                refused("fit initialEpoch(-1)", IllegalArgumentException.class, () -> model.fit(x, y, f -> f.initialEpoch(-1)),
                        "received initialEpoch=-1"),
                // Keras: accepted, trains nothing.
                refused("fit initialEpoch(5) with epochs(2)", PythonException.class,
                        () -> model.fit(x, y, f -> f.epochs(2).initialEpoch(5).verbose(0)),
                        "initialEpoch is after epochs", "initial_epoch=5, epochs=2"),
                refused("fit callbacks(null)", IllegalArgumentException.class, () -> model.fit(x, y, f -> f.callbacks((Callback[]) null)),
                        "callbacks", "received null"),
                refused("fit callbacks holding null", IllegalArgumentException.class,
                        () -> model.fit(x, y, f -> f.callbacks(callbackEarlyStopping(), null)), "callback 1 is null"),
                refused("fit callbacks(List) holding null", IllegalArgumentException.class,
                        () -> model.fit(x, y, f -> f.callbacks(Arrays.asList((Callback) null))), "callback 0 is null"));
    }

    @TestFactory
    List<DynamicTest> evaluate() {
        return List.of(
                // Keras: "KeyError: 'pop from an empty set'".
                refused("evaluate(null, y)", IllegalArgumentException.class, () -> model.evaluate(null, y), "evaluate(x)", "received null"),
                // Keras: returns {} (no loss, no metrics) silently.
                refused("evaluate on 0 samples", PythonException.class, () -> {
                    try (Tensor none = Tensor.zeros(DType.FLOAT32, 0, 4); Tensor noLabels = Tensor.zeros(DType.INT32, 0)) {
                        model.evaluate(none, noLabels);
                    }
                }, "evaluate(x): x has 0 samples"),
                refused("evaluate batchSize(0)", IllegalArgumentException.class, () -> model.evaluate(x, y, e -> e.batchSize(0)),
                        "received batchSize=0"),
                refused("evaluate steps(-1)", IllegalArgumentException.class, () -> model.evaluate(x, y, e -> e.steps(-1)),
                        "received steps=-1"),
                refused("evaluate before compile", PythonException.class, () -> uncompiled.evaluate(x, y), "You must call `compile()`"),
                accepted("evaluate of Java arrays", () -> {
                    Map<String, Double> score = model.evaluate(new float[][] {{1, 2, 3, 4}, {4, 3, 2, 1}}, new int[] {0, 1});
                    assertEquals(List.of("accuracy", "loss"), score.keySet().stream().sorted().toList());
                }));
    }
}
