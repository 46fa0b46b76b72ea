package jkeras;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import jkeras.internal.PythonFunctions;
import jkeras.runtime.PythonObject;

/** A Keras object Java holds: layer, model, optimizer, loss, metric, initializer… */
public abstract class KerasObject extends PythonObject {
    protected KerasObject(PythonObject handle) {
        super(handle);
    }

    /** The Python class, qualified ({@code keras.src.layers.core.dense.Dense}). */
    public String pythonClass() {
        return (String) callOnSelf(PythonFunctions.OBJECTS_CLASS_NAME);
    }

    /** Keras' {@code get_config()} as JSON. */
    public JsonObject getConfig() {
        return JsonParser.parseString((String) callOnSelf(PythonFunctions.OBJECTS_CONFIG_JSON)).getAsJsonObject();
    }
}
