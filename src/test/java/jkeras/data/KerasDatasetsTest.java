package jkeras.data;

import static jkeras.Keras.datasetFashionMnist;
import static jkeras.Keras.kerasInput;
import static jkeras.Keras.kerasModel;
import static jkeras.Keras.kerasModelSequential;
import static jkeras.Keras.layerTextVectorization;
import static jkeras.Keras.setRandomSeed;
import static jkeras.Keras.shape;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import jkeras.datasets.Dataset;
import jkeras.layers.KerasTensor;
import jkeras.layers.Layer;
import jkeras.models.Model;
import jkeras.models.Sequential;
import jkeras.runtime.PythonObject;
import jkeras.tensor.StringTensor;
import jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keras' own dataset builders from Java, on real data written by the tests: Fashion-MNIST as PNGs, fortunes as text files. */
class KerasDatasetsTest {
    private static final Path FORTUNES = Path.of("/usr/share/games/fortunes");
    private static final List<String> FORTUNE_FILES = List.of("people", "definitions", "computers", "songs-poems");

    @TempDir
    Path dir;

    @Test
    void fashionMnistAsPngFoldersTrainsAbove80PercentInTwoEpochs() throws IOException {
        Path train = dir.resolve("train");
        Path test = dir.resolve("test");
        try (Dataset raw = datasetFashionMnist()) {
            writePngs(raw.train().x(), raw.train().y(), 24000, train);
            writePngs(raw.test().x(), raw.test().y(), 4000, test);
        }
        setRandomSeed(1);
        try (PythonObject training = KerasDatasets.imageDatasetFromDirectory(train, d -> d.imageSize(28, 28).colorMode("grayscale")
                     .batchSize(64).validationSplit(0.1).subset("training").seed(7));
             PythonObject validation = KerasDatasets.imageDatasetFromDirectory(train, d -> d.imageSize(28, 28).colorMode("grayscale")
                     .batchSize(64).validationSplit(0.1).subset("validation").seed(7));
             PythonObject testSet = KerasDatasets.imageDatasetFromDirectory(test, d -> d.imageSize(28, 28).colorMode("grayscale")
                     .batchSize(256).shuffle(false));
             Sequential model = kerasModelSequential()
                     .layerRescaling(1.0 / 255, r -> r.inputShape(28, 28, 1))
                     .layerConv2d(32, 3, c -> c.activation("relu"))
                     .layerMaxPooling2d()
                     .layerFlatten()
                     .layerDense(64, d -> d.activation("relu"))
                     .layerDense(10, d -> d.activation("softmax"))) {
            assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), KerasDatasets.classNames(training));
            model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
            model.fit(training, null, f -> f.epochs(2).validationData(validation, null).verbose(0));
            double accuracy = model.evaluate(testSet, null).get("accuracy");
            System.out.printf("KerasDatasetsTest: Fashion-MNIST from 24,000 PNG files, 2 epochs: test accuracy %.4f (4,000 test PNGs)%n", accuracy);
            assertTrue(accuracy > 0.80, "test accuracy " + accuracy);
        }
    }

    @Test
    void fortunesByFileTrainAClassifierWellAboveTheMajorityClass() throws IOException {
        assumeTrue(Files.isDirectory(FORTUNES) && FORTUNE_FILES.stream().allMatch(f -> Files.exists(FORTUNES.resolve(f))),
                "skipped: Debian's fortunes package is missing (scripts/test installs it as root: apt-get install fortunes)");
        Path corpus = dir.resolve("fortunes");
        List<String> trainingTexts = new ArrayList<>();
        int[] counts = new int[FORTUNE_FILES.size()];
        for (int c = 0; c < FORTUNE_FILES.size(); c++) {
            String name = FORTUNE_FILES.get(c);
            Path folder = Files.createDirectories(corpus.resolve(name));
            String[] fortunes = Files.readString(FORTUNES.resolve(name), StandardCharsets.ISO_8859_1).split("\n%\n");
            for (int i = 0; i < fortunes.length; i++) {
                if (!fortunes[i].isBlank()) {
                    Files.writeString(folder.resolve(i + ".txt"), fortunes[i], StandardCharsets.UTF_8);
                    trainingTexts.add(fortunes[i]);
                    counts[c]++;
                }
            }
        }
        double majority = (double) Arrays.stream(counts).max().getAsInt() / Arrays.stream(counts).sum();
        setRandomSeed(3);
        try (PythonObject training = KerasDatasets.textDatasetFromDirectory(corpus, d -> d.batchSize(32).validationSplit(0.2)
                     .subset("training").seed(11));
             PythonObject validation = KerasDatasets.textDatasetFromDirectory(corpus, d -> d.batchSize(256).validationSplit(0.2)
                     .subset("validation").seed(11));
             StringTensor texts = StringTensor.of(trainingTexts.toArray(String[]::new));
             Layer vectorizer = layerTextVectorization(t -> t.maxTokens(20000).outputMode("tf_idf"))) {
            assertEquals(FORTUNE_FILES.stream().sorted().toList(), KerasDatasets.classNames(training));
            vectorizer.adapt(texts); // the vocabulary, learned from Java's strings
            assertTrue(vectorizer.getVocabulary().size() > 5000, "vocabulary of " + vectorizer.getVocabulary().size());
            KerasTensor input = kerasInput(shape(1), i -> i.dtype("string"));
            KerasTensor hidden = vectorizer.apply(input).layerDense(64, d -> d.activation("relu")).layerDropout(0.5);
            try (Model model = kerasModel(input, hidden.layerDense(FORTUNE_FILES.size(), d -> d.activation("softmax")))) {
                model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
                model.fit(training, null, f -> f.epochs(4).verbose(0));
                Map<String, Double> evaluated = model.evaluate(validation, null);
                double accuracy = evaluated.get("accuracy");
                System.out.printf("KerasDatasetsTest: fortunes %s (%s texts): validation accuracy %.3f, majority class %.3f%n",
                        FORTUNE_FILES, Arrays.toString(counts), accuracy, majority);
                assertTrue(accuracy > majority + 0.2, "accuracy " + accuracy + " against the majority class's " + majority);
            }
        }
    }

    @Test
    void timeseriesWindowsAndBadDirectories() {
        float[][] series = new float[100][1];
        float[] targets = new float[100];
        for (int i = 0; i < 100; i++) {
            series[i][0] = i;
            targets[i] = i;
        }
        try (Tensor data = Tensor.fromArray(series); Tensor target = Tensor.fromArray(targets);
             PythonObject windows = KerasDatasets.timeseriesDatasetFromArray(data, target, 10, t -> t.batchSize(16));
             Sequential model = kerasModelSequential().layerFlatten(f -> f.inputShape(10, 1)).layerDense(1)) {
            model.compile("sgd", "mse");
            assertEquals(1, model.fit(windows, null, f -> f.epochs(1).verbose(0)).metric("loss").size());
            try (Tensor predicted = model.predict(windows)) {
                assertEquals(91, predicted.shape()[0], "100 steps give 91 windows of 10");
            }
        }
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> KerasDatasets.imageDatasetFromDirectory(dir.resolve("nowhere"), d -> { }));
        assertTrue(missing.getMessage().contains("does not exist") && missing.getMessage().contains("nowhere"), missing.getMessage());
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> KerasDatasets.textDatasetFromDirectory(dir, d -> d.subset("both").validationSplit(0.2).seed(1)));
        assertTrue(both.getMessage().contains("subset"), both.getMessage());
    }

    /** The first {@code n} images as 8-bit grayscale PNGs in one folder per label. */
    private static void writePngs(Tensor images, Tensor labels, int n, Path root) throws IOException {
        byte[] pixels;
        int[] classes;
        try (Tensor imageRows = images.rows(0, n); Tensor labelRows = labels.rows(0, n)) {
            pixels = imageRows.toByteArray();
            classes = labelRows.toIntArray();
        }
        for (int c = 0; c < 10; c++) {
            Files.createDirectories(root.resolve(String.valueOf(c)));
        }
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = image.getRaster();
        int[] row = new int[28 * 28];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < row.length; p++) {
                row[p] = pixels[i * row.length + p] & 0xff;
            }
            raster.setPixels(0, 0, 28, 28, row);
            ImageIO.write(image, "png", root.resolve(classes[i] + "/" + i + ".png").toFile());
        }
    }
}
