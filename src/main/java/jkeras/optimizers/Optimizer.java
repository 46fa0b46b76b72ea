package jkeras.optimizers;

import jkeras.KerasObject;
import jkeras.runtime.KwArgs;
import jkeras.runtime.PythonObject;

/** An optimizer (Adam, RMSprop, SGD…): {@code optimizerAdam(a -> a.learningRate(1e-3))}. */
public class Optimizer extends KerasObject {
    protected Optimizer(PythonObject handle) {
        super(handle);
    }

    /**
     * Instantiates the Python class {@code pythonClass} with {@code args}, once it is known to be a
     * Keras optimizer (a subclass of Keras' base class, or one Keras exports): nothing else is called.
     */
    public static Optimizer create(String pythonClass, KwArgs<?> args) {
        return new Optimizer(PythonObject.construct(pythonClass, args, "optimizer"));
    }
}
