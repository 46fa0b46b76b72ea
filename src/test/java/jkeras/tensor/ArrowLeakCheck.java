package jkeras.tensor;

import jkeras.internal.PythonRuntime;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails any test that leaves tensor memory behind: after each test the Arrow allocator must be back
 * where it was before it, and after each test class at zero. Registered for every test through
 * META-INF/services (JUnit's extension auto-detection).
 *
 * <p>Before checking, Python collects its garbage and the Python thread drains its queue, so memory
 * Python released (NumPy arrays over tensors, tensors over NumPy arrays) is counted as released.
 */
public class ArrowLeakCheck implements BeforeEachCallback, AfterEachCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(ArrowLeakCheck.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NS).put("before", TensorMemory.allocatedBytes());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        long before = context.getStore(NS).get("before", Long.class);
        long after = TensorMemory.allocatedBytes();
        if (after > before) {
            after = settledBytes(); // a Python collection costs ~0.3 s with Keras loaded: only when needed
        }
        if (after > before) {
            throw new AssertionError("Arrow memory leak: " + (after - before) + " bytes still allocated after "
                    + context.getDisplayName() + " (" + before + " before it, " + after + " after)");
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        long after = TensorMemory.allocatedBytes() == 0 ? 0 : settledBytes();
        if (after != 0) {
            throw new AssertionError("Arrow memory leak: " + after + " bytes still allocated after "
                    + context.getDisplayName());
        }
    }

    /** Allocated bytes once Python has released what it no longer uses. */
    static long settledBytes() {
        if (PythonRuntime.isStarted()) {
            PythonRuntime python = PythonRuntime.get();
            python.call("jkeras.selftest:collect_garbage");
            python.call("jkeras.selftest:collect_garbage"); // runs the releases the first one queued
        }
        return TensorMemory.allocatedBytes();
    }
}
