package jkeras.regularizers;

import jkeras.KerasObject;
import jkeras.runtime.KwArgs;
import jkeras.runtime.PythonObject;

/** A weight regularizer: {@code regularizerL2(r -> r.l2(0.01))}. */
public class Regularizer extends KerasObject {
    protected Regularizer(PythonObject handle) {
        super(handle);
    }

    /**
     * Instantiates the Python class {@code pythonClass} with {@code args}, once it is known to be a
     * Keras regularizer (a subclass of Keras' base class, or one Keras exports): nothing else is called.
     */
    public static Regularizer create(String pythonClass, KwArgs<?> args) {
        return new Regularizer(PythonObject.construct(pythonClass, args, "regularizer"));
    }
}
