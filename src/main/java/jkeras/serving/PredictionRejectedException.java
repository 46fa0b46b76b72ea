package jkeras.serving;

import jkeras.KerasException;

/**
 * A request a {@link BatchingPredictor} refused at once, before queuing it: its queue was full
 * (back-pressure: try again later, or send fewer requests at a time), or it was closed. A request
 * still waiting when the predictor closed and its close timeout ran out fails with this too.
 */
public class PredictionRejectedException extends KerasException {
    /** Why the request was refused. */
    public enum Reason {
        /** The queue held {@code queueCapacity} requests already. */
        QUEUE_FULL,
        /** The predictor was closed (or was closing) before the request could run. */
        CLOSED
    }

    private final Reason reason;

    public PredictionRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
