package jkeras.internal;

/**
 * The base of every handle to a Python object ({@link jkeras.runtime.PythonObject} and through it
 * Model, Layer, Optimizer…): it holds the reference and releases it when closed. Its members are
 * jkeras' own; what a user sees is {@link #close()} and {@link #isClosed()}.
 */
public abstract class PyHandle implements AutoCloseable {
    private final PyRef ref;

    /** A handle over a reference a call returned. */
    protected PyHandle(PyRef ref) {
        if (ref == null) {
            throw new NullPointerException("ref");
        }
        this.ref = ref;
    }

    /** A typed handle over the same reference as {@code other}: closing either closes both. */
    protected PyHandle(PyHandle other) {
        this(other.ref);
    }

    final PyRef ref() {
        return ref;
    }

    /**
     * Releases Java's reference to the Python object, on the Python thread: Python frees the object
     * unless something in Python (a model holding this layer, say) still uses it. Using the handle
     * afterwards throws {@link IllegalStateException}. Idempotent; a handle nobody closes is released
     * once it is garbage.
     */
    @Override
    public void close() {
        ref.close();
    }

    public boolean isClosed() {
        return ref.isClosed();
    }

    /** What the handle is, for messages ("the Model handle"). */
    protected String handleName() {
        return "the " + getClass().getSimpleName() + " handle";
    }
}
