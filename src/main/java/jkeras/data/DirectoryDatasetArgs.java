package jkeras.data;

import java.util.List;
import jkeras.runtime.KwArgs;

/** Options of Keras' {@code image_dataset_from_directory} and {@code text_dataset_from_directory}. */
public final class DirectoryDatasetArgs extends KwArgs<DirectoryDatasetArgs> {
    /** Samples per batch (Keras: 32); null for unbatched samples. */
    public DirectoryDatasetArgs batchSize(Integer batchSize) {
        return put("batch_size", batchSize);
    }

    /** "int" (Keras' default), "categorical", "binary" or null (no labels). */
    public DirectoryDatasetArgs labelMode(String labelMode) {
        return put("label_mode", labelMode);
    }

    /** The class folders to use, in this order (default: every subfolder, sorted). */
    public DirectoryDatasetArgs classNames(List<String> classNames) {
        return put("class_names", classNames);
    }

    /** Images: resized to height × width (Keras: 256 × 256). */
    public DirectoryDatasetArgs imageSize(int height, int width) {
        return put("image_size", List.of(height, width));
    }

    /** Images: "rgb" (default), "grayscale" or "rgba". */
    public DirectoryDatasetArgs colorMode(String colorMode) {
        return put("color_mode", colorMode);
    }

    public DirectoryDatasetArgs shuffle(boolean shuffle) {
        return put("shuffle", shuffle);
    }

    public DirectoryDatasetArgs seed(int seed) {
        return put("seed", seed);
    }

    /** Fraction of the files kept apart for validation (with {@link #subset} and a {@link #seed}). */
    public DirectoryDatasetArgs validationSplit(double fraction) {
        return put("validation_split", fraction);
    }

    /** "training", "validation" or "both" (then the builder returns both). */
    public DirectoryDatasetArgs subset(String subset) {
        return put("subset", subset);
    }

    /** Text: the longest a text is kept, in characters. */
    public DirectoryDatasetArgs maxLength(int maxLength) {
        return put("max_length", maxLength);
    }
}
