package jkeras.extending;

import static jkeras.Keras.arrayReshape;
import static jkeras.Keras.datasetFashionMnist;
import static jkeras.Keras.toCategorical;

import jkeras.datasets.Dataset;
import jkeras.tensor.Tensor;

/** The first {@code n} Fashion-MNIST training samples, flattened, scaled to [0, 1], labels one-hot. */
final class ParityData implements AutoCloseable {
    final Tensor x;
    final Tensor y;
    private final Dataset raw;
    private final Tensor[] views;

    ParityData(int n) {
        raw = datasetFashionMnist();
        Tensor rows = raw.train().x().rows(0, n);
        Tensor flat = arrayReshape(rows, n, 784);
        Tensor labels = raw.train().y().rows(0, n);
        views = new Tensor[] {rows, flat, labels};
        x = flat.div(255);
        y = toCategorical(labels, 10);
    }

    @Override
    public void close() {
        x.close();
        y.close();
        for (Tensor t : views) {
            t.close();
        }
        raw.close();
    }
}
