package jkeras.metrics;

import jkeras.KerasObject;
import jkeras.runtime.KwArgs;
import jkeras.runtime.PythonObject;

/** A metric object: {@code metricAuc()}. */
public class Metric extends KerasObject {
    protected Metric(PythonObject handle) {
        super(handle);
    }

    /**
     * Instantiates the Python class {@code pythonClass} with {@code args}, once it is known to be a
     * Keras metric (a subclass of Keras' base class, or one Keras exports): nothing else is called.
     */
    public static Metric create(String pythonClass, KwArgs<?> args) {
        return new Metric(PythonObject.construct(pythonClass, args, "metric"));
    }
}
