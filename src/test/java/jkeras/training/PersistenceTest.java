package jkeras.training;

import static jkeras.Keras.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jkeras.models.Model;
import jkeras.models.Sequential;
import jkeras.runtime.PythonException;
import jkeras.internal.PythonRuntime;
import jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving and loading models and weights. */
class PersistenceTest {
    @TempDir
    Path dir;

    private static Sequential trained(Tensor x, Tensor y) {
        setRandomSeed(3);
        Sequential model = kerasModelSequential(s -> s.inputShape(784))
                .layerDense(32, d -> d.activation("relu"))
                .layerDense(10, d -> d.activation("softmax"));
        model.compile("adam", "categorical_crossentropy", "accuracy");
        model.fit(x, y, f -> f.epochs(1).batchSize(128).verbose(0));
        return model;
    }

    @Test
    void saveAndLoadRoundTripPredictionsExactly() throws Exception {
        try (FashionMnist data = new FashionMnist(2048); Tensor probe = data.xTest.rows(0, 64)) {
            Sequential model = trained(data.x, data.y);
            Path file = model.saveModel(dir.resolve("mlp.keras"));
            Model loaded = loadModel(file);
            Model fromBytes = modelFromBytes(model.toBytes());
            try (Tensor before = model.predict(probe, p -> p.verbose(0));
                 Tensor after = loaded.predict(probe, p -> p.verbose(0));
                 Tensor viaBytes = fromBytes.predict(probe, p -> p.verbose(0))) {
                assertArrayEquals(before.toFloatArray(), after.toFloatArray(), 0f);
                assertArrayEquals(before.toFloatArray(), viaBytes.toFloatArray(), 0f);
            }
            assertTrue(loaded.isCompiled(), "the optimizer state came back");
            assertTrue(loaded instanceof Sequential);
            assertEquals(List.of("mlp.keras"), fileNames(), "nothing but the model in the folder");
        }
    }

    @Test
    void weightsSaveLoadGetAndSet() {
        try (FashionMnist data = new FashionMnist(1024); Tensor probe = data.xTest.rows(0, 8)) {
            Sequential model = trained(data.x, data.y);
            Path weights = model.saveModelWeights(dir.resolve("mlp.weights.h5"));
            Sequential twin = kerasModelSequential(s -> s.inputShape(784))
                    .layerDense(32, d -> d.activation("relu"))
                    .layerDense(10, d -> d.activation("softmax"));
            twin.loadModelWeights(weights);
            try (Tensor a = model.predict(probe, p -> p.verbose(0)); Tensor b = twin.predict(probe, p -> p.verbose(0))) {
                assertArrayEquals(a.toFloatArray(), b.toFloatArray(), 0f);
            }

            List<Tensor> w = model.getWeights();
            try {
                assertEquals(4, w.size());
                assertArrayEquals(new long[] {784, 32}, w.get(0).shape());
                try (Tensor zeros = Tensor.zeros(jkeras.tensor.DType.FLOAT32, 784, 32)) {
                    twin.getLayer(0).setWeights(List.of(zeros, w.get(1)));
                }
                List<Tensor> changed = twin.getLayer(0).getWeights();
                assertEquals(0f, changed.get(0).getFloat(5, 5));
                changed.forEach(Tensor::close);
            } finally {
                w.forEach(Tensor::close);
            }
        }
    }

    @Test
    void freezeAndUnfreeze() {
        Sequential model = kerasModelSequential(s -> s.inputShape(4))
                .layerDense(8, d -> d.name("a")).layerDense(8, d -> d.name("b")).layerDense(2, d -> d.name("c"));
        model.freezeWeights("a", "b");
        assertFalse(model.getLayer("a").isTrainable());
        assertFalse(model.getLayer("b").isTrainable());
        assertTrue(model.getLayer("c").isTrainable());
        assertTrue(model.summary(s -> s.showTrainable(true)).contains("N"), "the summary shows frozen layers");
        model.unfreezeWeights();
        assertTrue(model.getLayer("a").isTrainable());
        model.freezeWeights(null, 0);
        assertFalse(model.getLayer("a").isTrainable());
        assertTrue(model.getLayer("b").isTrainable());
    }

    @Test
    void aFailedSaveLeavesNoFileAndKeepsTheOldOne() throws Exception {
        Model unsaveable = Model.wrap(PythonRuntime.get().call("jkeras.testing.reference_models:unsaveable"));
        Path target = dir.resolve("model.keras");
        assertThrows(PythonException.class, () -> unsaveable.saveModel(target));
        assertEquals(List.of(), fileNames(), "no partial file");

        Files.writeString(target, "previous version");
        assertThrows(PythonException.class, () -> unsaveable.saveModel(target));
        assertEquals("previous version", Files.readString(target));
        assertEquals(List.of("model.keras"), fileNames());
    }

    @Test
    void loadingIsSafeByDefault() throws Exception {
        Model withLambda = Model.wrap(PythonRuntime.get().call("jkeras.testing.reference_models:with_python_lambda"));
        Path file = withLambda.saveModel(dir.resolve("lambda.keras"));
        PythonException refused = assertThrows(PythonException.class, () -> loadModel(file));
        assertTrue(refused.pythonMessage().contains("safe_mode"), refused.pythonMessage());
        assertEquals(2, loadModel(file, l -> l.safeMode(false)).layers().size(), "loads when the caller trusts the file");
    }

    private List<String> fileNames() throws Exception {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

}
