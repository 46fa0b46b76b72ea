package jkeras.examples;

import static jkeras.Keras.*;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import jkeras.models.Sequential;
import jkeras.training.History;
import jkeras.view.MetricsServer;

/**
 * The MLP tutorial with its metrics drawn live in the browser (R's {@code view_metrics}): open the
 * printed address and watch loss and accuracy, training and validation, grow while {@code fit}
 * runs; the epoch in progress moves every 25 batches.
 *
 * <p>Run: {@code scripts/demo live [--epochs N] [--port N] [--hold SECONDS]}. The page stays up
 * after training until Enter is pressed (on a terminal) or for {@code --hold} seconds.
 */
public final class LiveMetricsDemo {
    private LiveMetricsDemo() {}

    public static void main(String[] args) throws Exception {
        int epochs = 10;
        int holdSeconds = -1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                case "--port" -> System.setProperty("jkeras.view.port", args[++i]);
                case "--hold" -> holdSeconds = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (use --epochs N, --port N, --hold SECONDS)");
            }
        }
        // The server starts before Keras and the data load, so the address can be opened at once.
        System.out.println("Open " + MetricsServer.shared().url() + " : it shows each fit of this program as it trains.");

        setRandomSeed(1);
        try (TutorialData data = new TutorialData(true)) {
            Sequential model = MlpTutorial.model();
            model.compile(c -> c.optimizer(optimizerAdam()).loss("categorical_crossentropy").metrics("accuracy"));
            int lastEpoch = epochs;
            History history = model.fit(data.xTrain, data.yTrain, f -> f.epochs(lastEpoch).batchSize(128).validationSplit(0.2)
                    .verbose(2).callbacks(callbackViewMetrics(v -> v.title("MLP tutorial (Fashion-MNIST)").batchInterval(25))));
            System.out.print(history);
            Map<String, Double> score = model.evaluate(data.xTest, data.yTest, e -> e.verbose(0));
            System.out.printf("Test accuracy: %.4f%n", score.get("accuracy"));
        }
        hold(holdSeconds);
    }

    /** Keeps the program, and so the page, alive: until Enter on a terminal, else for the seconds asked. */
    private static void hold(int seconds) throws Exception {
        if (seconds < 0 && System.console() != null) {
            System.out.println("The page stays at " + MetricsServer.shared().url() + " until you press Enter.");
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        } else if (seconds > 0) {
            System.out.println("The page stays at " + MetricsServer.shared().url() + " for " + seconds + " s.");
            Thread.sleep(seconds * 1000L);
        } else {
            System.out.println("No terminal to wait for Enter on: the page closes now (--hold SECONDS keeps it up).");
        }
    }
}
