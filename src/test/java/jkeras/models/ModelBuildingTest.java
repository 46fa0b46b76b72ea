package jkeras.models;

import static jkeras.Keras.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.List;
import jkeras.layers.KerasTensor;
import jkeras.layers.Layer;
import jkeras.runtime.PythonException;
import jkeras.internal.PythonRuntime;
import org.junit.jupiter.api.Test;

/**
 * The seed models built from Java have the same summary and parameter count as the same models
 * built in plain Python Keras ({@code jkeras.testing.reference_models}) in the same process.
 */
class ModelBuildingTest {
    private final PythonRuntime python = PythonRuntime.get();

    /**
     * Keras numbers auto-named layers per process (dense, dense_1…) and sizes the table's columns
     * to the longest name: compare names without the number, and padding collapsed.
     */
    static String normalized(String summary) {
        return summary.replaceAll("\\b((?:[a-z0-9]+_)*[a-z0-9]*[a-z][a-z0-9]*)_\\d+\\b", "$1")
                .replaceAll(" +", " ")
                .replaceAll("─+", "─")
                .replaceAll("━+", "━");
    }

    private void assertSameAsPython(Model model, String reference) {
        List<?> expected = (List<?>) python.call("jkeras.testing.reference_models:summary_of", reference);
        // A fixed, wide table: Keras truncates columns ("concatenate[0]…") to fit the default width.
        assertEquals(normalized((String) expected.get(0)), normalized(model.summary(s -> s.lineLength(200))), reference + " summary");
        assertEquals(((Number) expected.get(1)).longValue(), model.countParams(), reference + " parameter count");
    }

    @Test
    void mlpWithDropoutOfTheTutorial() {
        Sequential model = jkeras.examples.MlpTutorial.model();
        assertSameAsPython(model, "mlp");
        assertEquals(242_762, model.countParams());
    }

    @Test
    void smallMlpOfTheFirstTutorial() {
        Sequential model = kerasModelSequential(s -> s.inputShape(784))
                .layerDense(256, d -> d.activation("relu"))
                .layerDropout(0.4)
                .layerDense(10, d -> d.activation("softmax"));
        assertSameAsPython(model, "mlp_small");
    }

    @Test
    void cnnOfTheTutorial() {
        assertSameAsPython(jkeras.examples.CnnTutorial.model(), "cnn");
    }

    @Test
    void kernelAndPoolSizesAsIntsOrTuples() {
        Sequential model = kerasModelSequential(s -> s.inputShape(28, 28, 1))
                .layerConv2d(32, 3, c -> c.activation("relu"))
                .layerMaxPooling2d(p -> p.poolSize(2))
                .layerConv2d(64, 3, c -> c.kernelSize(3, 3).activation("relu"))
                .layerMaxPooling2d(p -> p.poolSize(2, 2))
                .layerDropout(0.25)
                .layerFlatten()
                .layerDense(10, d -> d.activation("softmax"));
        assertSameAsPython(model, "cnn");
    }

    @Test
    void lstmSequenceModel() {
        Sequential model = kerasModelSequential(s -> s.inputShape(100))
                .layerEmbedding(10000, 32)
                .layerLstm(32)
                .layerDense(1, d -> d.activation("sigmoid"));
        assertSameAsPython(model, "lstm");
    }

    @Test
    void gruSequenceModel() {
        Sequential model = kerasModelSequential(s -> s.inputShape(100))
                .layerEmbedding(10000, 32)
                .layerGru(32, g -> g.returnSequences(true))
                .layerGru(16)
                .layerDense(1, d -> d.activation("sigmoid"));
        assertSameAsPython(model, "gru");
    }

    @Test
    void twoInputFunctionalModelWithTwoOutputs() {
        KerasTensor image = kerasInput(shape(784), i -> i.name("image"));
        KerasTensor meta = kerasInput(shape(10), i -> i.name("meta"));
        KerasTensor x = image.layerDense(64, d -> d.activation("relu"));
        KerasTensor m = meta.layerDense(8, d -> d.activation("relu"));
        KerasTensor joined = layerConcatenate(List.of(x, m));
        KerasTensor label = joined.layerDense(10, d -> d.activation("softmax").name("label"));
        KerasTensor score = joined.layerDense(1, d -> d.name("score"));
        Model model = kerasModel(List.of(image, meta), List.of(label, score));
        assertSameAsPython(model, "two_inputs");
        assertEquals(2, model.inputs().size());
        assertEquals(shape(null, 10), model.outputs().get(0).shape());
    }

