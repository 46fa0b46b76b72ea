package jkeras.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The Java side of tensors: creation, elements, views, computed copies, lifetime. */
class TensorTest {

    @Test
    void createdFromJavaArraysWithShape() {
        try (Tensor t = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3)) {
            assertEquals(DType.FLOAT32, t.dtype());
            assertArrayEquals(new long[] {2, 3}, t.shape());
            assertEquals(6.0f, t.getFloat(1, 2));
            assertEquals(4.0f, t.getFloat(1, 0));
            assertEquals(24, t.nbytes());
        }
        try (Tensor t = Tensor.of(new float[][] {{1, 2}, {3, 4}, {5, 6}});
             Tensor cube = Tensor.fromArray(new int[][][] {{{1, 2}, {3, 4}}, {{5, 6}, {7, 8}}})) {
            assertArrayEquals(new long[] {3, 2}, t.shape());
            assertEquals(5.0f, t.getFloat(2, 0));
            assertEquals(DType.INT32, cube.dtype());
            assertArrayEquals(new long[] {2, 2, 2}, cube.shape());
            assertEquals(7, cube.getInt(1, 1, 0));
        }
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[] {1, 2, 3}, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> Tensor.fromArray(new float[][] {{1, 2}, {3}}));
    }

    @Test
    void everyDtypeStoresItsValues() {
        try (Tensor d = Tensor.of(new double[] {1.5, -2.25});
             Tensor i = Tensor.of(new int[] {Integer.MIN_VALUE, 7});
             Tensor l = Tensor.of(new long[] {Long.MAX_VALUE, -1});
             Tensor s = Tensor.of(new short[] {-300, 300});
             Tensor b = Tensor.of(new byte[] {-128, 127});
             Tensor u = Tensor.ofUint8(new byte[] {(byte) 255, 0});
             Tensor z = Tensor.of(new boolean[] {true, false});
             Tensor h = Tensor.full(DType.FLOAT16, 0.5, 2)) {
            assertEquals(-2.25, d.getDouble(1));
            assertEquals(Integer.MIN_VALUE, i.getInt(0));
            assertEquals(Long.MAX_VALUE, l.getLong(0));
            assertEquals(-300, s.getInt(0));
            assertEquals(-128, b.getInt(0));
            assertEquals(255, u.getInt(0));
            assertTrue(z.getBoolean(0));
            assertFalse(z.getBoolean(1));
            assertEquals(0.5f, h.getFloat(1));
            assertArrayEquals(new long[] {Long.MAX_VALUE, -1}, l.toLongArray());
            assertArrayEquals(new byte[] {(byte) 255, 0}, u.toByteArray());
        }
    }

    @Test
    void zerosOnesFullAndFunctionsOfTheIndex() {
        try (Tensor z = Tensor.zeros(DType.INT64, 3, 2);
             Tensor o = Tensor.ones(DType.FLOAT64, 4);
             Tensor f = Tensor.fromIndex(DType.FLOAT32, new long[] {2, 3}, ix -> ix[0] * 10 + ix[1]);
             Tensor g = Tensor.fromFlatIndex(DType.INT32, new long[] {5}, i -> i * i)) {
            assertArrayEquals(new long[6], z.toLongArray());
            assertArrayEquals(new double[] {1, 1, 1, 1}, o.toDoubleArray());
            assertArrayEquals(new float[] {0, 1, 2, 10, 11, 12}, f.toFloatArray());
            assertArrayEquals(new int[] {0, 1, 4, 9, 16}, g.toIntArray());
        }
    }

    @Test
    void setAndGetCheckTheIndex() {
        try (Tensor t = Tensor.zeros(DType.FLOAT32, 2, 2)) {
            t.set(3.5, 1, 0);
            assertEquals(3.5f, t.getFloat(1, 0));
            assertEquals(3.5, t.getFlat(2));
            assertThrows(IndexOutOfBoundsException.class, () -> t.getFloat(2, 0));
            assertThrows(IndexOutOfBoundsException.class, () -> t.getFloat(0));
        }
    }

    @Test
    void rowSlicesAndReshapesShareMemory() {
        try (Tensor t = Tensor.fromFlatIndex(DType.FLOAT32, new long[] {4, 3}, i -> i);
             Tensor middle = t.rows(1, 3);
             Tensor second = t.row(1);
             Tensor flat = t.reshape(-1);
             Tensor cube = t.reshape(2, 2, 3)) {
            assertArrayEquals(new long[] {2, 3}, middle.shape());
            assertEquals(t.address() + 3 * 4, middle.address());
            assertEquals(t.address() + 3 * 4, second.address());
            assertEquals(t.address(), flat.address());
            assertArrayEquals(new long[] {12}, flat.shape());
            middle.set(100, 0, 0);
            assertEquals(100f, t.getFloat(1, 0), "a write through a slice shows in the tensor");
            assertEquals(100f, second.getFloat(0));
            assertEquals(100f, cube.getFloat(0, 1, 0));
            assertEquals(11f, cube.getFloat(1, 1, 2));
            assertThrows(IllegalArgumentException.class, () -> t.reshape(5, -1));
        }
    }

    @Test
    void memoryLivesUntilTheLastViewIsClosed() {
        long before = TensorMemory.allocatedBytes();
        Tensor t = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
        Tensor view = t.row(1);
        t.close();
        assertTrue(t.isClosed());
        assertThrows(IllegalStateException.class, () -> t.getFloat(0, 0));
        assertEquals(3f, view.getFloat(0), "the view still reads the memory");
        assertTrue(TensorMemory.allocatedBytes() > before);
        view.close();
        view.close(); // idempotent
        assertEquals(before, TensorMemory.allocatedBytes());
    }

    @Test
    void castScaleAndCopy() {
        try (Tensor pixels = Tensor.ofUint8(new byte[] {0, (byte) 51, (byte) 255});
             Tensor scaled = pixels.div(255);
             Tensor floats = Tensor.of(new float[] {1.9f, -1.9f});
             Tensor asInt = floats.cast(DType.INT32);
             Tensor doubled = scaled.mul(2);
             Tensor copy = scaled.copy()) {
            assertEquals(DType.FLOAT32, scaled.dtype());
            assertArrayEquals(new float[] {0f, 0.2f, 1f}, scaled.toFloatArray(), 1e-7f);
            assertArrayEquals(new int[] {1, -1}, asInt.toIntArray());
            assertEquals(2f, doubled.getFloat(2));
            assertTrue(copy.contentEquals(scaled));
            assertTrue(copy.address() != scaled.address());
        }
    }

    @Test
    void toCategoricalAndArgmaxAreInverse() {
        try (Tensor labels = Tensor.of(new int[] {2, 0, 1, 2});
             Tensor oneHot = labels.oneHot(3);
             Tensor back = oneHot.argmax();
             Tensor column = Tensor.of(new int[] {1, 0}, 2, 1);
             Tensor fromColumn = column.oneHot(2)) {
            assertArrayEquals(new long[] {4, 3}, oneHot.shape());
            assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1}, oneHot.toFloatArray());
            assertEquals(DType.INT64, back.dtype());
            assertArrayEquals(new long[] {2, 0, 1, 2}, back.toLongArray());
            assertArrayEquals(new long[] {2, 2}, fromColumn.shape());
        }
        try (Tensor bad = Tensor.of(new int[] {3})) {
            assertThrows(IllegalArgumentException.class, () -> bad.oneHot(3));
        }
    }

    @Test
    void directBufferIsWrappedWithoutCopy() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(4 * 6).order(ByteOrder.nativeOrder());
        buffer.asFloatBuffer().put(new float[] {1, 2, 3, 4, 5, 6});
        try (Tensor t = Tensor.fromBuffer(buffer, DType.FLOAT32, 3, 2)) {
            assertEquals(6f, t.getFloat(2, 1));
            buffer.putFloat(0, 42f);
            assertEquals(42f, t.getFloat(0, 0), "the tensor reads the buffer's memory");
        }
        assertThrows(IllegalArgumentException.class, () -> Tensor.fromBuffer(ByteBuffer.allocate(8), DType.FLOAT32, 2));
    }

    @Test
    void closingOnAnotherThreadIsSafe() throws Exception {
        long before = TensorMemory.allocatedBytes();
        Tensor t = Tensor.zeros(DType.FLOAT64, 1000);
        Thread closer = new Thread(t::close);
        closer.start();
        closer.join();
        assertEquals(before, TensorMemory.allocatedBytes());
    }

    @Test
    void javaArraysCannotHoldMoreThanTwoBillionElements() {
        // Arrow memory is addressed with longs; Java arrays are not. Refused with the limit named.
        try (Tensor big = Tensor.zeros(DType.UINT8, (1L << 31) + 16)) {
            assertEquals((1L << 31) + 16, big.nbytes());
            big.set(7, (1L << 31) + 15);
            assertEquals(7, big.getInt((1L << 31) + 15));
            IllegalStateException e = assertThrows(IllegalStateException.class, big::toByteArray);
            assertTrue(e.getMessage().contains("does not fit a Java array"), e.getMessage());
            try (Tensor tail = big.rows((1L << 31), (1L << 31) + 16)) {
                assertEquals(7, tail.toByteArray()[15]);
            }
        }
    }

    @Test
    void toStringShowsDtypeShapeAndFirstValues() {
        try (Tensor t = Tensor.of(new int[] {1, 2, 3, 4, 5, 6, 7}, 7)) {
            assertEquals("Tensor(int32 [7]: 1, 2, 3, 4, 5, 6, ...)", t.toString());
        }
    }
}
