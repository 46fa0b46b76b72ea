package jkeras.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jkeras.runtime.PythonException;
import jkeras.internal.PythonRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Tensors cross into NumPy and back without a copy: proven by pointer identity. */
class NumpyTransferTest {
    private final PythonRuntime python = PythonRuntime.get();

    private long heldArrays() {
        return ((Number) python.call("jkeras.arrays:kept_count")).longValue();
    }

    @Test
    void numpySeesTheArrowAddress() {
        try (Tensor t = Tensor.fromFlatIndex(DType.FLOAT32, new long[] {3, 4}, i -> i)) {
            List<?> pointer = (List<?>) python.call("jkeras.selftest:pointer_of", t);
            assertEquals(t.address(), ((Number) pointer.get(0)).longValue());
            assertEquals(false, pointer.get(1), "NumPy must not own (have copied) the memory");
            assertEquals(List.of("float32", List.of(3L, 4L), true, true), python.call("jkeras.selftest:describe_array", t));
        }
    }

    @Test
    void slicesAndReshapesCrossAsViewsOfTheSameMemory() {
        try (Tensor t = Tensor.fromFlatIndex(DType.INT32, new long[] {4, 5}, i -> i);
             Tensor rows = t.rows(2, 4);
             Tensor cube = t.reshape(2, 2, 5)) {
            assertEquals(rows.address(), ((Number) ((List<?>) python.call("jkeras.selftest:pointer_of", rows)).get(0)).longValue());
            assertEquals(List.of(10L, 19L, 10L), python.call("jkeras.selftest:first_and_last", rows));
            assertEquals(List.of("int32", List.of(2L, 2L, 5L), true, true), python.call("jkeras.selftest:describe_array", cube));
        }
    }

    @Test
    void javaReceivesNumpysMemory() {
        long heldBefore = heldArrays();
        List<?> made = (List<?>) python.call("jkeras.selftest:arange", "float32", List.of(2, 3));
        try (Tensor t = (Tensor) made.get(0)) {
            assertEquals(((Number) made.get(1)).longValue(), t.address(), "the tensor is NumPy's memory");
            assertArrayEquals(new long[] {2, 3}, t.shape());
            assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, t.toFloatArray());
            assertEquals(heldBefore + 1, heldArrays());
        }
        python.call("jkeras.selftest:collect_garbage");
        assertEquals(heldBefore, heldArrays(), "closing the tensor released the NumPy array");
    }

    @Test
    void aRoundTripComesBackToTheSameMemory() {
        try (Tensor t = Tensor.of(new double[] {1, 2, 3});
             Tensor back = (Tensor) python.call("jkeras.selftest:same", t)) {
            assertEquals(t.address(), back.address(), "Java -> NumPy -> Java without a copy");
            back.set(9, 0);
            assertEquals(9.0, t.getDouble(0));
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void everyDtypeRoundTripsExactly(DType dtype) {
        List<?> made = (List<?>) python.call("jkeras.selftest:arange", dtype.numpyName(), List.of(3, 7));
        try (Tensor fromNumpy = (Tensor) made.get(0);
             Tensor copiedByNumpy = (Tensor) python.call("jkeras.selftest:copy_of", fromNumpy)) {
            assertEquals(dtype, fromNumpy.dtype());
            assertNotEquals(fromNumpy.address(), copiedByNumpy.address());
            assertTrue(fromNumpy.contentEquals(copiedByNumpy), dtype + " values changed crossing twice");
            for (long i = 0; i < fromNumpy.size(); i++) {
                double expected = expectedArange(dtype, i);
                assertEquals(expected, fromNumpy.getFlat(i), dtype + " element " + i);
            }
        }
    }

    private static double expectedArange(DType dtype, long i) {
        if (dtype == DType.BOOL) {
            return i % 2;
        }
        long v = i % 251 - (dtype.numpyName().startsWith("int") ? 100 : 0);
        return v;
    }

    @Test
    void closingATensorPythonStillUsesIsSafe() {
        long before = TensorMemory.allocatedBytes();
        Tensor t = Tensor.full(DType.FLOAT32, 2, 1000);
        python.call("jkeras.selftest:hold", t);
        t.close();
        assertTrue(TensorMemory.allocatedBytes() > before, "Python still holds the memory");
        assertEquals(2000.0, ((Number) python.call("jkeras.selftest:sum_held")).doubleValue(), "Python still reads it");
        python.call("jkeras.selftest:drop_held");
        assertEquals(before, TensorMemory.allocatedBytes(), "freed once Python dropped it too");
    }

    @Test
    void closingOnAnotherThreadReleasesNumpysArray() throws Exception {
        long heldBefore = heldArrays();
        Tensor t = (Tensor) ((List<?>) python.call("jkeras.selftest:arange", "int64", List.of(100))).get(0);
        Thread closer = new Thread(t::close);
        closer.start();
        closer.join();
        python.call("jkeras.selftest:collect_garbage");
        assertEquals(heldBefore, heldArrays());
    }

    @Test
    void aNonContiguousArrayIsCopiedOnce() {
        try (Tensor t = Tensor.fromFlatIndex(DType.FLOAT32, new long[] {2, 4}, i -> i);
             Tensor columns = (Tensor) python.call("jkeras.selftest:every_other_column", t)) {
            assertNotEquals(t.address(), columns.address());
            assertArrayEquals(new long[] {2, 2}, columns.shape());
            assertArrayEquals(new float[] {0, 2, 4, 6}, columns.toFloatArray());
        }
    }

    @Test
    void unsupportedDtypeIsAClearError() {
        PythonException e = assertThrows(PythonException.class,
                () -> python.call("jkeras.selftest:arange", "complex64", List.of(2)));
        assertEquals("TypeError", e.pythonType());
        assertTrue(e.pythonMessage().contains("complex64"), e.pythonMessage());
    }

    @Test
    void emptyAndReadOnlyArrays() {
        try (Tensor empty = (Tensor) ((List<?>) python.call("jkeras.selftest:arange", "float32", List.of(0, 3))).get(0)) {
            assertArrayEquals(new long[] {0, 3}, empty.shape());
            assertEquals(0, empty.size());
        }
        try (Tensor empty = Tensor.zeros(DType.FLOAT32, 0)) {
            assertEquals(List.of("float32", List.of(0L), true, true), python.call("jkeras.selftest:describe_array", empty));
        }
    }

    @Test
    void arraysLargerThanTwoGigabytesCross() {
        long n = (1L << 31) + 1024;
        try (Tensor big = Tensor.zeros(DType.UINT8, n)) {
            big.set(3, n - 1);
            List<?> ends = (List<?>) python.call("jkeras.selftest:first_and_last", big);
            assertEquals(List.of(0L, 3L, n), ends);
            assertEquals(big.address(), ((Number) ((List<?>) python.call("jkeras.selftest:pointer_of", big)).get(0)).longValue());
        }
        assertFalse(TensorMemory.allocatedBytes() > (1L << 31));
    }
}
