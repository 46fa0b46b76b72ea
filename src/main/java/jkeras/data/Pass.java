package jkeras.data;

/**
 * One run through a source (an epoch): the work of each element, in order. {@link #next} is called
 * by one thread at a time and is cheap (for an iterator source it is the pull itself); the work
 * that makes an element ({@link Task#run}) runs on any producer thread, several at once.
 */
interface Pass<T> extends AutoCloseable {
    /** The next element's work, or null when the pass is over. */
    Task<T> next();

    /** Ends the pass early or at its end; tasks already handed out may still run. */
    @Override
    void close();

    /** The work that makes one element. */
    interface Task<T> {
        T run();

        /** The element will never be made: free what the task holds (an element pulled already). */
        default void discard() {}

        /** A task for an element that already exists. */
        static <T extends Record> Task<T> done(T element) {
            return new Task<>() {
                @Override
                public T run() {
                    return element;
                }

                @Override
                public void discard() {
                    element.close();
                }
            };
        }
    }
}
