package jkeras.extending;

import static jkeras.Keras.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import jkeras.internal.PythonRuntime;
import jkeras.layers.KerasTensor;
import jkeras.models.Model;
import jkeras.models.Sequential;
import jkeras.tensor.Tensor;
import jkeras.training.History;

/**
 * Java custom objects against their Python twins ({@code jkeras.testing.extending_reference}), the
 * same seed on both sides. Run in the test JVM (tensorflow) and, by {@link BackendParityMain}, in
 * child JVMs on jax and torch.
 */
final class ParityChecks {
    static final double TOLERANCE = 1e-6;
    private static final String REFERENCE = "jkeras.testing.extending_reference:";

    private ParityChecks() {}

    static Object python(String function, Object... args) {
        return PythonRuntime.get().call(REFERENCE + function, args);
    }

    /** The functional model of the layer tests: Input(784) → ResidualDense(units) → Dense(10, softmax). */
    static Model residualModel(int units) {
        KerasTensor input = kerasInput(784);
        KerasTensor hidden = new ResidualDense(units).apply(input);
        return kerasModel(input, hidden.layerDense(10, d -> d.activation("softmax")));
    }

    /** The Java layer trains as the Python one: the same losses and accuracies each epoch, the same predictions after. */
    static void residualLayerTrainsLikeItsPythonTwin(ParityData data) {
        setRandomSeed(7);
        Model model = residualModel(32);
        model.compile("adam", "categorical_crossentropy", "accuracy");
        History java = model.fit(data.x, data.y, f -> f.epochs(2).batchSize(128).verbose(0));
        List<?> twin = (List<?>) python("train_residual", 7, data.x, data.y, 32, 2, 128);
        assertSameHistory(java, twin.get(0), List.of("loss", "accuracy"));
        try (Tensor probe = data.x.rows(0, 16); Tensor predicted = model.predict(probe, p -> p.verbose(0));
             Tensor expected = (Tensor) twin.get(1)) {
            assertArrayEquals(expected.toFloatArray(), predicted.toFloatArray(), (float) TOLERANCE, "predictions after training");
        }
    }

    /** A Java loss (class form) and two Java metrics (stateful class, function) give their Python twins' values each epoch. */
    static void customLossAndMetricsMatchTheirPythonTwins(ParityData data) {
        setRandomSeed(11);
        Sequential model = kerasModelSequential(s -> s.inputShape(784))
                .layerDense(32, d -> d.activation("relu"))
                .layerDense(10, d -> d.activation("softmax"));
        model.compile(c -> c.optimizer("adam").loss(new ScaledMse(0.5)).metrics(
                new MeanAbsoluteCount(),
                metricFunction("mean_error", (yTrue, yPred) -> opMean(opAbs(opSubtract(yTrue, yPred)), m -> m.axis(-1)))));
        History java = model.fit(data.x, data.y, f -> f.epochs(2).batchSize(128).verbose(0));
        Object twin = python("train_with_loss_and_metrics", 11, data.x, data.y, 2, 128);
        assertSameHistory(java, twin, List.of("loss", "mean_absolute_count", "mean_error"));
    }

    /** A Java trainStep (penalty term, step counter) trains as the same step written in Python; its Java testStep evaluates alike. */
    static void customTrainStepMatchesItsPythonTwin(ParityData data) {
        setRandomSeed(5);
        PenalizedCounter model = new PenalizedCounter(1e-3);
        model.compile("adam", "categorical_crossentropy", "accuracy");
        History java = model.fit(data.x, data.y, f -> f.epochs(2).batchSize(256).verbose(0));
        List<?> twin = (List<?>) python("train_penalized", 5, data.x, data.y, 1e-3, 2, 256);
        assertSameHistory(java, twin.get(0), List.of("loss", "accuracy", "penalty"));
        try (Tensor steps = model.steps().toTensor()) {
            long batches = (data.x.shape()[0] + 255) / 256;
            assertEquals(2 * batches, steps.getDouble(), 0, "the step counter counted every step, not every trace");
            assertEquals(((Number) twin.get(1)).doubleValue(), steps.getDouble(), 0);
        }
        Map<String, Double> evaluated = model.evaluate(data.x, data.y, e -> e.batchSize(256));
        @SuppressWarnings("unchecked")
        Map<String, Number> twinEvaluated = (Map<String, Number>) twin.get(2);
        for (String metric : List.of("loss", "accuracy")) {
            assertEquals(twinEvaluated.get(metric).doubleValue(), evaluated.get(metric), TOLERANCE, "Java's test step: " + metric);
        }
    }

