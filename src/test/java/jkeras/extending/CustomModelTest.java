package jkeras.extending;

import static jkeras.Keras.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import jkeras.layers.Layer;
import jkeras.tensor.Tensor;
import jkeras.training.History;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Models written in Java: their call, and train and test steps of their own. */
class CustomModelTest {
    private static ParityData data;

    @BeforeAll
    static void load() {
        data = new ParityData(2048);
    }

    @AfterAll
    static void close() {
        data.close();
    }

    /** A classifier: three layers in fields, the forward pass in call. */
    static class Classifier extends CustomModel {
        private final Layer hidden = layerDense(32, d -> d.activation("relu"));
        private final Layer dropout = layerDropout(0.2);
        private final Layer out = layerDense(10, d -> d.activation("softmax"));

        @Override
        protected Object call(Object inputs) {
            return callLayer(out, callLayer(dropout, callLayer(hidden, inputs)));
        }
    }

    @Test
    void aJavaModelCompilesFitsEvaluatesAndPredicts() {
        setRandomSeed(4);
        Classifier model = new Classifier();
        model.compile("adam", "categorical_crossentropy", "accuracy");
        History history = model.fit(data.x, data.y, f -> f.epochs(3).batchSize(128).verbose(0));
        assertTrue(history.last("loss") < history.metric("loss").get(0), "the loss went down: " + history.metric("loss"));
        Map<String, Double> score = model.evaluate(data.x, data.y);
        assertTrue(score.get("accuracy") > 0.6, "accuracy " + score);
        try (Tensor probe = data.x.rows(0, 5); Tensor p = model.predict(probe)) {
            assertArrayEquals(new long[] {5, 10}, p.shape());
        }
        assertEquals(3, model.layers().size());
        assertEquals("classifier", model.name());
        assertEquals(784 * 32 + 32 + 32 * 10 + 10, model.countParams());
    }

    @Test
    void aJavaTrainStepMatchesTheSameStepWrittenInPython() {
        ParityChecks.customTrainStepMatchesItsPythonTwin(data);
    }

    /** Classifier without dropout, so that two of them train alike. */
    static class Plain extends CustomModel {
        private final Layer hidden = layerDense(16, d -> d.activation("relu"));
        private final Layer out = layerDense(10, d -> d.activation("softmax"));

        @Override
        protected Object call(Object inputs) {
            return callLayer(out, callLayer(hidden, inputs));
        }
    }

    /** The same model with Java's train and test steps: the base class's, which are Keras' own written in Java. */
    static class WithJavaSteps extends Plain {
        @Override
        protected Map<String, Object> trainStep(TrainStep step) {
            return super.trainStep(step);
        }

        @Override
        protected Map<String, Object> testStep(TestStep step) {
            return super.testStep(step);
        }
    }

    @Test
    void theBaseClassStepsAreKerasOwn() {
        History[] histories = new History[2];
        double[] evaluated = new double[2];
        Plain[] models = new Plain[2];
        for (int i = 0; i < 2; i++) {
            setRandomSeed(8);
            models[i] = i == 0 ? new Plain() : new WithJavaSteps();
            models[i].compile("adam", "categorical_crossentropy", "accuracy");
            histories[i] = models[i].fit(data.x, data.y, f -> f.epochs(2).batchSize(128).verbose(0).validationSplit(0.25));
            evaluated[i] = models[i].evaluate(data.x, data.y).get("loss");
        }
        for (String metric : List.of("loss", "accuracy", "val_loss", "val_accuracy")) {
            List<Double> keras = histories[0].metric(metric);
            List<Double> java = histories[1].metric(metric);
            for (int epoch = 0; epoch < 2; epoch++) {
                assertEquals(keras.get(epoch), java.get(epoch), 1e-6, metric + ", epoch " + epoch);
            }
        }
        assertEquals(evaluated[0], evaluated[1], 1e-6);
    }

    @Test
    void lossesAddedInCallReachAJavaTrainStep() {
        ParityChecks.javaStepSeesAddedLosses(data);
    }

    /** Counts its steps twice: in a Java field (once per trace) and in a weight (every step). */
    static final class Counting extends Plain {
        int javaCount;
        private final Weight steps = addWeight("steps", shapeOf(), w -> w.initializer("zeros").trainable(false));

        @Override
        protected Map<String, Object> trainStep(TrainStep step) {
            javaCount++;
            steps.assignAdd(1);
            return super.trainStep(step);
        }
    }

    @Test
    void aJavaFieldChangesOncePerTraceAWeightEveryStep() {
        assumeTraced();
        Counting model = new Counting();
        model.compile("adam", "categorical_crossentropy");
        model.fit(data.x, data.y, f -> f.epochs(2).batchSize(256).verbose(0));
        try (Tensor steps = model.steps.toTensor()) {
            assertEquals(2 * 2048 / 256, steps.getDouble(), 0, "the weight counted every step");
        }
        assertTrue(model.javaCount >= 1 && model.javaCount <= 3, "the Java code ran once per trace: " + model.javaCount);
    }

    static void assumeTraced() {
        org.junit.jupiter.api.Assumptions.assumeTrue(List.of("tensorflow", "jax").contains(backend()),
                "torch traces nothing: the Java step runs every step there");
    }
}
