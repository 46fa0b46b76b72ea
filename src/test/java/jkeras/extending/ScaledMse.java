package jkeras.extending;

import static jkeras.Keras.*;

/** The tests' Java loss: the mean squared error times a factor of its own. */
class ScaledMse extends CustomLoss {
    private final double scale;

    ScaledMse(double scale) {
        this.scale = scale;
    }

    @Override
    protected Object call(Object yTrue, Object yPred) {
        return opMultiply(scale, opMean(opSquare(opSubtract(yTrue, yPred)), m -> m.axis(-1)));
    }

    @Override
    protected void getConfig(Config config) {
        config.put("scale", scale);
    }

    static ScaledMse fromConfig(Config config) {
        return new ScaledMse(config.getDouble("scale"));
    }
}
