package jkeras.training;

import static jkeras.Keras.arrayReshape;
import static jkeras.Keras.datasetFashionMnist;
import static jkeras.Keras.toCategorical;

import jkeras.datasets.Dataset;
import jkeras.tensor.Tensor;

/** Fashion-MNIST as the tests use it: flattened, scaled, one-hot; the first {@code n} training samples. */
final class FashionMnist implements AutoCloseable {
    final Dataset raw;
    final Tensor x;
    final Tensor y;
    final Tensor xTest;
    final Tensor yTest;
    private final Tensor[] views;

    FashionMnist(int n) {
        raw = datasetFashionMnist();
        Tensor trainRows = raw.train().x().rows(0, n);
        Tensor trainFlat = arrayReshape(trainRows, n, 784);
        Tensor labels = raw.train().y().rows(0, n);
        Tensor testFlat = arrayReshape(raw.test().x(), 10000, 784);
        views = new Tensor[] {trainRows, trainFlat, labels, testFlat};
        x = trainFlat.div(255);
        y = toCategorical(labels, 10);
        xTest = testFlat.div(255);
        yTest = toCategorical(raw.test().y(), 10);
    }

    @Override
    public void close() {
        for (Tensor t : new Tensor[] {x, y, xTest, yTest}) {
            t.close();
        }
        for (Tensor t : views) {
            t.close();
        }
        raw.close();
    }
}
