package jkeras.examples;

import static jkeras.Keras.*;

import java.nio.file.Path;
import jkeras.runs.RunList;
import jkeras.runs.RunRecord;
import jkeras.runs.TrainingRun;

/**
 * Tracked runs as R's tfruns keeps them: the MLP tutorial trained twice with different dropout,
 * each run recorded in its own folder (flags, model, metrics, plot, evaluation, times, versions),
 * then listed, and compared on a page that names the flag that differs.
 *
 * <p>Run: {@code scripts/demo runs [--epochs N] [--out DIR]} (runs go to {@code out/runs/}).
 */
public final class TrackedRunsDemo {
    private TrackedRunsDemo() {}

    public static void main(String[] args) throws Exception {
        TutorialOptions options = TutorialOptions.parse(args, 3, Path.of("out", "runs"));
        try (TutorialData data = new TutorialData(true)) {
            RunRecord a = trainingRun(options.out(), dict("dropout", 0.2, "units", 256), run -> train(run, data, options));
            RunRecord b = trainingRun(options.out(), dict("dropout", 0.5, "units", 256), run -> train(run, data, options));

            RunList runs = lsRuns(options.out());
            System.out.println("lsRuns(), newest first:");
            System.out.print(runs);
            System.out.println("Best by eval_accuracy: " + runs.orderBy("eval_accuracy").get(0));
            compareRuns(a, b);
        }
    }

    private static void train(TrainingRun run, TutorialData data, TutorialOptions options) {
        setRandomSeed(1);
        var model = kerasModelSequential(s -> s.inputShape(784))
                .layerDense(run.flags().getInt("units"), d -> d.activation("relu"))
                .layerDropout(run.flags().getDouble("dropout"))
                .layerDense(10, d -> d.activation("softmax"));
        model.compile(c -> c.optimizer("adam").loss("categorical_crossentropy").metrics("accuracy"));
        run.fit(model, data.xTrain, data.yTrain, f -> f.epochs(options.epochs()).batchSize(128).validationSplit(0.2).verbose(2));
        run.evaluate(model, data.xTest, data.yTest, e -> e.verbose(0));
        System.out.println("Recorded run " + run.id() + " in " + run.dir());
    }
}
