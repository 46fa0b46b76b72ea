package jkeras.optimizers;

import jkeras.KerasObject;
import jkeras.runtime.KwArgs;
import jkeras.runtime.PythonObject;

/** A learning-rate schedule, given to an optimizer's learning rate. */
public class LearningRateSchedule extends KerasObject {
    protected LearningRateSchedule(PythonObject handle) {
        super(handle);
    }

    /**
     * Instantiates the Python class {@code pythonClass} with {@code args}, once it is known to be a
     * Keras schedule (a subclass of Keras' base class, or one Keras exports): nothing else is called.
     */
    public static LearningRateSchedule create(String pythonClass, KwArgs<?> args) {
        return new LearningRateSchedule(PythonObject.construct(pythonClass, args, "schedule"));
    }
}
