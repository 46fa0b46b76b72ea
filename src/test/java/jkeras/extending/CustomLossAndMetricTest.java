package jkeras.extending;

import static jkeras.Keras.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jkeras.models.Sequential;
import jkeras.training.History;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Losses and metrics written in Java: class forms with arguments and state, function forms. */
class CustomLossAndMetricTest {
    private static ParityData data;

    @BeforeAll
    static void load() {
        data = new ParityData(2048);
    }

    @AfterAll
    static void close() {
        data.close();
    }

    @Test
    void javaLossAndMetricsGiveTheirPythonTwinsValuesEveryEpoch() {
        ParityChecks.customLossAndMetricsMatchTheirPythonTwins(data);
    }

    private static Sequential small() {
        return kerasModelSequential(s -> s.inputShape(784)).layerDense(10, d -> d.activation("softmax"));
    }

    @Test
    void aLossFunctionWithoutANameTrainsAsKerasOwnLoss() {
        History[] histories = new History[2];
        for (int i = 0; i < 2; i++) {
            setRandomSeed(12);
            Sequential model = small();
            Object loss = i == 0 ? "mse" : lossFunction((yTrue, yPred) -> opMean(opSquare(opSubtract(yTrue, yPred)), m -> m.axis(-1)));
            model.compile(c -> c.optimizer("adam").kwarg("loss", loss));
            histories[i] = model.fit(data.x, data.y, f -> f.epochs(2).batchSize(256).verbose(0));
        }
        for (int epoch = 0; epoch < 2; epoch++) {
            assertEquals(histories[0].metric("loss").get(epoch), histories[1].metric("loss").get(epoch), 1e-6);
        }
    }

    /** Counts the samples of the epoch; resets its own way, counting the resets in Java (they run eagerly). */
    static final class SamplesSeen extends CustomMetric {
        int resets;
        private final Weight seen = addVariable("seen", shapeOf(), null);

        SamplesSeen() {
            super(o -> o.name("samples_seen"));
        }

        @Override
        protected void updateState(Object yTrue, Object yPred, Object sampleWeight) {
            seen.assignAdd(opSum(opOnesLike(opSum(yTrue, s -> s.axis(-1)))));
        }

        @Override
        protected Object result() {
            return seen;
        }

        @Override
        protected void resetState() {
            resets++;
            seen.assign(0);
        }
    }

    @Test
    void aMetricsOwnResetRunsEachEpochAndItsStateIsReadByResult() {
        SamplesSeen metric = new SamplesSeen();
        Sequential model = small();
        model.compile(c -> c.optimizer("adam").loss("categorical_crossentropy").metrics(metric, new MeanAbsoluteCount()));
        History history = model.fit(data.x, data.y, f -> f.epochs(3).batchSize(300).verbose(0));
        assertEquals(List.of(2048.0, 2048.0, 2048.0), history.metric("samples_seen"), "each epoch counted from zero");
        // Keras resets metrics at the start of each epoch once they are built: on tensorflow they are
        // built in the first epoch's trace, so the Java reset runs before the second and third.
        assertTrue(metric.resets >= 2, "the Java reset ran between epochs: " + metric.resets);
        double first = model.evaluate(data.x, data.y).get("mean_absolute_count");
        double second = model.evaluate(data.x, data.y).get("mean_absolute_count");
        assertEquals(first, second, 1e-7, "Keras' own reset (zeros) cleared the state between evaluations");
    }
}
