package jkeras.activations;

import jkeras.KerasObject;
import jkeras.internal.PythonFunctions;
import jkeras.internal.PythonRuntime;
import jkeras.runtime.KwArgs;
import jkeras.runtime.PythonObject;

/**
 * An activation function, to give where a layer takes one ({@code activation(activationRelu())});
 * a name ({@code "relu"}) works as well. With arguments ({@code negative_slope}…) it is the function
 * with those arguments bound.
 */
public class Activation extends KerasObject {
    protected Activation(PythonObject handle) {
        super(handle);
    }

    /** The Python function {@code pythonFunction} ({@code "keras.activations.relu"}) with {@code args} bound. */
    public static Activation create(String pythonFunction, KwArgs<?> args) {
        return new Activation(PythonObject.wrap(PythonRuntime.get().call(PythonFunctions.OBJECTS_FUNCTION_REF, pythonFunction, args.toMap(), "activation")));
    }
}
