package jkeras.extending;

import static jkeras.Keras.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import jkeras.layers.KerasTensor;
import jkeras.layers.Layer;
import jkeras.layers.Shape;
import jkeras.runtime.PythonException;
import jkeras.tensor.DType;
import jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** What a caller gets when Java code Keras runs fails: the same exception, or Keras' own message naming the layer. */
class BadInputTest {
    /** Throws from call when Keras traces it for predict or fit (training set), not when it builds (training null). */
    static final class FailingLayer extends CustomLayer {
        RuntimeException thrown;

        @Override
        protected Object call(Object inputs, Boolean training) {
            if (training != null) {
                thrown = new IllegalStateException("no predictions today", new IOException("the disk is full"));
                throw thrown;
            }
            return inputs;
        }
    }

    /** A Java model around the failing layer: the exception crosses two Java calls on its way out. */
    static final class Outer extends CustomModel {
        final FailingLayer inner = new FailingLayer();
        private final Layer out = layerDense(2);

        @Override
        protected Object call(Object inputs) {
            return callLayer(out, callLayer(inner, inputs));
        }
    }

    private static long contexts(Throwable e) {
        return Arrays.stream(e.getSuppressed()).filter(s -> s instanceof PythonException.PythonContext).count();
    }

    @Test
    void aJavaExceptionInCallReachesThePredictAndFitCallersAsItself() {
        Outer model = new Outer();
        model.compile("sgd", "mse");
        try (Tensor x = Tensor.zeros(DType.FLOAT32, 4, 3); Tensor y = Tensor.zeros(DType.FLOAT32, 4, 2)) {
            IllegalStateException predicting = assertThrows(IllegalStateException.class, () -> model.predict(x));
            assertSame(model.inner.thrown, predicting, "the very exception call threw");
            assertInstanceOf(IOException.class, predicting.getCause(), "with its cause");
            assertEquals(1, contexts(predicting), "the Python frames attached once: " + Arrays.toString(predicting.getSuppressed()));
            assertTrue(predicting.getSuppressed()[0].getMessage().contains("predict"), predicting.getSuppressed()[0].getMessage());

            IllegalStateException fitting = assertThrows(IllegalStateException.class, () -> model.fit(x, y, f -> f.verbose(0)));
            assertSame(model.inner.thrown, fitting);
            assertEquals(1, contexts(fitting));
        }
    }

    /** A model whose train step fails at once. */
    static final class FailingStep extends CustomModel {
        private final Layer out = layerDense(2);

        @Override
        protected Object call(Object inputs) {
            return callLayer(out, inputs);
        }

        @Override
        protected Map<String, Object> trainStep(TrainStep step) {
            throw new ArithmeticException("the step diverged");
        }
    }

    @Test
    void aJavaExceptionInTrainStepReachesTheFitCallerAsItself() {
        FailingStep model = new FailingStep();
        model.compile("sgd", "mse");
        try (Tensor x = Tensor.zeros(DType.FLOAT32, 4, 3); Tensor y = Tensor.zeros(DType.FLOAT32, 4, 2)) {
            ArithmeticException e = assertThrows(ArithmeticException.class, () -> model.fit(x, y, f -> f.verbose(0)));
            assertEquals("the step diverged", e.getMessage());
            assertEquals(1, contexts(e));
            assertTrue(e.getStackTrace()[0].getClassName().endsWith("FailingStep"), "its own stack trace: " + e.getStackTrace()[0]);
        }
    }

    /** Builds its kernel for 5 input features whatever the input has: matmul refuses other shapes. */
    static final class Misshapen extends CustomLayer {
        private Weight kernel;

        @Override
        protected void build(Shape inputShape) {
            kernel = addWeight("kernel", shapeOf(5, 3));
        }

        @Override
        protected Object call(Object inputs) {
            return opMatmul(inputs, kernel);
        }
    }

    @Test
    void aShapeErrorInAJavaLayerIsKerasOwnMessageNamingTheLayer() {
        KerasTensor input = kerasInput(784);
        PythonException e = assertThrows(PythonException.class, () -> new Misshapen().apply(input));
        assertTrue(e.isInstanceOf("ValueError"), e.pythonType());
        String message = e.getMessage();
        assertTrue(message.contains("Exception encountered when calling Misshapen.call()"), message);
        assertTrue(message.contains("784") && message.contains("5"), "the shapes: " + message);
        assertTrue(message.contains("(in Java: at jkeras.extending.BadInputTest$Misshapen.call(BadInputTest.java"), "where in Java: " + message);
    }

    @Test
    void aShapeErrorInsideANestedJavaLayerNamesTheInnerLayerOnce() {
        CustomLayer wrapper = new CustomLayer() {
            private final Layer inner = new Misshapen();

            @Override
            protected Object call(Object inputs) {
                return callLayer(inner, inputs);
            }
        };
        PythonException e = assertThrows(PythonException.class, () -> wrapper.apply(kerasInput(7)));
        String message = e.getMessage();
        assertTrue(message.contains("Misshapen.call()"), message);
        assertEquals(message.indexOf("Exception encountered"), message.lastIndexOf("Exception encountered"),
                "one layer context, the innermost: " + message);
    }
}
