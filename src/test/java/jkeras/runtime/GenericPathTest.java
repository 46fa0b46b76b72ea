package jkeras.runtime;

import static jkeras.Keras.kerasInput;
import static jkeras.Keras.kerasModel;
import static jkeras.Keras.layerDense;
import static jkeras.Keras.layerNormalization;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import jkeras.layers.Layer;
import jkeras.models.Model;
import jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** callMethod, getAttribute and setAttribute: results a caller may use on any thread, private names refused. */
class GenericPathTest {
    @Test
    void pythonObjectsComeBackAsHandlesUsableFromAnyThread() throws Exception {
        try (Layer normalization = layerNormalization(); Tensor data = Tensor.fromArray(new float[][] {{1, 10}, {3, 30}})) {
            normalization.adapt(data);
            Object mean = normalization.getAttribute("adapt_mean"); // a TensorFlow variable: no Java form
            assertInstanceOf(PythonObject.class, mean);
            try (PythonObject handle = (PythonObject) mean) {
                String described = CompletableFuture.supplyAsync(handle::toString).get(); // another thread
                assertTrue(described.contains("Variable") || described.contains("variable"), described);
            }
        }
        try (Layer dense = layerDense(3)) {
            dense.setAttribute("trainable", false);
            assertEquals(Boolean.FALSE, dense.getAttribute("trainable"));
            assertEquals(List.of(), dense.callMethod("get_weights"), "not built: no weights");
            PythonException e = assertThrows(PythonException.class, () -> dense.getAttribute("__class__"));
            assertTrue(e.getMessage().contains("not a public attribute name"), e.getMessage());
        }
    }

    @Test
    void modelInputsAndOutputsStayTypedSymbolicTensors() {
        var input = kerasInput(4);
        try (Model model = kerasModel(input, input.layerDense(2))) {
            assertEquals(1, model.inputs().size());
            assertEquals(2L, model.outputs().get(0).shape().dims().get(1));
        }
    }
}
