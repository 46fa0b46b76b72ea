package jkeras.losses;

import jkeras.KerasObject;
import jkeras.runtime.KwArgs;
import jkeras.runtime.PythonObject;

/** A loss object: {@code lossCategoricalCrossentropy(l -> l.labelSmoothing(0.1))}. */
public class Loss extends KerasObject {
    protected Loss(PythonObject handle) {
        super(handle);
    }

    /**
     * Instantiates the Python class {@code pythonClass} with {@code args}, once it is known to be a
     * Keras loss (a subclass of Keras' base class, or one Keras exports): nothing else is called.
     */
    public static Loss create(String pythonClass, KwArgs<?> args) {
        return new Loss(PythonObject.construct(pythonClass, args, "loss"));
    }
}
