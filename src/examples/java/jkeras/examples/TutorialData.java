package jkeras.examples;

import static jkeras.Keras.arrayReshape;
import static jkeras.Keras.datasetFashionMnist;
import static jkeras.Keras.datasetMnist;
import static jkeras.Keras.toCategorical;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jkeras.datasets.Dataset;
import jkeras.datasets.Datasets;
import jkeras.models.Model;
import jkeras.tensor.Tensor;
import jkeras.training.History;

/**
 * The tutorials' data: MNIST when it is in Keras' cache, else Fashion-MNIST (from Debian's
 * dataset-fashion-mnist), scaled to 0..1 with one-hot labels. Holds every tensor it made; close it.
 */
final class TutorialData implements AutoCloseable {
    static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    final String name;
    final List<String> classNames;
    final Dataset raw;
    final Tensor xTrain;
    final Tensor yTrain;
    final Tensor xTest;
    final Tensor yTest;
    private final List<Tensor> views;

    /** Images flattened to 784 values (MLP) or shaped 28×28×1 (CNN). */
    TutorialData(boolean flatten) {
        boolean mnist = Datasets.isCached("mnist");
        name = mnist ? "MNIST" : "Fashion-MNIST";
        classNames = mnist ? DIGITS : FASHION_CLASSES;
        raw = mnist ? datasetMnist() : datasetFashionMnist();
        long[] sample = flatten ? new long[] {784} : new long[] {28, 28, 1};
        Tensor trainView = arrayReshape(raw.train().x(), shape(-1, sample));
        Tensor testView = arrayReshape(raw.test().x(), shape(-1, sample));
        views = List.of(trainView, testView);
        xTrain = trainView.div(255);
        xTest = testView.div(255);
        yTrain = toCategorical(raw.train().y(), 10);
        yTest = toCategorical(raw.test().y(), 10);
    }

    private static long[] shape(long first, long[] rest) {
        long[] out = new long[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    /** What both tutorials print after training: the history, its plot, and the test scores. */
    static Path report(Model model, History history, TutorialData data, TutorialOptions options) throws IOException {
        System.out.println();
        System.out.println(history);
        Path plot = history.plot(options.out().resolve("history.png"));
        Map<String, Double> score = model.evaluate(data.xTest, data.yTest, e -> e.verbose(0));
        System.out.printf("Test loss: %.4f%nTest accuracy: %.4f%n", score.get("loss"), score.get("accuracy"));
        // Saved for scripts/serve, which serves a saved model over HTTP.
        System.out.println("Saved " + model.saveModel(options.out().resolve("model.keras")));
        return plot;
    }

    /** The test labels as 0-based class indices. */
    int[] testLabels() {
        return raw.test().y().toIntArray();
    }

    @Override
    public void close() {
        for (Tensor t : List.of(xTrain, yTrain, xTest, yTest)) {
            t.close();
        }
        views.forEach(Tensor::close);
        raw.close();
    }
}
