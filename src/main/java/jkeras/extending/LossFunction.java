package jkeras.extending;

/**
 * A loss written as a Java function: per-sample losses from the targets and the predictions, which
 * Keras then reduces (mean over the batch by default). Made into a Keras loss by
 * {@code lossFunction("my_mse", (yTrue, yPred) -> opMean(opSquare(opSubtract(yTrue, yPred)), m -> m.axis(-1)))}.
 * The arguments are tensor handles; write the body with the ops.
 */
@FunctionalInterface
public interface LossFunction {
    Object call(Object yTrue, Object yPred);
}
