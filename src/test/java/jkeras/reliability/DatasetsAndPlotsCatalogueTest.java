package jkeras.reliability;

import static jkeras.Keras.*;
import static jkeras.reliability.Catalogue.accepted;
import static jkeras.reliability.Catalogue.refused;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import jkeras.datasets.Datasets;
import jkeras.runtime.PythonException;
import jkeras.tensor.DType;
import jkeras.tensor.Tensor;
import jkeras.training.History;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** The bad-input catalogue, datasets, sequences, images and histories. */
class DatasetsAndPlotsCatalogueTest {
    @TempDir
    static Path dir;

    private static History history() {
        return new History(Map.of("epochs", 2), Map.of("loss", List.of(0.9, 0.5)), List.of(0, 1));
    }

    @TestFactory
    List<DynamicTest> datasets() {
        return List.of(
                // jkeras reported this as a missing dataset ("Put these files in Keras' cache") before.
                refused("datasetCifar100 with a label mode Keras lacks", PythonException.class, () -> datasetCifar100("bogus"),
                        "label_mode", "Received: label_mode=bogus"),
                refused("a dataset not in the cache while offline: the files and the folder named, nothing downloaded",
                        PythonException.class, () -> {
                            assumeFalse(Datasets.isCached("cifar10"), "CIFAR-10 is in this machine's cache");
                            datasetCifar10();
                        }, "jkeras is offline", "cifar-10", "datasets"),
                refused("padSequences(null)", IllegalArgumentException.class, () -> padSequences(null, 3),
                        "padSequences(sequences)", "received null"),
                refused("padSequences of a list holding null", IllegalArgumentException.class,
                        () -> padSequences(Arrays.asList(new int[] {1}, null), 3), "padSequences(sequences)", "holding null"),
                // Keras: "negative dimensions are not allowed", naming no argument.
                refused("padSequences with a negative length", IllegalArgumentException.class,
                        () -> padSequences(List.of(new int[] {1, 2}), -1), "padSequences(maxlen)", "received maxlen=-1"));
    }

    @TestFactory
    List<DynamicTest> images() {
        return List.of(
                refused("plotImage of a vector", IllegalArgumentException.class, () -> {
                    try (Tensor vector = Tensor.zeros(DType.FLOAT32, 4)) {
                        plotImage(vector, dir.resolve("v.png"));
                    }
                }, "[h, w]", "[4]"),
                refused("plotImage(null)", NullPointerException.class, () -> plotImage(null, dir.resolve("n.png")), "\"image\" is null"),
                // jkeras threw ArrayIndexOutOfBoundsException: Index 1 out of bounds for length 1, before.
                refused("plotImageGrid with fewer labels than images", IllegalArgumentException.class, () -> {
                    try (Tensor images = Tensor.zeros(DType.FLOAT32, 2, 4, 4)) {
                        plotImageGrid(images, new int[] {1}, null, List.of("a", "b"), 2, dir.resolve("g.png"));
                    }
                }, "plotImageGrid(labels)", "one per image (2)", "received 1"),
                refused("plotImageGrid with 0 columns", IllegalArgumentException.class, () -> {
                    try (Tensor images = Tensor.zeros(DType.FLOAT32, 2, 4, 4)) {
                        plotImageGrid(images, null, null, List.of(), 0, dir.resolve("g0.png"));
                    }
                }, "plotImageGrid(columns)", "received columns=0"),
                accepted("plotImage into a folder that does not exist yet: made", () -> {
                    try (Tensor image = Tensor.zeros(DType.FLOAT32, 4, 4)) {
                        assertTrue(Files.isRegularFile(plotImage(image, dir.resolve("new/folder/i.png"))));
                    }
                }));
    }

    @TestFactory
    List<DynamicTest> histories() {
        return List.of(
                refused("a metric the history lacks", IllegalArgumentException.class, () -> history().metric("auc"), "auc"),
                // jkeras threw Gson's "java.io.EOFException: End of input at line 1 column 9" before.
                refused("History.fromJson of text that is not JSON", IllegalArgumentException.class, () -> History.fromJson("{garbage"),
                        "History.fromJson(json)", "received \"{garbage\""),
                // jkeras threw a NullPointerException before.
                refused("History.fromJson of JSON that is not a history", IllegalArgumentException.class,
                        () -> History.fromJson("{\"loss\": [1.0]}"), "History.fromJson(json)", "{\"loss\": [1.0]}"));
    }
}
