package jkeras.constraints;

import jkeras.KerasObject;
import jkeras.runtime.KwArgs;
import jkeras.runtime.PythonObject;

/** A weight constraint: {@code constraintMaxNorm(c -> c.maxValue(2))}. */
public class Constraint extends KerasObject {
    protected Constraint(PythonObject handle) {
        super(handle);
    }

    /**
     * Instantiates the Python class {@code pythonClass} with {@code args}, once it is known to be a
     * Keras constraint (a subclass of Keras' base class, or one Keras exports): nothing else is called.
     */
    public static Constraint create(String pythonClass, KwArgs<?> args) {
        return new Constraint(PythonObject.construct(pythonClass, args, "constraint"));
    }
}
