package jkeras.reliability;

import static jkeras.Keras.*;
import static jkeras.reliability.Catalogue.accepted;
import static jkeras.reliability.Catalogue.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jkeras.callbacks.Callback;
import jkeras.internal.PythonRuntime;
import jkeras.layers.KerasTensor;
import jkeras.layers.Layer;
import jkeras.losses.Loss;
import jkeras.models.Sequential;
import jkeras.runtime.Args;
import jkeras.runtime.PythonException;
import jkeras.tensor.DType;
import jkeras.tensor.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input catalogue, building models: layers, inputs, functional and Sequential models,
 * compile, layer lookup, class names and the escape hatches. Plain Keras' answer to the same
 * mistake is noted where jkeras says more.
 */
class ModelBuildingCatalogueTest {
    private static Sequential model; // 4 -> dense "hidden" (8) -> dense "out" (3), compiled

    @TempDir
    static Path dir;

    @BeforeAll
    static void build() {
        model = kerasModelSequential(s -> s.inputShape(4))
                .layerDense(8, d -> d.activation("relu").name("hidden"))
                .layerDense(3, d -> d.activation("softmax").name("out"));
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
    }

    @AfterAll
    static void release() {
        model.close();
    }

    @TestFactory
    List<DynamicTest> layers() {
        return List.of(
                // Keras (keras.layers.deserialize(None)): "was passed a `config` object that is not a
                // `keras.layers.Layer`. Received: None".
                refused("layer(null, ...)", IllegalArgumentException.class, () -> layer(null, a -> { }),
                        "layer(pythonClass)", "received null"),
                refused("layer(\"\", ...)", IllegalArgumentException.class, () -> layer("", a -> { }),
                        "layer(pythonClass)", "received \"\""),
                refused("layer of an unknown Keras class", PythonException.class, () -> layer("NoSuchLayer", a -> { }),
                        "keras.layers has no 'NoSuchLayer'"),
                refused("layer of a module that does not exist", PythonException.class, () -> layer("no_such_module.MyLayer", a -> { }),
                        "'no_such_module.MyLayer'", "No module named 'no_such_module'"),
                refused("layer of a function that is not a layer (os.system): refused before calling it", PythonException.class,
                        () -> layer("os.system", a -> a.kwarg("command", "true")), "os.system is not a Keras layer class"),
                refused("layer of a class of another family (a loss)", PythonException.class,
                        () -> layer("keras.losses.MeanSquaredError", a -> { }), "is not a Keras layer class", "MeanSquaredError"),
                refused("layerDense with -1 units", PythonException.class, () -> layerDense(-1), "units", "Received: units=-1"),
                refused("layerDense with 0 units", PythonException.class, () -> layerDense(0), "Received: units=0"),
                refused("layerDropout with rate 1.5", PythonException.class, () -> layerDropout(1.5), "rate=1.5"),
                refused("a misspelt keyword", PythonException.class, () -> layerDense(4, d -> d.kwarg("unitz", 3)), "unitz"),
                refused("kwarg with a null name", IllegalArgumentException.class, () -> layerDense(4, d -> d.kwarg(null, 3)),
                        "kwarg(pythonName, value)", "received null"),
                refused("an activation that is a Java object", PythonException.class,
                        () -> layerDense(4, d -> d.kwarg("activation", new Object())), "activation", "java.lang.Object"),
                refused("a layer name with a slash", PythonException.class, () -> layerDense(4, d -> d.name("a/b")),
                        "cannot contain character `/`", "name=a/b"),
                accepted("a layer name full of quotes and Python code is data", () -> {
                    String hostile = "x'); __import__('os').system('touch jkeras-pwned') #\n\"\"\"";
                    try (Layer dense = layerDense(2, d -> d.name(hostile))) {
                        assertEquals(hostile, dense.name());
                    }
                    assertFalse(Files.exists(Path.of("jkeras-pwned")));
                }),
                refused("a closed layer added to a model", IllegalStateException.class, () -> {
                    Layer dense = layerDense(2);
                    dense.close();
                    kerasModelSequential(s -> s.inputShape(4)).add(dense);
                }, "closed"),
                refused("Sequential.add(null)", IllegalArgumentException.class, () -> kerasModelSequential().add(null),
                        "add(layer)", "received null"),
                refused("a 2-D convolution on vectors", PythonException.class,
                        () -> kerasModelSequential(s -> s.inputShape(4)).layerConv2d(8, 3), "ndim=4", "ndim=2"));
    }

    @TestFactory
    List<DynamicTest> functionalModels() {
        return List.of(
                refused("kerasInput with a negative size", PythonException.class, () -> kerasInput(-3),
                        "Negative dimensions are not allowed", "(-3,)"),
                // Keras (keras.Model(None, None)): "All `inputs` values must be KerasTensors. Received: inputs=None".
                refused("kerasModel(null, null)", IllegalArgumentException.class, () -> kerasModel((KerasTensor) null, null),
                        "kerasModel(inputs)", "received [null]"),
                refused("kerasModel with no inputs", IllegalArgumentException.class, () -> kerasModel(List.of(), List.of()),
                        "kerasModel(inputs)", "received []"),
                refused("kerasModel with an output not computed from its input", PythonException.class, () -> {
                    KerasTensor a = kerasInput(4);
                    KerasTensor b = kerasInput(4);
                    kerasModel(a, b.layerDense(2));
                }, "not connected to `inputs`"),
                refused("a closed symbolic tensor piped into a layer", IllegalStateException.class, () -> {
                    KerasTensor input = kerasInput(4);
                    input.close();
                    input.layerDense(2);
                }, "closed"));
    }

