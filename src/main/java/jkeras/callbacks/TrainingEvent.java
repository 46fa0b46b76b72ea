package jkeras.callbacks;

import java.util.Map;

/**
 * One training event given to a Java callback: which epoch or batch, Keras' logs at that point
 * (loss and metrics, as Java doubles), and a way to stop training.
 */
public final class TrainingEvent {
    private final String kind;
    private final int index;
    private final Map<String, Double> logs;
    private boolean stopRequested;

    TrainingEvent(String kind, int index, Map<String, Double> logs) {
        this.kind = kind;
        this.index = index;
        this.logs = Map.copyOf(logs);
    }

    /** "epoch_end", "train_batch_begin"… */
    public String kind() {
        return kind;
    }

    /** The epoch (epoch events) or batch within the epoch (batch events), 0-based; -1 for train begin/end. */
    public int index() {
        return index;
    }

    /** Same as {@link #index()}, for epoch events. */
    public int epoch() {
        return index;
    }

    /** Keras' logs: "loss", "accuracy", "val_loss"… (empty at begin events). */
    public Map<String, Double> logs() {
        return logs;
    }

    /** The value of one log entry, or NaN if absent. */
    public double log(String name) {
        return logs.getOrDefault(name, Double.NaN);
    }

    /** Stops training after this event (at the end of the current batch or epoch). */
    public void stopTraining() {
        stopRequested = true;
    }

    boolean stopRequested() {
        return stopRequested;
    }
}
