package jkeras.models;

import static jkeras.Keras.kerasModelSequential;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import jkeras.tensor.DType;
import jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Without a terminal (a pipe, a log file, this test), fit prints one line per epoch, no progress bar. */
class FitOutputTest {
    @Test
    void aPipedFitWritesOneLinePerEpochWithoutBackspacesOrCarriageReturns() {
        assertNull(System.console(), "this test needs standard output not to be a terminal");
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (Sequential model = kerasModelSequential(s -> s.inputShape(8)).layerDense(4).layerDense(1);
             Tensor x = Tensor.fromFlatIndex(DType.FLOAT32, new long[] {512, 8}, i -> (i % 13) / 13.0);
             Tensor y = Tensor.fromFlatIndex(DType.FLOAT32, new long[] {512, 1}, i -> i % 2)) {
            model.compile(c -> c.optimizer("sgd").loss("mse"));
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            model.fit(x, y, f -> f.epochs(2).batchSize(16)); // verbose not set: jkeras chooses
        } finally {
            System.setOut(original);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("Epoch 1/2") && text.contains("Epoch 2/2"), text);
        assertFalse(text.contains("\b"), "backspaces in piped output");
        assertFalse(text.contains("\r"), "carriage returns in piped output");
        assertTrue(text.length() < 2_000, "more than a line per epoch: " + text.length() + " characters");
    }
}
