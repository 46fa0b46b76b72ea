package jkeras.datasets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jkeras.internal.PythonFunctions;
import jkeras.internal.PythonRuntime;
import jkeras.tensor.Tensor;

/**
 * Keras' datasets through Keras' own loaders, cached under {@code ~/.keras/datasets} (or
 * {@code $KERAS_HOME/datasets}). Downloaded when missing, unless jkeras is offline
 * ({@code -Djkeras.offline=true} or {@code JKERAS_OFFLINE=1}): then a missing dataset is an error
 * naming the files and the folder to put them in, and nothing is downloaded. Fashion-MNIST also
 * comes from Debian's {@code dataset-fashion-mnist} package when the cache has none.
 */
public final class Datasets {
    private Datasets() {}

    /** Whether downloads are refused. */
    public static boolean offline() {
        String property = System.getProperty("jkeras.offline");
        String value = property != null ? property : System.getenv("JKERAS_OFFLINE");
        return value != null && (value.equals("1") || value.equalsIgnoreCase("true"));
    }

    /** An image or table dataset ("mnist", "fashion_mnist", "cifar10", "cifar100", "boston_housing"). */
    public static Dataset load(String name, Map<String, Object> options) {
        List<?> parts = (List<?>) PythonRuntime.get().call(PythonFunctions.DATASETS_LOAD, name, offline(), options);
        return new Dataset(split(parts.get(0)), split(parts.get(1)));
    }

    /** A text dataset of word-index sequences ("imdb", "reuters"). */
    public static SequenceDataset loadSequences(String name, Map<String, Object> options) {
        List<?> parts = (List<?>) PythonRuntime.get().call(PythonFunctions.DATASETS_LOAD, name, offline(), options);
        return new SequenceDataset(sequenceSplit(parts.get(0)), sequenceSplit(parts.get(1)));
    }

    /** Whether {@code name} is in the cache (loads without downloading). */
    public static boolean isCached(String name) {
        return Boolean.TRUE.equals(PythonRuntime.get().call(PythonFunctions.DATASETS_IS_CACHED, name));
    }

    private static Split split(Object pair) {
        List<?> xy = (List<?>) pair;
        return new Split((Tensor) xy.get(0), (Tensor) xy.get(1));
    }

    private static SequenceSplit sequenceSplit(Object pair) {
        List<?> xy = (List<?>) pair;
        List<int[]> sequences = new ArrayList<>();
        for (Object sequence : (List<?>) xy.get(0)) {
            try (Tensor t = (Tensor) sequence) {
                sequences.add(t.toIntArray());
            }
        }
        return new SequenceSplit(sequences, (Tensor) xy.get(1));
    }

    /**
     * Sequences padded (or truncated) to one length, as one int32 tensor [samples, maxlen]
     * (Keras' {@code pad_sequences}: padding and truncating at the start by default).
     */
    public static Tensor padSequences(List<int[]> sequences, int maxlen) {
        if (sequences == null || sequences.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("padSequences(sequences): expected a list of int[] sequences; received "
                    + (sequences == null ? "null" : "a list holding null"));
        }
        if (maxlen <= 0) {
            throw new IllegalArgumentException("padSequences(maxlen): expected a positive length; received maxlen=" + maxlen);
        }
        // One flat tensor and the lengths cross in two calls' worth of work, not one per element.
        long total = sequences.stream().mapToLong(s -> s.length).sum();
        int[] lengths = sequences.stream().mapToInt(s -> s.length).toArray();
        try (Tensor values = Tensor.zeros(jkeras.tensor.DType.INT32, total);
             Tensor lengthTensor = Tensor.of(lengths)) {
            long at = 0;
            for (int[] sequence : sequences) {
                for (int v : sequence) {
                    values.setLong(v, at++);
                }
            }
            return (Tensor) PythonRuntime.get().call(PythonFunctions.DATASETS_PAD_PACKED, values, lengthTensor, Map.of("maxlen", maxlen));
        }
    }
}
