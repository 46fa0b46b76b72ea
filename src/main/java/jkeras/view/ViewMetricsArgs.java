package jkeras.view;

/**
 * Options of the live metrics page: {@code callbackViewMetrics(v -> v.title("mlp").batchInterval(50))}.
 */
public final class ViewMetricsArgs {
    private String title;
    private int batchInterval;

    /** The page's heading (default: the model's name). Shown as text, whatever it contains. */
    public ViewMetricsArgs title(String title) {
        this.title = title;
        return this;
    }

    /**
     * Also update the page every {@code batches} training batches with the running values of the
     * epoch in progress (0, the default: at the end of each epoch only). Each update is one call
     * from Python into Java, so a few per second is plenty.
     */
    public ViewMetricsArgs batchInterval(int batches) {
        if (batches < 0) {
            throw new IllegalArgumentException("batches=" + batches + " must be 0 (epochs only) or more");
        }
        this.batchInterval = batches;
        return this;
    }

    String title() {
        return title;
    }

    int batchInterval() {
        return batchInterval;
    }
}
