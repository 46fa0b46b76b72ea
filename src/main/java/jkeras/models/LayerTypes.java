package jkeras.models;

import java.util.List;
import jkeras.layers.Layer;
import jkeras.runtime.PythonObject;

/** Layers handed back by Keras are models when they are (nested models). */
final class LayerTypes {
    private LayerTypes() {}

    /** A {@code [kind, object]} pair from {@code jkeras.models:typed} as a Layer, Model or Sequential. */
    static Layer wrap(Object typed) {
        List<?> pair = (List<?>) typed;
        return "layer".equals(pair.get(0)) ? Layer.of(PythonObject.wrap(pair.get(1))) : Model.wrap(pair);
    }
}
