package jkeras.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.ForeignAllocation;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.memory.util.MemoryUtil;

/**
 * The Arrow allocator behind every {@link Tensor}: memory jkeras allocates, and memory it borrows
 * (NumPy arrays, direct buffers), so {@link #allocatedBytes()} is everything tensors hold.
 */
public final class TensorMemory {
    private static final BufferAllocator ROOT = new RootAllocator(Long.MAX_VALUE);
    /** Bulk copies go through ByteBuffer views, whose size is an int: copy in chunks of this many bytes. */
    private static final long COPY_CHUNK_BYTES = 1L << 30;

    private TensorMemory() {}

    /** The allocator all tensors use. */
    public static BufferAllocator allocator() {
        return ROOT;
    }

    /** Bytes held by open tensors and by tensors Python still uses. */
    public static long allocatedBytes() {
        return ROOT.getAllocatedMemory();
    }

    /** New memory, zeroed (Arrow's allocator does not clear it). */
    static ArrowBuf allocateZeroed(long bytes) {
        ArrowBuf buf = ROOT.buffer(bytes);
        if (bytes > 0) {
            MemoryUtil.setMemory(buf.memoryAddress(), bytes, (byte) 0);
        }
        return buf;
    }

    /** New memory whose content the caller fills entirely. */
    static ArrowBuf allocate(long bytes) {
        return ROOT.buffer(bytes);
    }

    /**
     * Memory that is not ours (NumPy's, a direct buffer's), accounted here; {@code release} runs
     * once, when the last tensor over it is closed.
     */
    static ArrowBuf borrow(long address, long bytes, Runnable release) {
        return ROOT.wrapForeignAllocation(new ForeignAllocation(bytes, address) {
            @Override
            protected void release0() {
                release.run();
            }
        });
    }

    /** A native-order ByteBuffer over {@code bytes} bytes at {@code address} (at most 1 GiB). */
    static ByteBuffer view(long address, long bytes) {
        if (bytes > COPY_CHUNK_BYTES) {
            throw new IllegalArgumentException("view larger than one chunk");
        }
        return MemoryUtil.directBuffer(address, (int) bytes).order(ByteOrder.nativeOrder());
    }

    /** Calls {@code copy} for consecutive chunks of a large region: (address, first element, element count). */
    static void inChunks(long address, long elements, int elementBytes, ChunkCopy copy) {
        long perChunk = COPY_CHUNK_BYTES / elementBytes;
        for (long first = 0; first < elements; first += perChunk) {
            long count = Math.min(perChunk, elements - first);
            copy.copy(view(address + first * elementBytes, count * elementBytes), first, (int) count);
        }
    }

    @FunctionalInterface
    interface ChunkCopy {
        void copy(ByteBuffer chunk, long firstElement, int count);
    }
}
