package jkeras.initializers;

import jkeras.KerasObject;
import jkeras.runtime.KwArgs;
import jkeras.runtime.PythonObject;

/** A weight initializer: {@code initializerGlorotUniform(i -> i.seed(1))}. */
public class Initializer extends KerasObject {
    protected Initializer(PythonObject handle) {
        super(handle);
    }

    /**
     * Instantiates the Python class {@code pythonClass} with {@code args}, once it is known to be a
     * Keras initializer (a subclass of Keras' base class, or one Keras exports): nothing else is called.
     */
    public static Initializer create(String pythonClass, KwArgs<?> args) {
        return new Initializer(PythonObject.construct(pythonClass, args, "initializer"));
    }
}
