package jkeras.extending;

import java.util.List;

/** The loss and outputs a train step's forward function returns ({@link TrainStep#loss}). */
public final class StepLoss {
    final Object loss;
    final List<Object> outputs;

    StepLoss(Object loss, List<Object> outputs) {
        this.loss = loss;
        this.outputs = outputs;
    }
}
