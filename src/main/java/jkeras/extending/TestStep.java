package jkeras.extending;

/** One batch of a Java {@code testStep}: {@link #callModel} runs the model with training false. */
public final class TestStep extends Step {
    TestStep(CustomModel model, Object x, Object y, Object sampleWeight) {
        super(model, x, y, sampleWeight, false);
    }
}
