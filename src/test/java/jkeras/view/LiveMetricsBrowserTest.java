package jkeras.view;

import static jkeras.Keras.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jkeras.datasets.Dataset;
import jkeras.metrics.Metric;
import jkeras.models.Sequential;
import jkeras.tensor.Tensor;
import jkeras.training.History;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The live metrics page in a real browser (Debian's Chromium, headless) during real fits on
 * Fashion-MNIST: what the page received is compared with the History fit returned.
 * Screenshots are kept under target/view/.
 */
class LiveMetricsBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String STATE = "window.jkerasView.state()";
    /** The page has drawn a finished fit (it renders a moment after an event arrives). */
    private static final String DRAWN_FINISHED = STATE + " && " + STATE + ".status === 'finished'"
            + " && document.getElementById('status').className === 'status finished'";
    private static Chromium browser;
    private static Dataset raw;
    private static Tensor rows;
    private static Tensor flat;
    private static Tensor labels;
    private static Tensor x;
    private static Tensor y;

    @BeforeAll
    static void start() throws Exception {
        browser = Chromium.launchOrSkip();
        raw = datasetFashionMnist();
        rows = raw.train().x().rows(0, 1024);
        flat = arrayReshape(rows, 1024, 784);
        labels = raw.train().y().rows(0, 1024);
        x = flat.div(255);
        y = toCategorical(labels, 10);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        for (AutoCloseable c : new AutoCloseable[] {x, y, labels, flat, rows, raw}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private static Sequential model(Metric... metrics) {
        setRandomSeed(7);
        Sequential model = kerasModelSequential(s -> s.inputShape(784))
                .layerDense(32, d -> d.activation("relu"))
                .layerDense(10, d -> d.activation("softmax"));
        model.compile(c -> c.optimizer("adam").loss("categorical_crossentropy")
                .metrics(metrics.length == 0 ? new Object[] {"accuracy"} : (Object[]) metrics));
        return model;
    }

    @Test
    void epochsArriveLiveInOrderWithTheValuesOfTheReturnedHistory() throws Exception {
        ViewMetricsCallback view = callbackViewMetrics(v -> v.title("browser test").batchInterval(4));
        Chromium.Tab tab = browser.open(view.url().toString());
        tab.waitFor(STATE + " && " + STATE + ".status === 'waiting'", WAIT); // open and listening before training

        History history = model().fit(x, y, f -> f.epochs(3).batchSize(64).validationSplit(0.25).verbose(0).callbacks(view));

        tab.waitFor(DRAWN_FINISHED, WAIT);
        JsonObject state = tab.evaluate(STATE).getAsJsonObject();
        assertSameAsHistory(history, state.getAsJsonArray("epochs"));
        JsonObject stats = tab.evaluate("window.jkerasView.stats").getAsJsonObject();
        assertEquals(1, stats.get("snapshots").getAsInt(), "one snapshot, when the page opened");
        assertEquals(3, stats.get("liveEpochs").getAsInt(), "each epoch arrived as its own event during fit");
        assertTrue(stats.get("liveBatches").getAsInt() >= 3, "batch updates every 4 batches: " + stats);

        assertEquals(List.of("0", "1", "2"), strings(tab.evaluate(
                "Array.from(document.querySelectorAll('#epochs tbody tr')).map(function (r) { return r.dataset.epoch; })")));
        assertEquals(List.of("loss", "accuracy"), strings(tab.evaluate(
                "Array.from(document.querySelectorAll('.u-title')).map(function (t) { return t.textContent; })")));
        assertTrue(tab.evaluate("document.getElementById('status').textContent").getAsString().startsWith("finished: 3 epochs"));
        tab.screenshot(Path.of("target/view/live-metrics.png"));
        assertEquals(List.of(), tab.errors());
        assertEquals(List.of(), strings(tab.evaluate("window.__blocked")));
        tab.close();
    }

    @Test
    void aMetricNamedWithHtmlIsShownAsTextNeverRun() throws Exception {
        String evil = "<img src=x onerror=alert(1)>";
        String evilTitle = "<script>alert(2)</script><b>bold?</b>";
        Sequential model = model(metricCategoricalAccuracy(m -> m.name(evil)));
        ViewMetricsCallback view = callbackViewMetrics(v -> v.title(evilTitle));
        Chromium.Tab tab = browser.open(view.url().toString());
        History history = model.fit(x, y, f -> f.epochs(2).batchSize(128).validationSplit(0.25).verbose(0).callbacks(view));
        assertTrue(history.metrics().containsKey(evil) && history.metrics().containsKey("val_" + evil), "Keras kept the name");

        tab.waitFor(DRAWN_FINISHED, WAIT);
        Thread.sleep(500); // an injected image would have failed to load and fired its handler by now
        assertSameAsHistory(history, tab.evaluate(STATE).getAsJsonObject().getAsJsonArray("epochs"));
        List<String> headings = strings(tab.evaluate(
                "Array.from(document.querySelectorAll('#epochs th')).map(function (t) { return t.textContent; })"));
        assertTrue(headings.contains(evil) && headings.contains("val_" + evil), headings.toString());
        assertTrue(strings(tab.evaluate("Array.from(document.querySelectorAll('.u-title')).map(function (t) { return t.textContent; })"))
                .contains(evil));
        assertEquals(evilTitle, tab.evaluate("document.getElementById('title').textContent").getAsString());
        assertEquals(0, tab.evaluate("document.querySelectorAll('img, b, iframe, object').length").getAsInt());
        assertEquals(3, tab.evaluate("document.scripts.length").getAsInt(), "only the page's own three scripts");
        assertEquals(List.of(), tab.dialogs());
        assertEquals(List.of(), strings(tab.evaluate("window.__blocked")), "nothing even tried to run");
        tab.screenshot(Path.of("target/view/escaped-metric-name.png"));
        tab.close();
    }

    @Test
    void fitsOneAfterAnotherEachGetAPageAndTheFrontPageFollowsTheNewest() throws Exception {
        int before = MetricsServer.shared().fits().size();
        Sequential model = model();
        History first = model.fit(x, y, f -> f.epochs(2).batchSize(128).validationSplit(0.25).verbose(0).viewMetrics(true));
        History second = model.fit(x, y, f -> f.epochs(3).initialEpoch(2).batchSize(128).verbose(0).viewMetrics(true));
        List<LiveFit> fits = MetricsServer.shared().fits();
        assertEquals(before + 2, fits.size());
        LiveFit firstPage = fits.get(before);
        LiveFit secondPage = fits.get(before + 1);

        // Opened after training: a browser arriving late (or reconnecting) gets the whole history.
        Chromium.Tab tab = browser.open(firstPage.url().toString());
        tab.waitFor(DRAWN_FINISHED, WAIT);
        assertSameAsHistory(first, tab.evaluate(STATE).getAsJsonObject().getAsJsonArray("epochs"));
        tab.navigate(MetricsServer.shared().url().toString());
        tab.waitFor("window.jkerasView.shownId() === " + secondPage.id() + " && " + DRAWN_FINISHED, WAIT);
        JsonArray epochs = tab.evaluate(STATE).getAsJsonObject().getAsJsonArray("epochs");
        assertSameAsHistory(second, epochs);
        assertEquals(2, epochs.get(0).getAsJsonObject().get("epoch").getAsInt(), "Keras' epoch numbers, resumed at 2");
        tab.waitFor("document.querySelectorAll('#fits a').length === " + fits.size(), WAIT);
        assertEquals(List.of(), tab.errors());
        tab.close();
    }

    @Test
    void aFinishedHistoryOpensOnTheSamePage() throws Exception {
        History history = model().fit(x, y, f -> f.epochs(3).batchSize(128).validationSplit(0.25).verbose(0));
        Chromium.Tab tab = browser.open(history.view().toString());
        tab.waitFor(DRAWN_FINISHED, WAIT);
        assertSameAsHistory(history, tab.evaluate(STATE).getAsJsonObject().getAsJsonArray("epochs"));
        assertEquals(2, tab.evaluate("document.querySelectorAll('.uplot').length").getAsInt());
        tab.close();
    }

    /** Same epochs, in order, and exactly the same values for every metric. */
    private static void assertSameAsHistory(History history, JsonArray epochs) {
        assertEquals(history.epochCount(), epochs.size());
        for (int i = 0; i < epochs.size(); i++) {
            JsonObject epoch = epochs.get(i).getAsJsonObject();
            assertEquals(history.epochs().get(i), epoch.get("epoch").getAsInt());
            JsonObject logs = epoch.getAsJsonObject("logs");
            for (String name : history.metrics().keySet()) {
                assertEquals(history.metric(name).get(i), logs.get(name).getAsDouble(), 0.0, name + " at epoch " + i);
            }
            assertEquals(history.metrics().size(), logs.size(), "the same metrics: " + logs.keySet());
        }
    }

    private static List<String> strings(JsonElement array) {
        List<String> out = new ArrayList<>();
        array.getAsJsonArray().forEach(e -> out.add(e.getAsString()));
        return out;
    }
}
