package jkeras.examples;

import static jkeras.Keras.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jkeras.models.Sequential;
import jkeras.tensor.DType;
import jkeras.tensor.Tensor;
import jkeras.training.History;

/**
 * R keras' CNN tutorial in Java: conv-pool-conv-pool-dropout-flatten-dense on 28×28 images, a
 * validation split of 0.2, the history plot, test accuracy, predicted classes, and a grid of the
 * misclassified test images with their true and predicted labels.
 *
 * <p>Run: {@code scripts/demo cnn [--epochs N] [--out DIR]}.
 */
public final class CnnTutorial {
    private CnnTutorial() {}

    /** The tutorial's model: conv32-pool-conv64-pool-dropout-flatten-dense (tests and the benchmark use it too). */
    public static Sequential model() {
        return kerasModelSequential(s -> s.inputShape(28, 28, 1))
                .layerConv2d(32, 3, c -> c.activation("relu"))
                .layerMaxPooling2d(p -> p.poolSize(2, 2))
                .layerConv2d(64, 3, c -> c.activation("relu"))
                .layerMaxPooling2d(p -> p.poolSize(2, 2))
                .layerDropout(0.25)
                .layerFlatten()
                .layerDense(10, d -> d.activation("softmax"));
    }

    public static void main(String[] args) throws Exception {
        TutorialOptions options = TutorialOptions.parse(args, 5, Path.of("out", "cnn"));
        setRandomSeed(1);
        try (TutorialData data = new TutorialData(false)) {
            System.out.printf("Data: %s, train %s%n", data.name, java.util.Arrays.toString(data.xTrain.shape()));

            Sequential model = model();
            model.printSummary();

            model.compile(c -> c.optimizer("adam").loss("categorical_crossentropy").metrics("accuracy"));
            History history = model.fit(data.xTrain, data.yTrain,
                    f -> f.epochs(options.epochs()).batchSize(128).validationSplit(0.2).verbose(options.verbose()));
            Path plot = TutorialData.report(model, history, data, options);

            int[] predicted = model.predictClasses(data.xTest);
            int[] truth = data.testLabels();
            List<Integer> wrong = new ArrayList<>();
            for (int i = 0; i < truth.length; i++) {
                if (predicted[i] != truth[i]) {
                    wrong.add(i);
                }
            }
            System.out.printf("Misclassified: %d of %d test images%n", wrong.size(), truth.length);

            Path grid = options.out().resolve("misclassified.png");
            int shown = Math.min(wrong.size(), 36);
            try (Tensor images = Tensor.zeros(DType.UINT8, shown, 28, 28)) {
                int[] shownTruth = new int[shown];
                int[] shownGuess = new int[shown];
                for (int k = 0; k < shown; k++) {
                    int i = wrong.get(k);
                    try (Tensor image = data.raw.test().x().row(i)) {
                        for (int p = 0; p < 784; p++) {
                            images.setFlat((long) k * 784 + p, image.getFlat(p));
                        }
                    }
                    shownTruth[k] = truth[i];
                    shownGuess[k] = predicted[i];
                }
                plotImageGrid(images, shownTruth, shownGuess, data.classNames, 6, grid);
            }
            try (Tensor first = data.raw.test().x().row(0)) {
                plotImage(first, options.out().resolve("first-test-image.png"));
            }
            System.out.println("Wrote " + plot + ", " + grid + " and first-test-image.png beside them");
        }
    }
}