    @TestFactory
    List<DynamicTest> compileAndLookup() {
        return List.of(
                // Keras: the same words; jkeras checks loss and metric names at compile, not at the first batch.
                refused("compile with an unknown optimizer", PythonException.class,
                        () -> kerasModelSequential(s -> s.inputShape(4)).layerDense(1).compile("adamm", "mse"), "optimizer", "adamm"),
                refused("compile with an unknown loss", PythonException.class,
                        () -> kerasModelSequential(s -> s.inputShape(4)).layerDense(1).compile("adam", "msee"), "unknown loss 'msee'"),
                refused("compile with an unknown metric", PythonException.class,
                        () -> kerasModelSequential(s -> s.inputShape(4)).layerDense(1).compile("adam", "mse", "accurracy"),
                        "unknown metric 'accurracy'"),
                refused("getLayer of an unknown name", PythonException.class, () -> model.getLayer("nope"),
                        "No such layer: nope", "hidden"),
                refused("getLayer past the last index", PythonException.class, () -> model.getLayer(99), "index=99", "2 layers"),
                // Keras (get_layer(index=-99)): "IndexError: list index out of range".
                refused("getLayer of a negative index past the first", PythonException.class, () -> model.getLayer(-99),
                        "getLayer(index)", "2 layers", "received index=-99"),
                // jkeras said "'nope' is not in list" before.
                refused("freezeWeights from an unknown layer", PythonException.class, () -> model.freezeWeights("nope", null),
                        "freezeWeights(from)", "no layer named 'nope'", "['hidden', 'out']"),
                // jkeras froze nothing, silently, before.
                refused("freezeWeights to an index past the last", PythonException.class, () -> model.freezeWeights(null, 99),
                        "freezeWeights(to)", "received to=99"),
                refused("setWeights with no weights", PythonException.class, () -> model.getLayer("hidden").setWeights(List.of()),
                        "weight list of length 0", "expecting 2 weights"),
                refused("setWeights of the wrong shape", PythonException.class, () -> {
                    try (Tensor kernel = Tensor.zeros(DType.FLOAT32, 2, 2); Tensor bias = Tensor.zeros(DType.FLOAT32, 8)) {
                        model.getLayer("hidden").setWeights(List.of(kernel, bias));
                    }
                }, "(4, 8)", "(2, 2)"),
                refused("a closed model", IllegalStateException.class, () -> {
                    Sequential gone = kerasModelSequential(s -> s.inputShape(4)).layerDense(1);
                    gone.close();
                    gone.summary();
                }, "closed"),
                accepted("the summary of a model with no input yet: Keras' table marks it unbuilt", () -> {
                    try (Sequential unbuilt = kerasModelSequential().layerDense(3)) {
                        assertTrue(unbuilt.summary().contains("unbuilt"), unbuilt.summary());
                        assertEquals(0, unbuilt.countParams());
                    }
                }));
    }

    @TestFactory
    List<DynamicTest> namesOfPythonThings() {
        Path marker = dir.resolve("ran");
        return List.of(
                refused("Callback.create of os.system: refused before anything runs", PythonException.class, () -> {
                    try {
                        Callback.create("os.system", new Args().kwarg("command", "touch " + marker));
                    } finally {
                        assertFalse(Files.exists(marker), "os.system ran");
                    }
                }, "os.system is not a Keras callback"),
                refused("Callback.create of an unknown callback", PythonException.class,
                        () -> Callback.create("keras.callbacks.Nope", new Args()), "keras.callbacks has no 'Nope'"),
                refused("Loss.create of a layer class", PythonException.class, () -> Loss.create("keras.layers.Dense", new Args()),
                        "keras.layers.Dense is not a Keras loss"),
                refused("pythonObject(null)", PythonException.class, () -> pythonObject(null, a -> { }),
                        "a Python path must be a string", "received None"),
                refused("pythonObject(\"\")", PythonException.class, () -> pythonObject("", a -> { }), "not a dotted Python path: ''"),
                // jkeras said "not a dotted Python path: 'no_such_module'" before.
                refused("pythonObject of a module that does not exist", PythonException.class,
                        () -> pythonObject("no_such_module.thing", a -> { }), "'no_such_module.thing'", "No module named 'no_such_module'"),
                refused("pythonFunction of a name Keras lacks", PythonException.class, () -> pythonFunction("keras.nope"),
                        "keras has no 'nope'"),
                refused("optimizerAdam with a learning rate that is a word", PythonException.class,
                        () -> optimizerAdam(o -> o.kwarg("learning_rate", "fast")), "learning_rate=fast"),
                refused("modelFromJson(null)", IllegalArgumentException.class, () -> modelFromJson(null),
                        "modelFromJson(json)", "received null"),
                // Keras: "JSONDecodeError: Expecting property name enclosed in double quotes", without the text.
                refused("modelFromJson of text that is not JSON", PythonException.class, () -> modelFromJson("{garbage"),
                        "modelFromJson(json): not JSON", "{garbage"),
                refused("modelFromJson of a layer's JSON", PythonException.class,
                        () -> modelFromJson("{\"class_name\": \"NoSuchModel\", \"config\": {}}"), "NoSuchModel"),
                refused("dict with an odd number of values", IllegalArgumentException.class, () -> dict("a"),
                        "key, value pairs", "received 1 values"),
                // jkeras threw a ClassCastException before.
                refused("dict with a key that is not a string", IllegalArgumentException.class, () -> dict(1, 2),
                        "keys are strings", "Integer 1"),
                refused("useBackend(null)", IllegalArgumentException.class, () -> useBackend(null), "useBackend(backend)", "received null"),
                refused("useBackend of another backend once Keras runs", IllegalStateException.class,
                        () -> useBackend(PythonRuntime.get().backend().equals("jax") ? "torch" : "jax"),
                        "already running with the", "cannot switch to"));
    }
}
