package jkeras.data;

import static jkeras.Keras.arrayReshape;
import static jkeras.Keras.backend;
import static jkeras.Keras.datasetFashionMnist;
import static jkeras.Keras.kerasModelSequential;
import static jkeras.Keras.setRandomSeed;
import static jkeras.Keras.toCategorical;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import jkeras.datasets.Dataset;
import jkeras.models.Sequential;
import jkeras.tensor.Tensor;

/**
 * Streaming on the backend this JVM's -Djkeras.backend chooses (one backend per process): fit,
 * validation, evaluate and predict from Java sources against the same arrays in memory, and a
 * source failing mid-epoch. Prints "ok" per check and "all checks passed", or fails. Run by
 * {@link StreamingBackendsTest}; Keras pulls batches on tf.data's threads (tensorflow), the
 * trainer's own thread (jax) or a DataLoader (torch).
 */
public final class StreamingOnBackendMain {
    private StreamingOnBackendMain() {}

    public static void main(String[] args) {
        int n = 2048;
        try (Dataset raw = datasetFashionMnist(); Tensor rows = raw.train().x().rows(0, n);
             Tensor flat = arrayReshape(rows, n, 784); Tensor labels = raw.train().y().rows(0, n);
             Tensor x = flat.div(255); Tensor y = toCategorical(labels, 10)) {
            System.out.println("backend " + backend());
            List<Double> inMemory;
            try (Sequential model = mlp()) {
                inMemory = model.fit(x, y, f -> f.epochs(2).batchSize(128).shuffle(false).verbose(0)).metric("loss");
            }
            try (Sequential model = mlp();
                 DataSource<Batch> train = DataSource.fromTensors(x, y).batch(128).prefetch(4, 2);
                 DataSource<Batch> validation = DataSource.fromTensors(x.rows(0, 512), y.rows(0, 512)).batch(128)) {
                List<Double> streamed = model.fit(train, null, f -> f.epochs(2).verbose(0).validationData(validation, null)).metric("loss");
                for (int epoch = 0; epoch < 2; epoch++) {
                    if (Math.abs(streamed.get(epoch) - inMemory.get(epoch)) > 1e-5) {
                        throw new AssertionError("epoch " + epoch + ": streamed " + streamed + " in memory " + inMemory);
                    }
                }
                System.out.println("ok fit " + streamed + " = " + inMemory);
                Map<String, Double> evaluated = model.evaluate(validation, null);
                System.out.println("ok evaluate " + evaluated);
                try (DataSource<Batch> inputs = DataSource.fromTensors(x).batch(256); Tensor predicted = model.predict(inputs);
                     Tensor expected = model.predict(x)) {
                    float[] a = predicted.toFloatArray();
                    float[] b = expected.toFloatArray();
                    for (int i = 0; i < a.length; i++) {
                        if (Math.abs(a[i] - b[i]) > 1e-5) {
                            throw new AssertionError("predict differs at " + i);
                        }
                    }
                }
                System.out.println("ok predict");
                IllegalStateException thrown = new IllegalStateException("the source failed on purpose");
                AtomicInteger made = new AtomicInteger();
                try (DataSource<Batch> failing = DataSource.fromTensors(x, y).batch(128).map(batch -> {
                    if (made.incrementAndGet() == 5) {
                        batch.close();
                        throw thrown;
                    }
                    return batch;
                })) {
                    model.fit(failing, null, f -> f.epochs(1).verbose(0));
                    throw new AssertionError("fit from a failing source returned");
                } catch (IllegalStateException e) {
                    if (e != thrown) {
                        throw new AssertionError("another exception than the source's", e);
                    }
                }
                model.fit(train, null, f -> f.epochs(1).verbose(0));
                System.out.println("ok failure");
            }
        }
        System.out.println("all checks passed");
    }

    private static Sequential mlp() {
        setRandomSeed(3);
        Sequential model = kerasModelSequential()
                .layerDense(32, d -> d.activation("relu").inputShape(784))
                .layerDense(10, d -> d.activation("softmax"));
        model.compile("adam", "categorical_crossentropy", "accuracy");
        return model;
    }
}
