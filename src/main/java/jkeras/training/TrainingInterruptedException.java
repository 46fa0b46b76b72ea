package jkeras.training;

/**
 * {@code fit} stopped because the Java thread that called it was interrupted. Training stopped at
 * the end of the batch that was running; the model keeps the weights it had then and stays usable.
 * The thread's interrupt status is left set.
 */
public class TrainingInterruptedException extends jkeras.KerasException {
    private final History history;

    public TrainingInterruptedException(History history) {
        super("training interrupted after " + history.epochCount() + " completed or partial epoch(s): the thread that called fit was interrupted");
        this.history = history;
    }

    /** What was recorded before the interrupt. */
    public History history() {
        return history;
    }
}
