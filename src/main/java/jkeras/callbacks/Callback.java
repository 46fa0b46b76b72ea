package jkeras.callbacks;

import jkeras.KerasObject;
import jkeras.internal.PythonFunctions;
import jkeras.internal.PythonRuntime;
import jkeras.runtime.KwArgs;
import jkeras.runtime.PythonObject;

/** A training callback, Keras' own ({@code callbackEarlyStopping(...)}) or one made of Java functions. */
public class Callback extends KerasObject {
    protected Callback(PythonObject handle) {
        super(handle);
    }

    /**
     * Instantiates the Python class {@code pythonClass} with {@code args}, once it is known to be a
     * Keras callback (a subclass of Keras' base class, or one Keras exports): nothing else is called.
     */
    public static Callback create(String pythonClass, KwArgs<?> args) {
        return new Callback(PythonObject.construct(pythonClass, args, "callback"));
    }

    /** A Keras callback that runs the Java functions of {@code handlers} (what {@code callbackLambda} makes). */
    public static Callback of(JavaCallbacks handlers) {
        return new Callback(PythonObject.wrap(PythonRuntime.get().call(PythonFunctions.TRAINING_JAVA_CALLBACK, new CallbackDispatch(handlers))));
    }
}
