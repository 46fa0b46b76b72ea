package jkeras.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import jkeras.internal.PythonFunctions;
import jkeras.internal.PythonRuntime;
import jkeras.runtime.PythonObject;

/**
 * Keras' own dataset builders, run by their Python implementations: each returns a handle to a
 * {@code tf.data.Dataset} that {@code fit}, {@code evaluate} and {@code predict} take as {@code x}
 * (with y null). Close the handle when done.
 * <pre>{@code
 * try (PythonObject train = KerasDatasets.imageDatasetFromDirectory(dir, d -> d.imageSize(28, 28)
 *          .colorMode("grayscale").validationSplit(0.2).subset("training").seed(1))) {
 *     model.fit(train, null, f -> f.epochs(2));
 * }
 * }</pre>
 */
public final class KerasDatasets {
    private KerasDatasets() {}

    /**
     * Images in one folder per class ({@code keras.utils.image_dataset_from_directory}): batches of
     * (images, labels). For a validation split, make two datasets with {@code subset("training")}
     * and {@code subset("validation")} and the same seed.
     */
    public static PythonObject imageDatasetFromDirectory(Path directory, Consumer<DirectoryDatasetArgs> args) {
        return fromDirectory(PythonFunctions.DATASETS_IMAGE_DATASET_FROM_DIRECTORY, "imageDatasetFromDirectory", directory, args);
    }

    /** Text files in one folder per class ({@code keras.utils.text_dataset_from_directory}): batches of (strings, labels). */
    public static PythonObject textDatasetFromDirectory(Path directory, Consumer<DirectoryDatasetArgs> args) {
        return fromDirectory(PythonFunctions.DATASETS_TEXT_DATASET_FROM_DIRECTORY, "textDatasetFromDirectory", directory, args);
    }

    /**
     * Windows of {@code sequenceLength} steps over the rows of {@code data}
     * ({@code keras.utils.timeseries_dataset_from_array}), each with the target of its first step
     * ({@code targets}, or null for inputs only).
     */
    public static PythonObject timeseriesDatasetFromArray(Object data, Object targets, int sequenceLength, Consumer<TimeseriesArgs> args) {
        if (sequenceLength < 1) {
            throw new IllegalArgumentException("timeseriesDatasetFromArray(sequenceLength): expected at least 1; received " + sequenceLength);
        }
        TimeseriesArgs options = new TimeseriesArgs();
        args.accept(options);
        return PythonObject.wrap(PythonRuntime.get().call(PythonFunctions.DATASETS_TIMESERIES_DATASET_FROM_ARRAY, data, targets,
                sequenceLength, options.toMap()));
    }

    /** The class names a directory builder found (its subfolders, in label order). */
    @SuppressWarnings("unchecked")
    public static List<String> classNames(PythonObject dataset) {
        return (List<String>) dataset.getAttribute("class_names");
    }

    private static PythonObject fromDirectory(String function, String method, Path directory, Consumer<DirectoryDatasetArgs> args) {
        if (directory == null || !Files.isDirectory(directory)) {
            throw new IllegalArgumentException(method + "(directory): expected a folder with one subfolder per class; received "
                    + (directory == null ? "null" : "\"" + directory + "\"" + (Files.exists(directory) ? " (not a folder)" : " (does not exist)")));
        }
        DirectoryDatasetArgs options = new DirectoryDatasetArgs();
        args.accept(options);
        if ("both".equals(options.toMap().get("subset"))) {
            throw new IllegalArgumentException(method + "(subset): \"both\" gives two datasets; make one with subset(\"training\")"
                    + " and one with subset(\"validation\"), with the same seed");
        }
        return PythonObject.wrap(PythonRuntime.get().call(function, directory.toString(), options.toMap()));
    }
}
