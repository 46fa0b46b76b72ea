package jkeras.extending;

import static jkeras.Keras.*;

/** The tests' Java metric with state: the sum of absolute errors over the samples seen, divided by their number. */
class MeanAbsoluteCount extends CustomMetric {
    private final Weight total = addVariable("total", shapeOf(), null);
    private final Weight count = addVariable("count", shapeOf(), null);

    MeanAbsoluteCount() {
        super(o -> o.name("mean_absolute_count"));
    }

    @Override
    protected void updateState(Object yTrue, Object yPred, Object sampleWeight) {
        Object errors = opSum(opAbs(opSubtract(yTrue, yPred)), s -> s.axis(-1));
        total.assignAdd(opSum(errors));
        count.assignAdd(opSum(opOnesLike(errors)));
    }

    @Override
    protected Object result() {
        return opDivide(total, count);
    }
}
