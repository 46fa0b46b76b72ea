package jkeras.examples;

import static jkeras.Keras.*;

import java.nio.file.Path;
import jkeras.models.Sequential;
import jkeras.training.History;

/**
 * R keras' MLP tutorial in Java: a 784-256-128-64-10 network with dropout, trained with Adam in
 * batches of 128 on Fashion-MNIST (MNIST when Keras has it cached).
 *
 * <p>Run: {@code scripts/demo mlp [--epochs N] [--out DIR]}.
 */
public final class MlpTutorial {
    private MlpTutorial() {}

    /** The tutorial's model: 784-256-128-64-10 with dropout (tests and the benchmark use it too). */
    public static Sequential model() {
        return kerasModelSequential()
                .layerDense(256, d -> d.activation("relu").inputShape(784))
                .layerDropout(0.4)
                .layerDense(128, d -> d.activation("relu"))
                .layerDropout(0.3)
                .layerDense(64, d -> d.activation("relu"))
                .layerDropout(0.2)
                .layerDense(10, d -> d.activation("softmax"));
    }

    public static void main(String[] args) throws Exception {
        TutorialOptions options = TutorialOptions.parse(args, 10, Path.of("out", "mlp"));
        setRandomSeed(1);
        try (TutorialData data = new TutorialData(true)) {
            System.out.printf("Data: %s, train %s, test %s%n", data.name, java.util.Arrays.toString(data.xTrain.shape()),
                    java.util.Arrays.toString(data.xTest.shape()));

            Sequential model = model();
            model.printSummary();

            model.compile(c -> c.optimizer(optimizerAdam()).loss("categorical_crossentropy").metrics("accuracy"));

            History history = model.fit(data.xTrain, data.yTrain,
                    f -> f.epochs(options.epochs()).batchSize(128).validationSplit(0.2).verbose(options.verbose()));
            Path plot = TutorialData.report(model, history, data, options);

            int[] predicted = model.predictClasses(data.xTest);
            int[] truth = data.testLabels();
            System.out.print("First predictions (true label): ");
            for (int i = 0; i < 8; i++) {
                System.out.printf("%s (%s)%s", data.classNames.get(predicted[i]), data.classNames.get(truth[i]),
                        i < 7 ? ", " : System.lineSeparator());
            }
            System.out.println("Wrote " + plot);
        }
    }
}
