package jkeras.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import jkeras.Keras;
import jkeras.internal.PythonRuntime;
import org.junit.jupiter.api.Test;

/** Who frees tensor memory: the owner, a scope, or, as a back-stop, the garbage collector. */
class OwnershipTest {
    @Test
    void aScopeClosesEveryTensorMadeInItIncludingKerasResults() {
        long before = TensorMemory.allocatedBytes();
        Tensor kept;
        Tensor inner;
        TensorScope scope = TensorScope.open("test-scope");
        try (scope) {
            assertSame(scope, TensorScope.current());
            Tensor a = Tensor.zeros(DType.FLOAT32, 100, 100);
            Tensor b = a.div(2);
            inner = b.reshape(10_000);
            // Made on the Python thread for this thread's call: it joins this thread's scope.
            Tensor fromNumpy = (Tensor) ((List<?>) PythonRuntime.get().call("jkeras.selftest:arange", "float32", List.of(50))).get(0);
            kept = scope.detach(Tensor.ones(DType.INT32, 3));
            assertEquals(4, scope.openTensors());
            assertTrue(scope.allocatedBytes() >= 2 * 100 * 100 * 4 + 3 * 4);
            assertFalse(fromNumpy.isClosed());
        }
        assertTrue(inner.isClosed(), "views made in the scope are closed with it");
        assertFalse(kept.isClosed(), "a detached tensor stays open");
        assertEquals(1, kept.getInt(0));
        kept.close();
        assertTrue(scope.isClosed());
        assertEquals(null, TensorScope.current());
        ArrowLeakCheck.settledBytes();
        assertEquals(before, TensorMemory.allocatedBytes());
    }

    @Test
    void scopesNestAndDetachingAStrangerIsAnError() {
        try (TensorScope outer = TensorScope.open(); Tensor own = Tensor.zeros(DType.INT8, 2)) {
            Tensor inOuter = Tensor.zeros(DType.INT8, 1);
            try (TensorScope inner = TensorScope.open()) {
                Tensor inInner = Tensor.zeros(DType.INT8, 1);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> inner.detach(inOuter));
                assertTrue(e.getMessage().contains("was not made in scope"), e.getMessage());
                inner.close();
                assertTrue(inInner.isClosed());
                assertFalse(inOuter.isClosed());
                assertSame(outer, TensorScope.current());
            }
            outer.close();
            assertTrue(inOuter.isClosed());
            assertTrue(own.isClosed(), "made inside the scope, so the scope closed it too");
        }
    }

    @Test
    void anUnreachableTensorIsFreedByTheBackStopWithOneWarning() throws Exception {
        List<String> warnings = leakWarnings(1);
        List<String> about = warnings.stream().filter(m -> m.contains("float32 [123, 45]")).toList();
        assertEquals(1, about.size(), "one warning naming dtype and shape: " + warnings);
        assertTrue(about.get(0).contains("never closed"), about.get(0));
    }

    @Test
    void manyLeaksAreNamedFirstThenSummedUpNotFlooded() throws Exception {
        List<String> warnings = leakWarnings(12);
        assertEquals(6, warnings.size(), "five named, then one line at the tenth: " + warnings);
        assertTrue(warnings.get(5).contains("10 tensors so far"), warnings.get(5));
    }

    /** Leaks {@code count} tensors, lets the garbage collector free them, and returns jkeras' warnings. */
    private static List<String> leakWarnings(int count) throws Exception {
        List<String> warnings = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                synchronized (warnings) {
                    warnings.add(record.getMessage());
                }
            }

            @Override
            public void flush() { }

            @Override
            public void close() { }
        };
        Logger logger = Logger.getLogger("jkeras");
        logger.addHandler(capture);
        try {
            System.gc();
            Thread.sleep(200); // whatever earlier tests left to the collector goes before counting
            TensorLifetime.resetLeakCount();
            synchronized (warnings) {
                warnings.clear();
            }
            long before = TensorMemory.allocatedBytes();
            for (int i = 0; i < count; i++) {
                makeAndForget();
            }
            assertTrue(TensorMemory.allocatedBytes() >= before + 4L * 123 * 45 * count);
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (TensorMemory.allocatedBytes() > before && System.nanoTime() < deadline) {
                System.gc();
                Thread.sleep(50);
            }
            assertEquals(before, TensorMemory.allocatedBytes(), "the garbage collector freed them");
            Thread.sleep(100);
            synchronized (warnings) {
                return new ArrayList<>(warnings);
            }
        } finally {
            logger.removeHandler(capture);
        }
    }

    private static void makeAndForget() {
        Tensor.zeros(DType.FLOAT32, 123, 45);
    }

    @Test
    void aClosedTensorGivenToKerasIsAnIllegalStateExceptionInTheCaller() {
        try (var model = Keras.kerasModelSequential(s -> s.inputShape(3)).layerDense(2)) {
            Tensor x = Tensor.of(new float[] {1, 2, 3}, 1, 3);
            x.close();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> model.predictOnBatch(x));
            assertTrue(e.getMessage().contains("closed") && e.getMessage().contains("[1, 3]"), e.getMessage());
        }
    }

    @Test
    void readsAfterCloseThrowAndCloseDuringReadsNeverFreesMemoryInUse() throws Exception {
        for (int round = 0; round < 20; round++) {
            Tensor t = Tensor.full(DType.FLOAT32, 1, 2_000_000);
            List<Thread> readers = new ArrayList<>();
            List<Throwable> unexpected = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                Thread reader = new Thread(() -> {
                    try {
                        while (true) {
                            float[] values = t.toFloatArray();
                            if (values[values.length - 1] != 1f) {
                                throw new AssertionError("read freed memory: " + values[values.length - 1]);
                            }
                        }
                    } catch (IllegalStateException closed) {
                        // the documented end: the tensor was closed before this read began
                    } catch (Throwable other) {
                        synchronized (unexpected) {
                            unexpected.add(other);
                        }
                    }
                });
                readers.add(reader);
                reader.start();
            }
            Thread.sleep(5);
            t.close();
            for (Thread reader : readers) {
                reader.join(10_000);
                assertFalse(reader.isAlive());
            }
            assertTrue(unexpected.isEmpty(), unexpected.toString());
            IllegalStateException e = assertThrows(IllegalStateException.class, t::toFloatArray);
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
        }
    }
}
