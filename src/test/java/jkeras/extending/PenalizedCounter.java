package jkeras.extending;

import static jkeras.Keras.*;

import java.util.Map;
import jkeras.layers.Layer;

/**
 * The tests' Java model with its own train step: the loss plus an L2 penalty of the hidden kernel,
 * the penalty in the logs, the steps counted in a non-trainable weight; its test step is the base
 * class's (Keras' own, in Java). Its Python twin is
 * {@code jkeras.testing.extending_reference.PenalizedCounter}.
 */
class PenalizedCounter extends CustomModel {
    private final double penalty;
    private final Layer hidden = layerDense(32, d -> d.activation("relu"));
    private final Layer out = layerDense(10, d -> d.activation("softmax"));
    private final Weight steps = addWeight("steps", shapeOf(), w -> w.initializer("zeros").trainable(false));

    PenalizedCounter(double penalty) {
        this.penalty = penalty;
    }

    @Override
    protected Object call(Object inputs) {
        return callLayer(out, callLayer(hidden, inputs));
    }

    @Override
    protected Map<String, Object> trainStep(TrainStep step) {
        Gradients g = step.gradients(() -> {
            Object yPred = step.callModel(step.x());   // builds the layers on the first trace
            Object term = opMultiply(penalty, opSum(opSquare(Weight.of(hidden, "kernel"))));
            return step.loss(opAdd(step.computeLoss(yPred), term), yPred, term);
        });
        step.applyGradients(g);
        steps.assignAdd(1.0);
        Map<String, Object> logs = step.updateMetrics(g.loss(), g.output(0));
        logs.put("penalty", g.output(1));
        return logs;
    }

    /** Keras' own test step, as the base class writes it in Java: evaluate must equal the twin's default one. */
    @Override
    protected Map<String, Object> testStep(TestStep step) {
        return super.testStep(step);
    }

    @Override
    protected void getConfig(Config config) {
        config.put("penalty", penalty);
    }

    static PenalizedCounter fromConfig(Config config) {
        return new PenalizedCounter(config.getDouble("penalty"));
    }

    Weight steps() {
        return steps;
    }
}
