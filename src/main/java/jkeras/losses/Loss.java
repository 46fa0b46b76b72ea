package jkeras.losses;

import jkeras.KerasObject;
import jkeras.runtime.KwArgs;
import jkeras.runtime.PythonObject;

/** A loss object: {@code lossCategoricalCrossentropy(l -> l.labelSmoothing(0.1))}. */
public class Loss extends KerasObject {
    public Loss(PythonObject handle) {
        super(handle);
    }

    /** Instantiates the Python class {@code pythonClass} with {@code args}. */
    public static Loss create(String pythonClass, KwArgs<?> args) {
        return new Loss(PythonObject.construct(pythonClass, args));
    }
}
