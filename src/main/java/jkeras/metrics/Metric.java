package jkeras.metrics;

import jkeras.KerasObject;
import jkeras.runtime.KwArgs;
import jkeras.runtime.PythonObject;

/** A metric object: {@code metricAuc()}. */
public class Metric extends KerasObject {
    public Metric(PythonObject handle) {
        super(handle);
    }

    /** Instantiates the Python class {@code pythonClass} with {@code args}. */
    public static Metric create(String pythonClass, KwArgs<?> args) {
        return new Metric(PythonObject.construct(pythonClass, args));
    }
}
