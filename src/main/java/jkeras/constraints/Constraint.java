package jkeras.constraints;

import jkeras.KerasObject;
import jkeras.runtime.KwArgs;
import jkeras.runtime.PythonObject;

/** A weight constraint: {@code constraintMaxNorm(c -> c.maxValue(2))}. */
public class Constraint extends KerasObject {
    public Constraint(PythonObject handle) {
        super(handle);
    }

    /** Instantiates the Python class {@code pythonClass} with {@code args}. */
    public static Constraint create(String pythonClass, KwArgs<?> args) {
        return new Constraint(PythonObject.construct(pythonClass, args));
    }
}