    /** A model with a Java layer, loss and train step, saved and loaded in this JVM, predicts the same and trains on. */
    static void savedAndLoadedItPredictsTheSame(ParityData data, java.nio.file.Path dir) {
        setRandomSeed(9);
        PenalizedCounter model = new PenalizedCounter(1e-3);
        model.compile(c -> c.optimizer("adam").loss(new ScaledMse(0.5)));
        model.fit(data.x, data.y, f -> f.epochs(1).batchSize(256).verbose(0));
        Model loaded = loadModel(model.saveModel(dir.resolve("penalized-" + backend() + ".keras")));
        try (Tensor probe = data.x.rows(0, 16); Tensor before = model.predict(probe, p -> p.verbose(0));
             Tensor after = loaded.predict(probe, p -> p.verbose(0))) {
            assertArrayEquals(before.toFloatArray(), after.toFloatArray(), 0f, "the loaded model's predictions");
        }
        History more = loaded.fit(data.x, data.y, f -> f.epochs(1).batchSize(256).verbose(0));
        assertEquals(java.util.Set.of("loss", "penalty"), more.metrics().keySet(), "it trains on with its Java step and loss");
    }

    /** A model adding a loss in call: its own train step (the base class's, in Java) trains as Keras' own does. */
    static class ActivityPenalized extends CustomModel {
        private final jkeras.layers.Layer hidden = layerDense(16, d -> d.activation("relu"));
        private final jkeras.layers.Layer out = layerDense(10, d -> d.activation("softmax"));

        @Override
        protected Object call(Object inputs) {
            Object h = callLayer(hidden, inputs);
            addLoss(opMultiply(0.01, opMean(opSquare(h))));
            return callLayer(out, h);
        }
    }

    static final class ActivityPenalizedWithJavaStep extends ActivityPenalized {
        @Override
        protected Map<String, Object> trainStep(TrainStep step) {
            return super.trainStep(step);
        }
    }

    static void javaStepSeesAddedLosses(ParityData data) {
        List<List<Double>> losses = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            setRandomSeed(13);
            ActivityPenalized made = i == 0 ? new ActivityPenalized() : new ActivityPenalizedWithJavaStep();
            made.compile("adam", "categorical_crossentropy");
            losses.add(made.fit(data.x, data.y, f -> f.epochs(2).batchSize(256).verbose(0)).metric("loss"));
        }
        for (int epoch = 0; epoch < 2; epoch++) {
            assertEquals(losses.get(0).get(epoch), losses.get(1).get(epoch), TOLERANCE, "loss with the added term, epoch " + epoch);
        }
    }

    static void assertSameHistory(History java, Object python, List<String> metrics) {
        @SuppressWarnings("unchecked")
        Map<String, List<Number>> twin = (Map<String, List<Number>>) python;
        for (String metric : metrics) {
            List<Double> mine = java.metric(metric);
            List<Number> theirs = twin.get(metric);
            assertEquals(theirs.size(), mine.size(), metric + ": epochs");
            for (int epoch = 0; epoch < mine.size(); epoch++) {
                assertEquals(theirs.get(epoch).doubleValue(), mine.get(epoch), TOLERANCE, metric + ", epoch " + epoch);
            }
        }
    }
}
