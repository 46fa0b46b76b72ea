package jkeras.view;

import jkeras.callbacks.JavaCallbacks;

/**
 * What a metrics callback does at each training event: hands the event to its page and returns.
 * Runs on the Python thread, so nothing here waits for the network; each fit the callback
 * serves gets a page of its own.
 */
final class PageFeed {
    private final MetricsServer server;
    private final String title;
    private final int batchInterval;
    private volatile LiveFit page;
    private volatile Integer plannedEpochs;
    private int epoch;
    private int fitsServed;

    PageFeed(MetricsServer server, String title, int batchInterval) {
        this.server = server;
        this.title = title;
        this.batchInterval = batchInterval;
        this.page = server.newFit(title, batchInterval);
        announce();
    }

    LiveFit page() {
        return page;
    }

    /** The {@code epochs} argument of the coming fit, for "epoch 3 of 10". */
    void plan(int lastEpoch) {
        plannedEpochs = lastEpoch;
    }

    void listen(JavaCallbacks events) {
        events.onTrainBegin(e -> trainBegin())
                .onEpochBegin(e -> epoch = e.epoch())
                .onEpochEnd(e -> page.epochEnd(e.epoch(), e.logs()))
                .onTrainEnd(e -> page.trainEnd());
        if (batchInterval > 0) {
            events.onBatchEnd(e -> {
                if ((e.index() + 1) % batchInterval == 0) {
                    page.batchEnd(epoch, e.index(), e.logs());
                }
            });
        }
    }

    private void trainBegin() {
        fitsServed++;
        if (page.used()) {
            page = server.newFit(title + " (" + fitsServed + ")", batchInterval);
            announce();
        }
        Integer planned = plannedEpochs;
        plannedEpochs = null;
        if (planned != null) {
            page.plan(planned);
        }
        page.trainBegin();
    }

    private void announce() {
        System.out.println("jkeras: metrics of " + page.title() + " live at " + page.url());
    }
}
