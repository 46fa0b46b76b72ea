package jkeras.extending;

import java.util.ArrayList;
import java.util.List;
import jkeras.layers.Shape;

/** Shapes for weights, from dimensions Java has as longs. */
final class Shapes {
    private Shapes() {}

    static Shape of(long... dims) {
        List<Object> list = new ArrayList<>(dims.length);
        for (long d : dims) {
            list.add(d);
        }
        return Shape.fromPython(list);
    }

    static long lastDim(Shape shape) {
        if (shape == null || shape.rank() == 0 || shape.dim(shape.rank() - 1) == null) {
            throw new IllegalArgumentException("lastDim(inputShape): expected a shape whose last dimension is known; received " + shape);
        }
        return shape.dim(shape.rank() - 1);
    }
}
