package jkeras.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.arrow.memory.util.MemoryUtil;

/**
 * A few words of memory that Java writes and Python reads between training batches, so that the
 * once-per-batch question "does Java need the Python thread?" costs Python one memory read instead
 * of a JNI call. The JNI call mattered twice: it cost time on every batch, and a JVM exiting while
 * the Python thread sat in it (holding the GIL) could never finish exiting.
 *
 * <p>Python maps the words with ctypes at start-up ({@code jkeras.runtime.start}); Java writes them
 * with volatile stores. A word read a little late only delays the answer by one batch.
 */
final class ControlBlock {
    /** Non-zero when Java wants the Python thread at the next batch boundary: queued calls, a cancel, exit. */
    static final int ATTENTION = 0;
    private static final int WORDS = 4;
    private static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

    // A direct buffer kept for the life of the process: Python holds its address.
    private final ByteBuffer words = ByteBuffer.allocateDirect(WORDS * Integer.BYTES).order(ByteOrder.nativeOrder());

    long address() {
        return MemoryUtil.getByteBufferAddress(words);
    }

    void set(int word, int value) {
        INTS.setVolatile(words, word * Integer.BYTES, value);
    }

    int get(int word) {
        return (int) INTS.getVolatile(words, word * Integer.BYTES);
    }
}
