package jkeras.models;

import jkeras.layers.Layer;
import jkeras.runtime.PythonObject;
import jkeras.runtime.PythonRuntime;

/** Layers handed back by Keras are models when they are (nested models). */
final class LayerTypes {
    private LayerTypes() {}

    static Layer wrap(PythonObject handle) {
        return Boolean.TRUE.equals(PythonRuntime.get().call("jkeras.models:is_model", handle))
                ? Model.wrap(handle) : new Layer(handle);
    }
}
