package jkeras.view;

import java.net.URI;
import jkeras.callbacks.Callback;
import jkeras.callbacks.JavaCallbacks;

/**
 * The callback behind the live metrics page ({@code callbackViewMetrics()}, or
 * {@code fit(x, y, f -> f.viewMetrics(true))}): each fit it serves gets a page on the program's
 * {@link MetricsServer}, drawn as epochs end (and every few batches when asked). The page exists
 * as soon as the callback does, so {@link #url()} can be opened before training starts.
 */
public final class ViewMetricsCallback extends Callback {
    private final PageFeed feed;

    private ViewMetricsCallback(Callback handle, PageFeed feed) {
        super(handle);
        this.feed = feed;
    }

    static ViewMetricsCallback create(MetricsServer server, String title, int batchInterval) {
        PageFeed feed = new PageFeed(server, title, batchInterval);
        JavaCallbacks events = new JavaCallbacks();
        feed.listen(events);
        return new ViewMetricsCallback(Callback.of(events), feed);
    }

    /** The page of the fit this callback serves now (or last served). */
    public URI url() {
        return feed.page().url();
    }

    PageFeed feed() {
        return feed;
    }
}
