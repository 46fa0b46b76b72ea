package jkeras.training;

import static jkeras.Keras.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import jkeras.models.Sequential;
import jkeras.internal.PythonRuntime;
import jkeras.tensor.DType;
import jkeras.tensor.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** fit, evaluate and predict on real Fashion-MNIST with the real Keras. */
class TrainingTest {
    private static FashionMnist data;

    @BeforeAll
    static void load() {
        data = new FashionMnist(60000);
    }

    @AfterAll
    static void close() {
        data.close();
    }

    static Sequential mlp() {
        return jkeras.examples.MlpTutorial.model();
    }

    @Test
    void mlpReachesEightyFivePercentInThreeEpochs() {
        setRandomSeed(1);
        Sequential model = mlp();
        model.compile(c -> c.optimizer(optimizerAdam()).loss("categorical_crossentropy").metrics("accuracy"));
        History history = model.fit(data.x, data.y, f -> f.epochs(3).batchSize(128).validationSplit(0.2).verbose(0));

        assertEquals(List.of(0, 1, 2), history.epochs());
        assertEquals(List.of("loss", "accuracy", "val_loss", "val_accuracy"), List.copyOf(history.metrics().keySet()));
        assertTrue(history.last("loss") < history.metric("loss").get(0), "the loss went down");
        assertEquals(3, ((Number) history.params().get("epochs")).intValue());

        Map<String, Double> score = model.evaluate(data.xTest, data.yTest, e -> e.verbose(0));
        assertTrue(score.get("accuracy") >= 0.85, "test accuracy " + score.get("accuracy"));

        int[] classes = model.predictClasses(data.xTest);
        int[] truth = data.raw.test().y().toIntArray();
        int right = 0;
        for (int i = 0; i < classes.length; i++) {
            right += classes[i] == truth[i] ? 1 : 0;
        }
        assertEquals(score.get("accuracy"), right / 10000.0, 1e-4, "predictClasses agrees with evaluate");

        try (Tensor probabilities = model.predict(data.xTest, p -> p.verbose(0).batchSize(256));
             Tensor argmax = probabilities.argmax()) {
            assertArrayEquals(new long[] {10000, 10}, probabilities.shape());
            assertEquals(1.0, sum(probabilities.row(0)), 1e-5);
            assertEquals(classes[0], argmax.getLong(0));
        }
        var predictor = model.predictor();
        try (Tensor one = data.xTest.rows(0, 1); Tensor fast = model.predictOnBatch(one);
             Tensor slow = model.predict(one, p -> p.verbose(0)); Tensor served = predictor.predict(one);
             Tensor batch = data.xTest.rows(0, 3); Tensor servedBatch = predictor.predict(batch)) {
            assertArrayEquals(slow.toFloatArray(), fast.toFloatArray(), 1e-6f, "predictOnBatch gives predict's numbers");
            assertArrayEquals(slow.toFloatArray(), served.toFloatArray(), 1e-6f, "the serving path gives predict's numbers");
            assertArrayEquals(new long[] {3, 10}, servedBatch.shape(), "any batch size");
        }
    }

    private static double sum(Tensor t) {
        try (t) {
            double s = 0;
            for (float v : t.toFloatArray()) {
                s += v;
            }
            return s;
        }
    }

    @Test
    void javaAndPythonWithTheSameSeedTrainTheSame() {
        try (Tensor x = data.x.rows(0, 10000); Tensor y = data.y.rows(0, 10000)) {
            setRandomSeed(1);
            Sequential model = mlp();
            model.compile("adam", "categorical_crossentropy", "accuracy");
            History java = model.fit(x, y, f -> f.epochs(3).batchSize(128).verbose(0));
            List<?> python = (List<?>) PythonRuntime.get().call("jkeras.testing.reference_models:train_mlp", 1, x, y, 3, 128);
            List<?> pythonLoss = (List<?>) python.get(0);
            List<?> pythonAccuracy = (List<?>) python.get(1);
            for (int epoch = 0; epoch < 3; epoch++) {
                assertEquals(((Number) pythonLoss.get(epoch)).doubleValue(), java.metric("loss").get(epoch), 1e-6, "loss, epoch " + epoch);
                assertEquals(((Number) pythonAccuracy.get(epoch)).doubleValue(), java.metric("accuracy").get(epoch), 1e-6);
            }
        }
    }

    @Test
    void weightsAndValidationDataAndInitialEpoch() {
        try (Tensor x = data.x.rows(0, 2048); Tensor y = data.y.rows(0, 2048);
             Tensor xv = data.xTest.rows(0, 512); Tensor yv = data.yTest.rows(0, 512);
             Tensor sampleWeight = Tensor.full(DType.FLOAT32, 1.0, 2048)) {
            setRandomSeed(2);
            Sequential model = mlp();
            model.compile("adam", "categorical_crossentropy", "accuracy");
            History history = model.fit(x, y, f -> f.epochs(3).initialEpoch(1).batchSize(256).verbose(0)
                    .validationData(xv, yv).shuffle(false).sampleWeight(sampleWeight));
            assertEquals(List.of(1, 2), history.epochs());
            assertEquals(2, history.metric("val_accuracy").size());
            History weighted = model.fit(x, y, f -> f.epochs(1).batchSize(256).verbose(0)
                    .classWeight(Map.of(0, 2.0, 1, 1.0, 2, 1.0, 3, 1.0, 4, 1.0, 5, 1.0, 6, 2.0, 7, 1.0, 8, 1.0, 9, 1.0)));
            assertEquals(1, weighted.epochCount());
        }
    }

    @Test
    void singleSigmoidOutputIsThresholdedAtOneHalf() {
        Sequential model = kerasModelSequential(s -> s.inputShape(1))
                .layerDense(1, d -> d.activation("sigmoid").kernelInitializer("ones").biasInitializer("zeros"));
        try (Tensor x = Tensor.of(new float[] {-3, -0.1f, 0.1f, 3}, 4, 1)) {
            assertArrayEquals(new int[] {0, 0, 1, 1}, model.predictClasses(x));
        }
    }
}
