package jkeras.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.ForeignAllocation;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.memory.util.MemoryUtil;

/**
 * The Arrow memory behind every {@link Tensor}: what jkeras allocates and what it borrows (NumPy
 * arrays, direct buffers), so that {@link #allocatedBytes()} is everything tensors hold. New memory
 * comes from the calling thread's {@link TensorScope} when one is open (an Arrow child allocator),
 * else from the root allocator, which is not part of the API.
 */
public final class TensorMemory {
    private static volatile BufferAllocator root;
    /** Bulk copies go through ByteBuffer views, whose size is an int: copy in chunks of this many bytes. */
    private static final long COPY_CHUNK_BYTES = 1L << 30;
    /**
     * Unclosed tensors are freed by the garbage collector ({@link Tensor}'s back-stop), but off-heap
     * memory does not make the collector run: past this many bytes allocated, allocating asks for a
     * collection (at most once a second), as direct ByteBuffers do.
     */
    private static final long COLLECT_ABOVE_BYTES = Long.getLong("jkeras.tensorMemoryCollectAboveMiB", 1024) << 20;
    private static volatile long collectAbove = COLLECT_ABOVE_BYTES;
    private static volatile long lastCollectNanos;

    private TensorMemory() {}

    /** Bytes held by open tensors, by their views and by Python (NumPy arrays over tensors, tensors over NumPy arrays). */
    public static long allocatedBytes() {
        BufferAllocator made = root;
        return made == null ? 0 : made.getAllocatedMemory();
    }

    /**
     * The root allocator, made on first use once the JVM is known to allow Arrow what it needs: a
     * missing flag is a {@link jkeras.runtime.KerasSetupException} naming it, on every attempt (not
     * an initializer error once, then NoClassDefFoundError).
     */
    static BufferAllocator root() {
        BufferAllocator made = root;
        if (made == null) {
            synchronized (TensorMemory.class) {
                if (root == null) {
                    jkeras.runtime.JvmRequirements.requireArrowAccess();
                    jkeras.runtime.JvmRequirements.quietLoggingWithoutProvider();
                    root = new RootAllocator(Long.MAX_VALUE);
                }
                made = root;
            }
        }
        return made;
    }

    /** Where new memory of the calling thread comes from: its innermost open scope, else the root. */
    private static BufferAllocator current() {
        TensorScope scope = TensorScope.current();
        return scope != null ? scope.allocator() : root();
    }

    /** New memory, zeroed (Arrow's allocator does not clear it). */
    static ArrowBuf allocateZeroed(long bytes) {
        ArrowBuf buf = allocate(bytes);
        if (bytes > 0) {
            MemoryUtil.setMemory(buf.memoryAddress(), bytes, (byte) 0);
        }
        return buf;
    }

    /** New memory whose content the caller fills entirely. */
    static ArrowBuf allocate(long bytes) {
        collectIfMuchIsAllocated();
        return current().buffer(bytes);
    }

    /**
     * Memory that is not ours (NumPy's, a direct buffer's), accounted here; {@code release} runs
     * once, when the last holder (tensor, view, or Python) lets go of it.
     */
    static ArrowBuf borrow(long address, long bytes, Runnable release) {
        return current().wrapForeignAllocation(new ForeignAllocation(bytes, address) {
            @Override
            protected void release0() {
                release.run();
            }
        });
    }

    private static void collectIfMuchIsAllocated() {
        long allocated = root().getAllocatedMemory();
        if (allocated < collectAbove) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastCollectNanos > 1_000_000_000L) {
            lastCollectNanos = now;
            System.gc(); // lets the Cleaner free tensors nobody closed and nobody can reach
        }
        collectAbove = Math.max(COLLECT_ABOVE_BYTES, allocated + allocated / 2);
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
