package jkeras.training;

import static jkeras.Keras.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jkeras.models.Sequential;
import jkeras.tensor.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keras' callbacks and Java ones, during a real fit. */
class CallbacksTest {
    private static FashionMnist data;
    private static Tensor x;
    private static Tensor y;

    @BeforeAll
    static void load() {
        data = new FashionMnist(2048);
        x = data.x;
        y = data.y;
    }

    @AfterAll
    static void close() {
        data.close();
    }

    private static Sequential compiledModel() {
        Sequential model = kerasModelSequential(s -> s.inputShape(784))
                .layerDense(32, d -> d.activation("relu"))
                .layerDense(10, d -> d.activation("softmax"));
        model.compile("adam", "categorical_crossentropy", "accuracy");
        return model;
    }

    @Test
    void javaCallbacksFireInOrderWithMetricsAsJavaValues() {
        List<String> events = new ArrayList<>();
        List<Double> epochLosses = new ArrayList<>();
        var recorder = callbackLambda(c -> c
                .onTrainBegin(e -> events.add("train_begin"))
                .onEpochBegin(e -> events.add("epoch_begin " + e.epoch()))
                .onBatchEnd(e -> {
                    if (e.index() == 0) {
                        events.add("first_batch_end loss=" + (e.log("loss") > 0));
                    }
                })
                .onEpochEnd(e -> {
                    events.add("epoch_end " + e.epoch());
                    epochLosses.add(e.log("loss"));
                })
                .onTrainEnd(e -> events.add("train_end")));
        History history = compiledModel().fit(x, y, f -> f.epochs(2).batchSize(256).verbose(0).callbacks(recorder));
        assertEquals(List.of("train_begin", "epoch_begin 0", "first_batch_end loss=true", "epoch_end 0",
                "epoch_begin 1", "first_batch_end loss=true", "epoch_end 1", "train_end"), events);
        assertEquals(history.metric("loss"), epochLosses, "the callback saw the history's values");
    }

    @Test
    void aJavaCallbackCanStopTraining() {
        History history = compiledModel().fit(x, y, f -> f.epochs(10).batchSize(256).verbose(0)
                .callbacks(callbackLambda(c -> c.onEpochEnd(e -> {
                    if (e.epoch() == 1) {
                        e.stopTraining();
                    }
                }))));
        assertEquals(2, history.epochCount());
    }

    @Test
    void earlyStoppingStops() {
        History history = compiledModel().fit(x, y, f -> f.epochs(20).batchSize(256).verbose(0)
                .callbacks(callbackEarlyStopping(c -> c.monitor("loss").minDelta(10).patience(1))));
        assertEquals(2, history.epochCount(), "no epoch improves the loss by 10: stop after patience + 1");
    }

    @Test
    void reduceLearningRateOnPlateauCsvLoggerCheckpointAndTerminateOnNan(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("log.csv");
        Path checkpoint = dir.resolve("best.keras");
        List<Double> rates = new ArrayList<>();
        Sequential model = compiledModel();
        History history = model.fit(x, y, f -> f.epochs(3).batchSize(256).verbose(0).callbacks(
                callbackReduceLrOnPlateau(c -> c.monitor("loss").factor(0.5).patience(0).minDelta(10)),
                callbackCsvLogger(csv.toString()),
                callbackModelCheckpoint(checkpoint.toString(), c -> c.monitor("loss")),
                callbackTerminateOnNan(),
                callbackLambda(c -> c.onEpochEnd(e -> rates.add(e.log("learning_rate"))))));
        assertEquals(3, history.epochCount());
        // Keras logs the rate an epoch ran with, then reduces it: epoch 1 plateaus, epoch 2 runs at half.
        assertEquals(rates.get(0), rates.get(1), 1e-9);
        assertEquals(rates.get(0) / 2, rates.get(2), 1e-9, "the plateau halved the learning rate");
        List<String> lines = Files.readAllLines(csv);
        assertEquals(4, lines.size(), "a header and one line per epoch: " + lines);
        assertTrue(lines.get(0).startsWith("epoch,"), lines.get(0));
        assertTrue(Files.size(checkpoint) > 0);

        // NaN targets make a NaN loss (NaN inputs would not: ReLU maps NaN to 0).
        try (Tensor bad = y.mul(Double.NaN)) {
            History stopped = model.fit(x, bad, f -> f.epochs(5).batchSize(256).verbose(0).callbacks(callbackTerminateOnNan()));
            assertEquals(1, stopped.epochCount(), "terminated in the first epoch");
            assertTrue(Double.isNaN(stopped.last("loss")));
        }
    }
}
