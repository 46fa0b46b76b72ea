package jkeras.extending;

import static jkeras.Keras.*;

import jkeras.layers.Layer;
import jkeras.layers.Shape;

/**
 * The tests' Java custom layer: a dense layer plus a linear projection of its input, the dense part
 * scaled by a trainable scalar. Its Python twin is {@code jkeras.testing.extending_reference.ResidualDense}.
 */
class ResidualDense extends CustomLayer {
    private final int units;
    private final Layer dense;
    private Weight projection;
    private Weight scale;

    ResidualDense(int units) {
        this.units = units;
        this.dense = layerDense(units, d -> d.activation("relu"));
    }

    @Override
    protected void build(Shape inputShape) {
        projection = addWeight("projection", shapeOf(lastDim(inputShape), units), w -> w.initializer("glorot_uniform"));
        scale = addWeight("scale", shapeOf(), w -> w.initializer("ones"));
    }

    @Override
    protected Object call(Object inputs) {
        return opAdd(opMatmul(inputs, projection), opMultiply(scale, callLayer(dense, inputs)));
    }

    @Override
    protected void getConfig(Config config) {
        config.put("units", units);
    }

    static ResidualDense fromConfig(Config config) {
        return new ResidualDense(config.getInt("units"));
    }

    Weight scale() {
        return scale;
    }

    Layer dense() {
        return dense;
    }

    int units() {
        return units;
    }
}
