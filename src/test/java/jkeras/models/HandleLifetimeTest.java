package jkeras.models;

import static jkeras.Keras.kerasModelSequential;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jkeras.internal.PythonRuntime;
import jkeras.layers.Layer;
import org.junit.jupiter.api.Test;

/** Handles to Python objects release them when closed, or when garbage, on the Python thread. */
class HandleLifetimeTest {
    private final PythonRuntime python = PythonRuntime.get();

    private boolean alive(long token) {
        return Boolean.TRUE.equals(python.call("jkeras.selftest:is_alive", token));
    }

    @Test
    void closingAModelLetsPythonFreeIt() {
        Sequential model = kerasModelSequential(s -> s.inputShape(4)).layerDense(3).layerDense(2);
        long token = ((Number) python.call("jkeras.selftest:watch", model)).longValue();
        assertTrue(alive(token));
        model.close();
        model.close(); // idempotent
        assertFalse(alive(token), "Python freed the model once Java let go of it");
        IllegalStateException e = assertThrows(IllegalStateException.class, model::summary);
        assertTrue(e.getMessage().contains("Sequential handle is closed"), e.getMessage());
        assertTrue(model.toString().contains("closed"));
    }

    @Test
    void aLayerHandleClosedDoesNotFreeTheLayerItsModelUses() {
        try (Sequential model = kerasModelSequential(s -> s.inputShape(4)).layerDense(3)) {
            Layer dense = model.getLayer(0);
            long token = ((Number) python.call("jkeras.selftest:watch", dense)).longValue();
            dense.close();
            assertTrue(alive(token), "the model still holds its layer");
            assertTrue(model.countParams() > 0);
        }
    }

    @Test
    void anUnreachableModelHandleIsReleasedAfterGarbageCollection() throws Exception {
        long token = watchedAndForgotten();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (alive(token) && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(50);
        }
        assertFalse(alive(token), "Jep's memory manager released the Python model once the handle was garbage");
    }

    private long watchedAndForgotten() {
        Sequential model = kerasModelSequential(s -> s.inputShape(4)).layerDense(3);
        return ((Number) python.call("jkeras.selftest:watch", model)).longValue();
    }
}
