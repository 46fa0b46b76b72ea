package jkeras.extending;

import java.util.List;
import java.util.function.Consumer;
import jkeras.layers.Shape;

/** Which build of a Java layer or model runs for the shapes Keras gives. */
final class LayerBuilds {
    private LayerBuilds() {}

    /** Runs the overridden build that fits {@code shapes}; false when the class overrides none. */
    @SuppressWarnings("unchecked")
    static boolean run(Object owner, Class<?> base, Object shapes, Consumer<Shape> one, Consumer<List<Shape>> several) {
        Class<?> type = owner.getClass();
        boolean buildsOne = Shell.overrides(type, base, "build", Shape.class);
        boolean buildsSeveral = Shell.overrides(type, base, "build", List.class);
        if (shapes instanceof Shape shape && buildsOne) {
            one.accept(shape);
            return true;
        }
        if (shapes instanceof List<?> && buildsSeveral) {
            several.accept((List<Shape>) shapes);
            return true;
        }
        if (buildsOne || buildsSeveral) {
            throw new IllegalArgumentException(type.getName() + " was called on " + (shapes instanceof Shape ? "one input " : "several inputs ")
                    + shapes + " but overrides only build(" + (buildsOne ? "Shape" : "List<Shape>") + ")");
        }
        return false;
    }
}