    @Test
    void sharedLayerIsOneSetOfWeights() {
        Layer shared = layerDense(16);
        KerasTensor a = kerasInput(8);
        KerasTensor b = kerasInput(8);
        Model model = kerasModel(List.of(a, b), List.of(layerAdd(List.of(shared.apply(a), shared.apply(b)))));
        assertEquals(8 * 16 + 16, model.countParams(), "one Dense's weights, used twice");
    }

    @Test
    void sequentialEditingAndLayerAccess() {
        Sequential model = kerasModelSequential(s -> s.inputShape(4))
                .layerDense(8, d -> d.name("hidden"))
                .layerDense(3, d -> d.name("out"));
        assertEquals("hidden", model.getLayer(0).name());
        assertEquals("Dense", model.getLayer("out").className());
        assertEquals(shape(null, 8), model.getLayer("hidden").outputShape());
        assertEquals(4 * 8 + 8, model.getLayer("hidden").countParams());
        model.popLayer();
        assertEquals(1, model.layers().size());
        assertEquals(40, model.countParams());
        model.add(layerDense(2));
        assertEquals(40 + 18, model.countParams());
    }

    @Test
    void configAndJsonRebuildTheSameArchitecture() {
        Sequential model = kerasModelSequential(s -> s.inputShape(784))
                .layerDense(32, d -> d.activation("relu").kernelRegularizer(regularizerL2(r -> r.l2(0.01))))
                .layerDense(10, d -> d.activation("softmax").kernelInitializer(initializerGlorotUniform(i -> i.seed(7))));
        JsonObject config = model.getConfig();
        JsonObject firstDense = config.getAsJsonArray("layers").get(1).getAsJsonObject().getAsJsonObject("config");
        assertEquals(32, firstDense.get("units").getAsInt());
        assertEquals("L2", firstDense.getAsJsonObject("kernel_regularizer").get("class_name").getAsString());

        Model fromConfig = model.fromConfig(config);
        Model fromJson = modelFromJson(model.toJson());
        assertTrue(fromConfig instanceof Sequential);
        assertEquals(normalized(model.summary()), normalized(fromConfig.summary()));
        assertEquals(model.countParams(), fromJson.countParams());
    }

    @Test
    void compileWithNamesOrConfiguredObjects() {
        Sequential model = kerasModelSequential(s -> s.inputShape(4)).layerDense(3, d -> d.activation("softmax"));
        assertFalse(model.isCompiled());
        model.compile(optimizerRmsprop(o -> o.learningRate(0.002)), "categorical_crossentropy", "accuracy");
        assertTrue(model.isCompiled());
        model.compile(c -> c.optimizer(optimizerSgd(o -> o.learningRate(0.1).momentum(0.9)))
                .loss(lossCategoricalCrossentropy(l -> l.labelSmoothing(0.1)))
                .metrics("accuracy", metricAuc())
                .runEagerly(true)
                .jitCompile(false));
        model.compile(c -> c.optimizer(optimizerAdadelta()).loss("mse").lossWeights(1.0));
        assertTrue(model.isCompiled());
    }

    @Test
    void mistakesFailAtTheCallThatMadeThem() {
        PythonException keyword = assertThrows(PythonException.class, () -> layerDense(4, d -> d.kwarg("unitz", 3)));
        assertTrue(keyword.getMessage().contains("unitz"), keyword.getMessage());

        PythonException type = assertThrows(PythonException.class, () -> layerDense(4, d -> d.kwarg("activation", 42)));
        assertEquals("ValueError", type.pythonType());

        Sequential images = kerasModelSequential(s -> s.inputShape(28, 28));
        PythonException shape = assertThrows(PythonException.class, () -> images.layerConv2d(32, 3));
        assertTrue(shape.pythonMessage().contains("ndim"), shape.pythonMessage());

        Sequential model = kerasModelSequential(s -> s.inputShape(4)).layerDense(3);
        PythonException loss = assertThrows(PythonException.class,
                () -> model.compile("adam", "categorical_crossentropyy"));
        assertTrue(loss.pythonMessage().contains("categorical_crossentropyy"), loss.pythonMessage());
        assertThrows(PythonException.class, () -> model.compile("adamm", "mse"));
    }

    @Test
    void customLayerFromPythonsPathThroughTheEscapeHatch() {
        Layer custom = layer("keras.layers.Dense", a -> a.kwarg("units", 5).kwarg("use_bias", false));
        Model model = kerasModelSequential(s -> s.inputShape(3)).add(custom);
        assertEquals(15, model.countParams());
        assertNotEquals("", custom.pythonClass());
    }
}
