package jkeras.tensor;

/**
 * Tensors over memory jkeras did not allocate and does not free: a memory-mapped file's pages, say.
 * The owner learns through {@code release} when the last holder (the tensor, its views, Python) has
 * let go, and only then may it unmap or reuse the memory. For code that hands such memory to Keras
 * without a copy ({@code jkeras.data}'s record files); a tensor made here behaves as any other.
 */
public final class ExternalMemory {
    private ExternalMemory() {}

    /**
     * A tensor over {@code nbytes} bytes at {@code address}, shaped {@code shape}; {@code release}
     * runs once, on whichever thread lets go last.
     */
    public static Tensor wrap(long address, long nbytes, DType dtype, long[] shape, boolean readOnly, Runnable release) {
        long needed = Tensor.checkedSize(shape) * dtype.byteSize();
        if (needed > nbytes) {
            release.run();
            throw new IllegalArgumentException("shape " + java.util.Arrays.toString(shape) + " of " + dtype.numpyName()
                    + " needs " + needed + " bytes; the memory has " + nbytes);
        }
        return new Tensor(TensorMemory.borrow(address, needed, release), 0, dtype, shape, readOnly);
    }
}
