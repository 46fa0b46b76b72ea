package jkeras.reliability;

import static jkeras.Keras.*;
import static jkeras.reliability.Catalogue.accepted;
import static jkeras.reliability.Catalogue.expect;
import static jkeras.reliability.Catalogue.refused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import jkeras.callbacks.Callback;
import jkeras.callbacks.JavaCallbacks;
import jkeras.callbacks.TrainingEvent;
import jkeras.models.Sequential;
import jkeras.runtime.PythonException;
import jkeras.tensor.DType;
import jkeras.tensor.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The bad-input catalogue, Java code that Keras calls: whatever a Java callback throws (a runtime
 * exception, a checked one, an Error such as StackOverflowError) stops fit and reaches fit's caller
 * as that same object, with the Python frames it crossed attached; the model stays usable. Before,
 * it arrived as {@code PythonException[RuntimeError]} with the original lost.
 */
class CallbackCatalogueTest {
    private static Sequential model;
    private static Tensor x;
    private static Tensor y;

    @BeforeAll
    static void build() {
        model = kerasModelSequential(s -> s.inputShape(4)).layerDense(3, d -> d.activation("softmax"));
        model.compile("adam", "sparse_categorical_crossentropy");
        x = Tensor.fromFlatIndex(DType.FLOAT32, new long[] {32, 4}, i -> (i % 5) / 5.0);
        y = Tensor.fromFlatIndex(DType.INT32, new long[] {32}, i -> i % 3);
    }

    @AfterAll
    static void release() {
        x.close();
        y.close();
        model.close();
    }

    /** Fits with {@code handlers} as a Java callback (batches of 8: four per epoch). */
    private static void fitWith(Consumer<JavaCallbacks> handlers) {
        try (Callback callback = callbackLambda(handlers)) {
            model.fit(x, y, f -> f.epochs(2).batchSize(8).verbose(0).callbacks(callback));
        }
    }

    /** The callback throws {@code thrown}: fit must throw that very object; the model then trains and predicts again. */
    private static DynamicTest arrivesAsItself(String where, Throwable thrown, BiFunction<JavaCallbacks, Consumer<TrainingEvent>, JavaCallbacks> on) {
        return accepted(thrown.getClass().getSimpleName() + " thrown in " + where + " reaches fit's caller as itself", () -> {
            Throwable arrived = expect(thrown.getClass(), () -> fitWith(c -> on.apply(c, e -> sneakyThrow(thrown))));
            assertSame(thrown, arrived);
            assertTrue(Arrays.stream(arrived.getSuppressed()).anyMatch(s -> s instanceof PythonException.PythonContext
                    && s.getMessage().contains("jkeras/training.py")), "the Python frames crossed are attached");
            assertEquals(1, model.fit(x, y, f -> f.verbose(0)).epochCount(), "the model trains again");
            try (Tensor p = model.predict(x)) {
                assertArrayEquals(new long[] {32, 3}, p.shape());
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> void sneakyThrow(Throwable thrown) throws E {
        throw (E) thrown;
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    @TestFactory
    List<DynamicTest> failingCallbacks() {
        return List.of(
                arrivesAsItself("onEpochEnd", new IllegalStateException("from onEpochEnd"), JavaCallbacks::onEpochEnd),
                arrivesAsItself("onTrainBegin", new IOException("a checked exception from onTrainBegin"), JavaCallbacks::onTrainBegin),
                arrivesAsItself("onBatchEnd", new AssertionError("an Error from onBatchEnd"), JavaCallbacks::onBatchEnd),
                arrivesAsItself("onBatchBegin", new OutOfMemoryError("simulated, from onBatchBegin"), JavaCallbacks::onBatchBegin),
                arrivesAsItself("onTrainEnd", new UnsupportedOperationException("from onTrainEnd"), JavaCallbacks::onTrainEnd),
                accepted("StackOverflowError in onBatchEnd reaches fit's caller as a StackOverflowError", () -> {
                    expect(StackOverflowError.class, () -> fitWith(c -> c.onBatchEnd(e -> recurse(0))));
                    assertEquals(1, model.fit(x, y, f -> f.verbose(0)).epochCount(), "the model trains again");
                }),
                refused("a jkeras mistake inside a callback reaches fit's caller as itself", IllegalArgumentException.class,
                        () -> fitWith(c -> c.onEpochEnd(e -> model.predict(null))), "predict(x)", "received null"),
                refused("a Keras error inside a callback reaches fit's caller as a PythonException", PythonException.class,
                        () -> fitWith(c -> c.onEpochEnd(e -> {
                            try (Tensor wide = Tensor.zeros(DType.FLOAT32, 1, 9)) {
                                model.predict(wide);
                            }
                        })), "the model takes input of shape (None, 4)", "(1, 9)"),
                accepted("a callback calling Keras on the model being trained runs inline", () -> {
                    List<long[]> shapes = new ArrayList<>();
                    fitWith(c -> c.onEpochEnd(e -> {
                        try (Tensor p = model.predict(x)) {
                            shapes.add(p.shape());
                        }
                    }));
                    assertEquals(2, shapes.size());
                    assertArrayEquals(new long[] {32, 3}, shapes.get(1));
                }),
                accepted("a log that is not there is NaN", () -> {
                    List<Double> missing = new ArrayList<>();
                    fitWith(c -> c.onEpochEnd(e -> missing.add(e.log("val_auc"))));
                    assertTrue(missing.stream().allMatch(v -> v.isNaN()), missing.toString());
                }));
    }
}
