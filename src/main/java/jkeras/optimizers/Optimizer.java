package jkeras.optimizers;

import jkeras.KerasObject;
import jkeras.runtime.KwArgs;
import jkeras.runtime.PythonObject;

/** An optimizer (Adam, RMSprop, SGD…): {@code optimizerAdam(a -> a.learningRate(1e-3))}. */
public class Optimizer extends KerasObject {
    public Optimizer(PythonObject handle) {
        super(handle);
    }

    /** Instantiates the Python class {@code pythonClass} with {@code args}. */
    public static Optimizer create(String pythonClass, KwArgs<?> args) {
        return new Optimizer(PythonObject.construct(pythonClass, args));
    }
}
