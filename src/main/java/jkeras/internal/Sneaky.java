package jkeras.internal;

/** Rethrows any Throwable as itself, checked ones included, where the compiler cannot know them. */
final class Sneaky {
    private Sneaky() {}

    @SuppressWarnings("unchecked")
    static <E extends Throwable> E rethrow(Throwable t) throws E {
        throw (E) t;
    }
}
