package jkeras.tensor;

import java.lang.ref.Cleaner;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.ArrowBuf;

/**
 * One tensor's hold on its memory, safe under any interleaving of threads: every read or hand-over
 * takes a hold for its duration ({@link #acquire}/{@link #release}), {@link #close} never frees memory
 * a hold is using (the last hold to end frees it), and nothing can take a hold once closed.
 *
 * <p>It is also the tensor's back-stop: registered with a {@link Cleaner}, it frees the memory of a
 * tensor that became unreachable without being closed and logs one warning saying which (and where
 * it was made, with {@code -Djkeras.tensorLeakTrace=true}). It never refers to its tensor, or the
 * tensor would never become unreachable.
 */
final class TensorLifetime implements Runnable {
    private static final long CLOSED = 1L << 62;
    private static final Cleaner CLEANER = Cleaner.create(runnable -> {
        Thread thread = new Thread(runnable, "jkeras-tensor-cleaner");
        thread.setDaemon(true);
        return thread;
    });
    private static final System.Logger LOG = System.getLogger("jkeras");
    private static final boolean TRACE = Boolean.getBoolean("jkeras.tensorLeakTrace");
    /** Leaks named one by one; after these, one summary line at 10, 100, 1000… leaks, not a flood. */
    private static final int NAMED_LEAKS = 5;
    private static final java.util.concurrent.atomic.AtomicLong LEAKS = new java.util.concurrent.atomic.AtomicLong();

    private final ArrowBuf memory;
    private final DType dtype;
    private final long[] shape;
    private final Throwable origin;
    private final AtomicLong state = new AtomicLong(); // number of holds, plus CLOSED once closed
    private final AtomicBoolean freed = new AtomicBoolean();
    private final Cleaner.Cleanable cleanable;

    TensorLifetime(Tensor tensor, ArrowBuf memory, DType dtype, long[] shape) {
        this.memory = memory;
        this.dtype = dtype;
        this.shape = shape;
        this.origin = TRACE ? new Throwable("the tensor was made here") : null;
        this.cleanable = CLEANER.register(tensor, this);
    }

    /** Takes a hold for one read or hand-over; throws if the tensor is closed. */
    void acquire() {
        while (true) {
            long s = state.get();
            if ((s & CLOSED) != 0) {
                throw new IllegalStateException("the tensor (" + describe() + ") is closed");
            }
            if (state.compareAndSet(s, s + 1)) {
                return;
            }
        }
    }

    /** Ends a hold; the last one after {@link #close} frees the memory. */
    void release() {
        if (state.decrementAndGet() == CLOSED) {
            free();
        }
    }

    /** Closes; frees at once unless a hold is in use. Whether this call closed it. */
    boolean close() {
        while (true) {
            long s = state.get();
            if ((s & CLOSED) != 0) {
                return false;
            }
            if (state.compareAndSet(s, s | CLOSED)) {
                if (s == 0) {
                    free();
                }
                return true;
            }
        }
    }

    /** {@link #close()} by the owner: also takes the tensor off the Cleaner's list. */
    void closeByOwner() {
        if (close()) {
            cleanable.clean(); // runs run(), which finds it closed and says nothing
        }
    }

    boolean isClosed() {
        return (state.get() & CLOSED) != 0;
    }

    private void free() {
        if (freed.compareAndSet(false, true)) {
            memory.getReferenceManager().release();
        }
    }

    /** The Cleaner's action: the tensor is unreachable; if nobody closed it, free it and say so. */
    @Override
    public void run() {
        if (close()) {
            long leaks = LEAKS.incrementAndGet();
            if (leaks <= NAMED_LEAKS) {
                String message = "jkeras: a tensor (" + describe() + ") was never closed; the garbage collector freed it."
                        + " Close tensors (try-with-resources) or make them inside a TensorScope."
                        + (origin == null ? " Run with -Djkeras.tensorLeakTrace=true to see where it was made." : "");
                LOG.log(System.Logger.Level.WARNING, message, origin);
            } else if (isPowerOfTen(leaks)) {
                LOG.log(System.Logger.Level.WARNING, "jkeras: " + leaks + " tensors so far were never closed and freed by the"
                        + " garbage collector (the latest: " + describe() + "); the first " + NAMED_LEAKS + " were named above.");
            }
        }
    }

    /** Starts the count of leaks again (tests). */
    static void resetLeakCount() {
        LEAKS.set(0);
    }

    private static boolean isPowerOfTen(long n) {
        while (n >= 10 && n % 10 == 0) {
            n /= 10;
        }
        return n == 1;
    }

    String describe() {
        return dtype.numpyName() + " " + Arrays.toString(shape);
    }
}
