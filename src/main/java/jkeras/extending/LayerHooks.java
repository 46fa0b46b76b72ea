package jkeras.extending;

import java.util.Map;

/** The methods of a Java layer or model that its dispatch runs: implemented inside CustomLayer and CustomModel. */
abstract class LayerHooks {
    /** Runs the Java build for {@code shapes} (a Shape or a List of them); false when the class has none. */
    abstract boolean build(Object shapes);

    abstract Object call(Object inputs, Boolean training, Object mask);

    abstract Object computeOutputShape(Object shapes);

    abstract void getConfig(Config config);

    Map<String, Object> trainStep(TrainStep step) {
        throw new UnsupportedOperationException("a layer has no train step");
    }

    Map<String, Object> testStep(TestStep step) {
        throw new UnsupportedOperationException("a layer has no test step");
    }
}
