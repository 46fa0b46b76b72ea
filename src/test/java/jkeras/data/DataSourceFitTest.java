package jkeras.data;

import static jkeras.Keras.arrayReshape;
import static jkeras.Keras.datasetFashionMnist;
import static jkeras.Keras.kerasModelSequential;
import static jkeras.Keras.setRandomSeed;
import static jkeras.Keras.toCategorical;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import jkeras.datasets.Dataset;
import jkeras.models.Sequential;
import jkeras.tensor.Tensor;
import jkeras.training.History;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fit, evaluate and predict from Java data sources against the same from in-memory tensors, real Keras on Fashion-MNIST. */
class DataSourceFitTest {
    private static final int N = 4096;
    private static Dataset raw;
    private static Tensor x;
    private static Tensor y;
    private static Tensor xTest;
    private static Tensor yTest;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        raw = datasetFashionMnist();
        try (Tensor rows = raw.train().x().rows(0, N); Tensor flat = arrayReshape(rows, N, 784);
             Tensor labels = raw.train().y().rows(0, N);
             Tensor testRows = raw.test().x().rows(0, 1000); Tensor testFlat = arrayReshape(testRows, 1000, 784);
             Tensor testLabels = raw.test().y().rows(0, 1000)) {
            x = flat.div(255);
            y = toCategorical(labels, 10);
            xTest = testFlat.div(255);
            yTest = toCategorical(testLabels, 10);
        }
    }

    @AfterAll
    static void free() {
        for (Tensor t : new Tensor[] {x, y, xTest, yTest}) {
            t.close();
        }
        raw.close();
    }

    private static Sequential mlp(int seed) {
        setRandomSeed(seed);
        Sequential model = kerasModelSequential()
                .layerDense(64, d -> d.activation("relu").inputShape(784))
                .layerDense(10, d -> d.activation("softmax"));
        model.compile("adam", "categorical_crossentropy", "accuracy");
        return model;
    }

    @Test
    void fitFromASourceGivesTheLossesOfTheSameArraysInMemory() {
        List<Double> inMemory;
        try (Sequential model = mlp(7)) {
            inMemory = model.fit(x, y, f -> f.epochs(3).batchSize(128).shuffle(false).verbose(0)
                    .validationData(xTest, yTest)).metric("loss");
        }
        try (Sequential model = mlp(7);
             DataSource<Batch> train = DataSource.fromTensors(x, y).batch(128);
             DataSource<Batch> validation = DataSource.fromTensors(xTest, yTest).batch(128)) {
            History streamed = model.fit(train, null, f -> f.epochs(3).verbose(0).validationData(validation, null));
            List<Double> losses = streamed.metric("loss");
            for (int epoch = 0; epoch < 3; epoch++) {
                assertEquals(inMemory.get(epoch), losses.get(epoch), 1e-6, "loss, epoch " + epoch);
            }
            assertEquals(3, streamed.metric("val_loss").size());
            Map<String, Double> fromSource = model.evaluate(validation, null);
            Map<String, Double> fromTensors = model.evaluate(xTest, yTest, e -> e.batchSize(128));
            assertEquals(fromTensors.get("loss"), fromSource.get("loss"), 1e-6);
            try (DataSource<Batch> inputs = DataSource.fromTensors(xTest).batch(100);
                 Tensor predicted = model.predict(inputs); Tensor expected = model.predict(xTest)) {
                assertArrayEquals(expected.shape(), predicted.shape());
                assertArrayEquals(expected.toFloatArray(), predicted.toFloatArray(), 1e-6f);
            }
        }
    }

    @Test
    void aShuffledSourceRepeatsWithItsSeedAndDiffersFromUnshuffled() {
        List<Double> first;
        List<Double> second;
        List<Double> unshuffled;
        try (Sequential model = mlp(3); DataSource<Batch> train = DataSource.fromTensors(x, y).shuffle(11).batch(256)) {
            first = model.fit(train, null, f -> f.epochs(2).verbose(0)).metric("loss");
        }
        try (Sequential model = mlp(3); DataSource<Batch> train = DataSource.fromTensors(x, y).shuffle(11).batch(256)) {
            second = model.fit(train, null, f -> f.epochs(2).verbose(0)).metric("loss");
        }
        try (Sequential model = mlp(3); DataSource<Batch> train = DataSource.fromTensors(x, y).batch(256)) {
            unshuffled = model.fit(train, null, f -> f.epochs(2).verbose(0)).metric("loss");
        }
        assertEquals(first, second, "same seed, same losses");
        assertTrue(Math.abs(first.get(1) - unshuffled.get(1)) > 1e-7, first + " vs " + unshuffled);
    }

    @Test
    void batchesFromAJavaIterableAndFromMemoryMappedNpyFiles() {
        Path xFile = RecordFile.writeNpy(dir.resolve("x.npy"), x);
        Path yFile = RecordFile.writeNpy(dir.resolve("y.npy"), y);
        List<Double> inMemory;
        try (Sequential model = mlp(5)) {
            inMemory = model.fit(x, y, f -> f.epochs(2).batchSize(256).shuffle(false).verbose(0)).metric("loss");
        }
        try (Sequential model = mlp(5); DataSource<Batch> records = DataSource.fromNpy(xFile, yFile).batch(256)) {
            List<Double> mapped = model.fit(records, null, f -> f.epochs(2).verbose(0)).metric("loss");
            assertEquals(inMemory.get(1), mapped.get(1), 1e-6, "memory-mapped .npy records");
        }
        AtomicInteger epochs = new AtomicInteger();
        Iterable<Batch> batches = () -> {
            epochs.incrementAndGet();
            return new Iterator<>() {
                private int row;

                @Override
                public boolean hasNext() {
                    return row < N;
                }

                @Override
                public Batch next() {
                    int end = Math.min(N, row + 256);
                    Batch batch = Batch.of(x.rows(row, end), y.rows(row, end));
                    row = end;
                    return batch;
                }
            };
        };
        try (Sequential model = mlp(5); DataSource<Batch> source = DataSource.fromIterable(batches, N / 256).prefetch(4, 2)) {
            List<Double> fromIterable = model.fit(source, null, f -> f.epochs(2).verbose(0)).metric("loss");
            assertEquals(inMemory, fromIterable, "batches made by Java code, two producer threads");
        }
        assertTrue(epochs.get() >= 2, "each epoch asks the iterable for a new iterator: " + epochs.get());
        try (Sequential model = mlp(5); DataSource<Batch> source = DataSource.fromIterable(batches)) {
            List<Double> unknownLength = model.fit(source, null, f -> f.epochs(2).verbose(0)).metric("loss");
            assertEquals(2, unknownLength.size(), "a source of unknown length: Keras learns an epoch's end from the first");
            assertEquals(inMemory.get(0), unknownLength.get(0), 1e-6, "first epoch, length unknown");
            System.out.println("DataSourceFitTest: unknown length, losses " + unknownLength + "; in memory " + inMemory);
        }
    }

    @Test
    void aSourceThatThrowsMidEpochReachesTheCallerAsItselfAndTheModelStaysUsable() {
        IllegalStateException thrown = new IllegalStateException("the database went away");
        try (Sequential model = mlp(1);
             DataSource<Batch> failing = DataSource.fromTensors(x, y).batch(128).map(batch -> {
                 if (batch.x().shape()[0] == 128 && COUNT.incrementAndGet() == 10) {
                     batch.close();
                     throw thrown;
                 }
                 return batch;
             })) {
            COUNT.set(0);
            IllegalStateException caught = assertThrows(IllegalStateException.class,
                    () -> model.fit(failing, null, f -> f.epochs(2).verbose(0)));
            assertSame(thrown, caught);
            History after = model.fit(x, y, f -> f.epochs(1).batchSize(256).verbose(0));
            assertEquals(1, after.metric("loss").size());
        }
    }

    private static final AtomicInteger COUNT = new AtomicInteger();

    @Test
    void aBatchOfAnotherShapeIsAnErrorNamingTheBatchAndBothShapes() {
        List<Batch> batches = new ArrayList<>();
        batches.add(Batch.of(x.rows(0, 64), y.rows(0, 64)));
        batches.add(Batch.of(x.rows(64, 128), y.rows(64, 128)));
        Tensor wrong = Tensor.zeros(jkeras.tensor.DType.FLOAT32, 64, 783);
        batches.add(Batch.of(wrong, y.rows(128, 192)));
        try (Sequential model = mlp(1); DataSource<Batch> source = DataSource.fromIterator(batches.iterator())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> model.fit(source, null, f -> f.epochs(1).verbose(0)));
            assertTrue(e.getMessage().contains("batch 2") && e.getMessage().contains("783") && e.getMessage().contains("784"),
                    e.getMessage());
        }
    }

    @Test
    void anEmptySourceAndAClosedSourceAreClearErrors() {
        try (Sequential model = mlp(1)) {
            DataSource<Batch> empty = DataSource.fromIterable(List.<Batch>of());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> model.fit(empty, null, f -> f.epochs(1).verbose(0)));
            assertTrue(e.getMessage().contains("empty"), e.getMessage());
            empty.close();
            DataSource<Batch> closed = DataSource.fromTensors(x, y).batch(128);
            closed.close();
            IllegalStateException c = assertThrows(IllegalStateException.class,
                    () -> model.fit(closed, null, f -> f.epochs(1).verbose(0)));
            assertTrue(c.getMessage().contains("closed"), c.getMessage());
        }
    }
}
