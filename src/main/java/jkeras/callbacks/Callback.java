package jkeras.callbacks;

import jkeras.KerasObject;
import jkeras.runtime.KwArgs;
import jkeras.runtime.PythonObject;

/** A training callback, Keras' own ({@code callbackEarlyStopping(...)}) or one made of Java functions. */
public class Callback extends KerasObject {
    public Callback(PythonObject handle) {
        super(handle);
    }

    /** Instantiates the Python class {@code pythonClass} with {@code args}. */
    public static Callback create(String pythonClass, KwArgs<?> args) {
        return new Callback(PythonObject.construct(pythonClass, args));
    }
}
