package jkeras.extending;

import static jkeras.Keras.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jkeras.layers.KerasTensor;
import jkeras.layers.Shape;
import jkeras.models.Model;
import jkeras.models.Sequential;
import jkeras.runtime.PythonException;
import jkeras.tensor.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Models holding Java custom objects, saved and loaded: in this JVM, in a new one, in one without the classes. */
class SavingTest {
    private static ParityData data;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        data = new ParityData(512);
    }

    @AfterAll
    static void close() {
        data.close();
    }

    /** The residual model with a Java loss, a Java metric and a Java metric function, trained an epoch. */
    private static Model trainedResidualModel() {
        setRandomSeed(2);
        Model model = ParityChecks.residualModel(16);
        model.compile(c -> c.optimizer("adam").loss(new ScaledMse(0.5)).metrics(new MeanAbsoluteCount(),
                metricFunction("mean_error", (yTrue, yPred) -> opMean(opAbs(opSubtract(yTrue, yPred)), m -> m.axis(-1)))));
        model.fit(data.x, data.y, f -> f.epochs(1).batchSize(128).verbose(0));
        return model;
    }

    @Test
    void savedThenLoadedInANewJvmItPredictsTheSame() throws Exception {
        Model model = trainedResidualModel();
        Path file = model.saveModel(dir.resolve("residual.keras"));
        float[] expected;
        try (Tensor probe = data.x.rows(0, 32); Tensor p = model.predict(probe, a -> a.verbose(0))) {
            expected = p.toFloatArray();
        }
        Path predictions = dir.resolve("predictions.bin");
        ChildJvm.Result child = ChildJvm.run(ChildJvm.classPath(), List.of(), FreshJvmLoad.class,
                List.of(file.toString(), predictions.toString()), dir);
        assertEquals(0, child.status(), child.output());
        assertTrue(child.output().contains("layer ResidualDense units=16 compiled=true"), child.output());
        assertTrue(child.output().contains("fit [loss, mean_absolute_count, mean_error]"), child.output());
        float[] loaded = new float[expected.length];
        try (DataInputStream in = new DataInputStream(Files.newInputStream(predictions))) {
            for (int i = 0; i < loaded.length; i++) {
                loaded[i] = in.readFloat();
            }
        }
        assertArrayEquals(expected, loaded, 1e-7f, "the new JVM's predictions");
    }

    @Test
    void withoutTheClassOrTheFunctionLoadingFailsNamingIt() throws Exception {
        Path withLayer = trainedResidualModel().saveModel(dir.resolve("residual.keras"));
        Sequential plain = kerasModelSequential(s -> s.inputShape(784)).layerDense(10);
        plain.compile(c -> c.optimizer("sgd").loss(lossFunction("unregistered_loss", (t, p) -> opMean(opAbs(opSubtract(t, p)), m -> m.axis(-1)))));
        Path withFunction = plain.saveModel(dir.resolve("function.keras"));

        // A class path with jkeras and its libraries, and of the tests' classes only the loader.
        Path classes = Path.of(MissingClassLoad.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path only = dir.resolve("only-loader/jkeras/extending");
        Files.createDirectories(only);
        Files.copy(classes.resolve("jkeras/extending/MissingClassLoad.class"), only.resolve("MissingClassLoad.class"));
        String classPath = Stream.concat(Stream.of(dir.resolve("only-loader").toString()),
                Arrays.stream(ChildJvm.classPath().split(File.pathSeparator)).filter(p -> !Path.of(p).equals(classes)))
                .collect(Collectors.joining(File.pathSeparator));
        ChildJvm.Result child = ChildJvm.run(classPath, List.of(), MissingClassLoad.class,
                List.of(withLayer.toString(), withFunction.toString()), dir);
        String out = child.output();
        assertEquals(0, child.status(), out);
        assertTrue(out.contains("FAILED " + withLayer + ": java.lang.IllegalStateException: the model uses the Java class"
                + " 'jkeras.extending.ResidualDense', which is not on this JVM's class path"), out);
        assertTrue(out.contains("FAILED " + withFunction + ": java.lang.IllegalStateException: the model uses the Java function"
                + " registered as 'unregistered_loss', which this JVM has not registered"), out);
    }

    /** A layer registered under a name of its own. */
    static final class Renamed extends CustomLayer {
        @Override
        protected Object call(Object inputs) {
            return opMultiply(inputs, 3);
        }
    }

    @Test
    void aClassRegisteredUnderANameOfItsOwnIsSavedAndLoadedByThatName() throws Exception {
        registerKerasSerializable("test_layers>Tripler", Renamed.class);
        KerasTensor input = kerasInput(2);
        Renamed layer = new Renamed();
        Model model = kerasModel(input, layer.apply(input));
        assertEquals("test_layers>Tripler", layer.getConfig().get("java_class").getAsString());
        Model loaded = loadModel(model.saveModel(dir.resolve("tripler.keras")));
        try (Tensor x = Tensor.of(new float[] {1, 2}, 1, 2); Tensor p = loaded.predict(x)) {
            assertArrayEquals(new float[] {3, 6}, p.toFloatArray());
        }
        assertTrue(CustomObjects.javaObjectOf(loaded.getLayer(1), Renamed.class) != null);
    }

    @Test
    void aModelWithItsOwnTrainStepIsSavedLoadedAndTrainsOn() throws Exception {
        setRandomSeed(6);
        PenalizedCounter model = new PenalizedCounter(0.01);
        model.compile("adam", "categorical_crossentropy", "accuracy");
        model.fit(data.x, data.y, f -> f.epochs(1).batchSize(128).verbose(0));
        Model loaded = loadModel(model.saveModel(dir.resolve("penalized.keras")));
        PenalizedCounter again = CustomObjects.javaObjectOf(loaded, PenalizedCounter.class);
        assertEquals(0.01, again.getConfig().getAsJsonObject("java_config").get("penalty").getAsDouble());
        try (Tensor probe = data.x.rows(0, 8); Tensor before = model.predict(probe, a -> a.verbose(0));
             Tensor after = loaded.predict(probe, a -> a.verbose(0)); Tensor steps = again.steps().toTensor()) {
            assertArrayEquals(before.toFloatArray(), after.toFloatArray(), 0f);
            assertEquals(4, steps.getDouble(), 0, "the step counter was saved");
        }
        var history = loaded.fit(data.x, data.y, f -> f.epochs(1).batchSize(128).verbose(0));
        assertTrue(history.metrics().containsKey("penalty"), "the loaded model trains with the Java step: " + history.metrics().keySet());
        try (Tensor steps = again.steps().toTensor()) {
            assertEquals(8, steps.getDouble(), 0);
        }
    }

    /** A layer whose config holds what no file can. */
    static final class Unsaveable extends CustomLayer {
        private final Object extra;

        Unsaveable(Object extra) {
            this.extra = extra;
        }

        @Override
        protected Object call(Object inputs) {
            return inputs;
        }

        @Override
        protected void getConfig(Config config) {
            config.put("extra", extra);
        }
    }

    @Test
    void aConfigThatCannotBeSavedFailsAtSaveTimeAndWritesNothing() throws Exception {
        KerasTensor input = kerasInput(2);
        Model withThread = kerasModel(input, new Unsaveable(Thread.currentThread()).apply(input));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> withThread.saveModel(dir.resolve("a.keras")));
        assertTrue(e.getMessage().contains("the config entry 'extra' holds") && e.getMessage().contains("(java.lang.Thread)")
                && e.getMessage().contains("jkeras.extending.SavingTest$Unsaveable"), e.getMessage());

        KerasTensor other = kerasInput(2);
        Model withPythonObject = kerasModel(other, new Unsaveable(pythonObject("builtins.object", a -> { })).apply(other));
        PythonException python = assertThrows(PythonException.class, () -> withPythonObject.saveModel(dir.resolve("b.keras")));
        assertTrue(python.getMessage().contains("getConfig() of Unsaveable.extra holds"), python.getMessage());

        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "nothing written, no temporary file left");
        }
    }

    @Test
    void configValuesRoundTripWithTheirTypes() {
        Config config = new Config("test");
        config.put("units", 8).put("rate", 0.5).put("name", "x").put("on", true).put("sizes", new int[] {1, 2})
                .put("shape", Shape.of(null, 3)).put("nested", java.util.Map.of("a", List.of(1, 2)));
        var json = new com.google.gson.Gson().toJson(config.asMap());
        Config back = Config.fromJson("test", json);
        assertEquals(8, back.getInt("units"));
        assertEquals(0.5, back.getDouble("rate"));
        assertEquals("x", back.getString("name"));
        assertTrue(back.getBoolean("on"));
        assertArrayEquals(new int[] {1, 2}, back.getIntArray("sizes"));
        assertEquals(Shape.of(null, 3), back.getShape("shape"));
        assertEquals(List.of(1L, 2L), back.getMap("nested").get("a"));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> back.getInt("depth"));
        assertTrue(missing.getMessage().contains("has no 'depth'"), missing.getMessage());
    }
}
