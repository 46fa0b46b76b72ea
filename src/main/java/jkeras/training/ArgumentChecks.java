package jkeras.training;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import jkeras.callbacks.Callback;

/**
 * Checks of fit/evaluate/predict arguments at the setter, where the mistake is made: Keras accepts
 * some silently ({@code validation_split=1.5}, {@code epochs=-3}, {@code batch_size=0}) and reports
 * others far from their cause ({@code batch_size=-13}: "Invalid value in tensor used for shape").
 * Each message names the setter and the value received.
 */
final class ArgumentChecks {
    private ArgumentChecks() {}

    static int positive(String setter, int value, String meaning) {
        if (value <= 0) {
            throw new IllegalArgumentException(setter + " must be a positive " + meaning + "; received " + setter + "=" + value);
        }
        return value;
    }

    static int notNegative(String setter, int value, String meaning) {
        if (value < 0) {
            throw new IllegalArgumentException(setter + " must be 0 or more (" + meaning + "); received " + setter + "=" + value);
        }
        return value;
    }

    static int verbosity(int value) {
        if (value < 0 || value > 2) {
            throw new IllegalArgumentException("verbose must be 0 (silent), 1 (progress bar) or 2 (one line per epoch); received verbose=" + value);
        }
        return value;
    }

    static double fraction(String setter, double value, String meaning) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(setter + " must be a fraction from 0 (included) to 1 (excluded) " + meaning
                    + "; received " + setter + "=" + value);
        }
        return value;
    }

    static Map<Integer, Double> classWeights(Map<Integer, Double> weights) {
        if (weights == null) {
            throw new IllegalArgumentException("classWeight expects a map from class index to weight; received null");
        }
        for (Map.Entry<Integer, Double> entry : weights.entrySet()) {
            Integer label = entry.getKey();
            Double weight = entry.getValue();
            if (label == null || label < 0) {
                throw new IllegalArgumentException("classWeight: class indices are 0 or more; received class " + label + " in classWeight=" + weights);
            }
            if (weight == null || !(weight >= 0) || weight.isInfinite()) {
                throw new IllegalArgumentException("classWeight: a weight must be a finite number, 0 or more; received "
                        + weight + " for class " + label + " in classWeight=" + weights);
            }
        }
        return weights;
    }

    static List<Object> callbacks(String setter, Callback[] callbacks) {
        if (callbacks == null) {
            throw new IllegalArgumentException(setter + " expects callbacks; received null (pass none for no callbacks)");
        }
        return callbacks(setter, Arrays.asList((Object[]) callbacks));
    }

    static List<Object> callbacks(String setter, List<?> callbacks) {
        if (callbacks == null) {
            throw new IllegalArgumentException(setter + " expects a list of callbacks; received null");
        }
        for (int i = 0; i < callbacks.size(); i++) {
            if (callbacks.get(i) == null) {
                throw new IllegalArgumentException(setter + ": callback " + i + " is null; received " + callbacks);
            }
        }
        return List.copyOf(callbacks);
    }
}
