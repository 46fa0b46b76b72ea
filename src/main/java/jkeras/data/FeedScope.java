package jkeras.data;

import java.util.ArrayList;
import java.util.List;

/**
 * The feeds one Keras call made from its data-source arguments, closed together when the call
 * returns, so that a source used for one {@code fit} holds nothing afterwards (jkeras' own use:
 * {@code Model.fit(DataSource, ...)} opens one around its call). Feeds made outside a scope are
 * closed with their source.
 */
public final class FeedScope implements AutoCloseable {
    private static final ThreadLocal<FeedScope> CURRENT = new ThreadLocal<>();

    private final FeedScope outer;
    private final List<Feed> feeds = new ArrayList<>();

    private FeedScope(FeedScope outer) {
        this.outer = outer;
    }

    /** Opens a scope on this thread: feeds made by calls on this thread join it until it closes. */
    public static FeedScope open() {
        FeedScope scope = new FeedScope(CURRENT.get());
        CURRENT.set(scope);
        return scope;
    }

    static void register(Feed feed) {
        FeedScope scope = CURRENT.get();
        if (scope != null) {
            scope.feeds.add(feed);
        }
    }

    /** Whether a call in this scope made a feed. */
    public boolean madeFeeds() {
        return !feeds.isEmpty();
    }

    /** Closes the feeds made in the scope (Java lets go; Python frees what it still uses when it lets go). */
    @Override
    public void close() {
        if (CURRENT.get() == this) {
            CURRENT.set(outer);
        }
        for (Feed feed : feeds) {
            feed.close();
        }
        feeds.clear();
    }
}
