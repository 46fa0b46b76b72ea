package jkeras.view;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import jkeras.KerasObject;

/**
 * The live metrics page's entry points: the callback ({@code callbackViewMetrics}), the fit hook
 * behind {@code fit(x, y, f -> f.viewMetrics(true))}, and pages for finished histories
 * ({@code history.view()}). All pages live on {@link MetricsServer#shared()}.
 */
public final class MetricsView {
    private MetricsView() {}

    /** A callback drawing its fits on the live page; prints the page's address. */
    public static ViewMetricsCallback callback(Consumer<ViewMetricsArgs> args) {
        ViewMetricsArgs options = new ViewMetricsArgs();
        args.accept(options);
        String title = options.title() != null ? options.title() : "fit";
        return ViewMetricsCallback.create(MetricsServer.shared(), title, options.batchInterval());
    }

    /**
     * Called by {@code fit} with its keyword arguments: adds the page's callback when asked (and
     * none is there yet), and tells each page callback how many epochs this fit runs.
     */
    public static Map<String, Object> forFit(KerasObject model, Map<String, Object> kwargs, boolean viewMetrics) {
        Object given = kwargs.get("callbacks");
        List<Object> callbacks = given instanceof List<?> list ? new ArrayList<>(list) : new ArrayList<>();
        if (viewMetrics && callbacks.stream().noneMatch(ViewMetricsCallback.class::isInstance)) {
            String name = modelName(model);
            callbacks.add(callback(v -> v.title(name)));
        }
        if (callbacks.stream().noneMatch(ViewMetricsCallback.class::isInstance)) {
            return kwargs;
        }
        int lastEpoch = kwargs.get("epochs") instanceof Number n ? n.intValue() : 1;
        for (Object c : callbacks) {
            if (c instanceof ViewMetricsCallback page) {
                page.feed().plan(lastEpoch);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>(kwargs);
        out.put("callbacks", callbacks);
        return out;
    }

    /**
     * Marks the pages of a fit that ended by an exception as finished (Keras calls no
     * {@code on_train_end} then); {@code kwargs} are those {@link #forFit} returned.
     */
    public static void fitEnded(Map<String, Object> kwargs) {
        if (kwargs.get("callbacks") instanceof List<?> callbacks) {
            for (Object c : callbacks) {
                if (c instanceof ViewMetricsCallback page) {
                    page.feed().page().trainEnd();
                }
            }
        }
    }

    /** A page showing a finished history (per-epoch values by metric name, Keras' 0-based epochs); its address. */
    public static URI show(String title, List<Integer> epochs, Map<String, List<Double>> metrics) {
        LiveFit page = MetricsServer.shared().newFit(title, 0);
        page.showFinished(epochs, metrics);
        System.out.println("jkeras: " + title + " at " + page.url());
        return page.url();
    }

    private static String modelName(KerasObject model) {
        try {
            return model.getConfig().get("name").getAsString();
        } catch (RuntimeException noName) {
            return "fit";
        }
    }
}
