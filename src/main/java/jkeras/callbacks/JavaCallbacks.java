package jkeras.callbacks;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Java functions run at training events, made into a Keras callback by {@code callbackLambda}:
 * <pre>{@code
 * callbackLambda(c -> c.onEpochEnd(e -> System.out.println(e.epoch() + " " + e.log("val_loss")))
 *                      .onBatchEnd(e -> { if (Double.isNaN(e.log("loss"))) e.stopTraining(); }))
 * }</pre>
 * The functions run on the Python thread, during {@code fit}: they may call Keras (it runs inline),
 * and should be quick; a batch function runs for every batch. An exception a function throws stops
 * {@code fit} and reaches its caller as itself. A function must not wait for another thread's jkeras
 * call: that call could only run on this same Python thread, so it fails after a few seconds
 * (naming the cause) instead of waiting forever.
 */
public final class JavaCallbacks {
    private final Map<String, Consumer<TrainingEvent>> handlers = new HashMap<>();

    public JavaCallbacks onTrainBegin(Consumer<TrainingEvent> handler) {
        return on("train_begin", handler);
    }

    public JavaCallbacks onTrainEnd(Consumer<TrainingEvent> handler) {
        return on("train_end", handler);
    }

    public JavaCallbacks onEpochBegin(Consumer<TrainingEvent> handler) {
        return on("epoch_begin", handler);
    }

    public JavaCallbacks onEpochEnd(Consumer<TrainingEvent> handler) {
        return on("epoch_end", handler);
    }

    /** Before each training batch. */
    public JavaCallbacks onBatchBegin(Consumer<TrainingEvent> handler) {
        return on("train_batch_begin", handler);
    }

    /** After each training batch, with the running loss and metrics of the epoch. */
    public JavaCallbacks onBatchEnd(Consumer<TrainingEvent> handler) {
        return on("train_batch_end", handler);
    }

    private JavaCallbacks on(String event, Consumer<TrainingEvent> handler) {
        handlers.merge(event, handler, Consumer::andThen);
        return this;
    }

    /** Whether this event has a handler (others never cross into Java). */
    boolean wants(String event) {
        return handlers.containsKey(event);
    }

    /** Runs the event's handlers; returns whether one asked to stop training. */
    boolean handle(String event, int index, Map<String, Double> logs) {
        Consumer<TrainingEvent> handler = handlers.get(event);
        if (handler == null) {
            return false;
        }
        TrainingEvent e = new TrainingEvent(event, index, logs);
        handler.accept(e);
        return e.stopRequested();
    }
}
