package jkeras.regularizers;

import jkeras.KerasObject;
import jkeras.runtime.KwArgs;
import jkeras.runtime.PythonObject;

/** A weight regularizer: {@code regularizerL2(r -> r.l2(0.01))}. */
public class Regularizer extends KerasObject {
    public Regularizer(PythonObject handle) {
        super(handle);
    }

    /** Instantiates the Python class {@code pythonClass} with {@code args}. */
    public static Regularizer create(String pythonClass, KwArgs<?> args) {
        return new Regularizer(PythonObject.construct(pythonClass, args));
    }
}
