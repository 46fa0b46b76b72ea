package jkeras.data;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The feeds alive, by id: how a source's failure, which reaches Keras as text through a pipe (and
 * through tf.data, which keeps only the text), becomes the source's own exception again for the
 * caller of {@code fit}. Python's error handling ({@code jkeras.data._java_failure}) calls
 * {@link #failure} on the jkeras-python thread.
 */
final class FeedRegistry {
    private static final Map<Long, Feed> FEEDS = new ConcurrentHashMap<>();

    private FeedRegistry() {}

    static void add(Feed feed) {
        FEEDS.put(feed.id, feed);
    }

    static void remove(Feed feed) {
        FEEDS.remove(feed.id, feed);
    }

    /** The exception feed {@code id}'s source failed with (called from Python). */
    public static Throwable failure(long id) {
        Feed feed = FEEDS.get(id);
        return feed != null ? feed.failure() : new IllegalStateException("a jkeras data source failed (feed " + id + ", gone since)");
    }

    /** How many feeds are alive (tests check they all end). */
    static int alive() {
        return FEEDS.size();
    }
}
