package jkeras.data;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.MappedByteBuffer;

/**
 * Unmaps a mapped buffer now instead of at garbage collection, so the file pages it made resident
 * leave the process at once: what keeps a file larger than memory streaming in a bounded resident
 * set. Java 17 has no public way; {@code sun.misc.Unsafe.invokeCleaner} (module jdk.unsupported,
 * open to all) is the one the JDK keeps for this. Only ever called on a buffer nothing uses.
 */
final class Unmapper {
    private static final Object UNSAFE;
    private static final Method INVOKE_CLEANER;

    static {
        Object unsafe = null;
        Method cleaner = null;
        try {
            Class<?> type = Class.forName("sun.misc.Unsafe");
            Field field = type.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            unsafe = field.get(null);
            cleaner = type.getMethod("invokeCleaner", java.nio.ByteBuffer.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Without it windows are unmapped by the garbage collector: correct, only less prompt.
        }
        UNSAFE = unsafe;
        INVOKE_CLEANER = cleaner;
    }

    private Unmapper() {}

    static void unmap(java.nio.ByteBuffer buffer) {
        if (INVOKE_CLEANER == null) {
            return;
        }
        try {
            INVOKE_CLEANER.invoke(UNSAFE, buffer);
        } catch (ReflectiveOperationException e) {
            // left to the garbage collector
        }
    }
}
