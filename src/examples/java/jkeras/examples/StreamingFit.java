package jkeras.examples;

import static jkeras.Keras.optimizerAdam;
import static jkeras.Keras.setRandomSeed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import jkeras.data.Batch;
import jkeras.data.DataSource;
import jkeras.data.RecordFile;
import jkeras.models.Sequential;
import jkeras.tensor.Tensor;
import jkeras.training.History;

/**
 * Training from data that streams (scripts/demo stream): the MLP tutorial fed from files of
 * fixed-size records, memory-mapped and handed to Keras without a copy, reshuffled each epoch,
 * made ready by Java producer threads while Keras trains; validated on batches Java code makes.
 */
public final class StreamingFit {
    private StreamingFit() {}

    public static void main(String[] args) throws Exception {
        TutorialOptions options = TutorialOptions.parse(args, 5, Path.of("out", "stream"));
        Files.createDirectories(options.out());
        Path xFile = options.out().resolve("train-x.npy");
        Path yFile = options.out().resolve("train-y.npy");
        setRandomSeed(1);
        try (TutorialData data = new TutorialData(true)) {
            // Stand-ins for a team's data files: NumPy's .npy format (any flat file of fixed-size
            // records works too: RecordFile.of(path, DType.FLOAT32, 784)).
            RecordFile.writeNpy(xFile, data.xTrain);
            RecordFile.writeNpy(yFile, data.yTrain);
            System.out.printf("Wrote %s (%.0f MB) and %s%n", xFile, Files.size(xFile) / 1e6, yFile);

            Sequential model = MlpTutorial.model();
            model.compile(c -> c.optimizer(optimizerAdam()).loss("categorical_crossentropy").metrics("accuracy"));

            try (DataSource<Batch> train = DataSource.fromNpy(xFile, yFile) // rows of x and y, memory-mapped
                         .shuffle(42)                 // a new order each epoch, the same each run
                         .batch(128)
                         .prefetch(8, 2);             // 8 batches ready, made by 2 Java threads
                 DataSource<Batch> validation = DataSource.fromIterable(() -> batchesOf(data.xTest, data.yTest, 500),
                         data.xTest.shape()[0] / 500)) {
                History history = model.fit(train, null,
                        f -> f.epochs(options.epochs()).validationData(validation, null).verbose(options.verbose()));
                System.out.println(history);
                Map<String, Double> test = model.evaluate(validation, null);
                System.out.printf("Test accuracy, streamed: %.4f%n", test.get("accuracy"));
            }
        }
    }

    /** Batches a Java program makes (from a database, a service…): here, slices of two tensors. */
    private static Iterator<Batch> batchesOf(Tensor x, Tensor y, int size) {
        return new Iterator<>() {
            private long row;

            @Override
            public boolean hasNext() {
                return row < x.shape()[0];
            }

            @Override
            public Batch next() {
                long end = Math.min(row + size, x.shape()[0]);
                Batch batch = Batch.of(x.rows(row, end), y.rows(row, end)); // views: no copy; the batch closes them
                row = end;
                return batch;
            }
        };
    }
}
