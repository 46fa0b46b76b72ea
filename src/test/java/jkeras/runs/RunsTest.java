package jkeras.runs;

import static jkeras.Keras.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jkeras.datasets.Dataset;
import jkeras.models.Sequential;
import jkeras.tensor.Tensor;
import jkeras.training.History;
import jkeras.view.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tracked runs of real fits on Fashion-MNIST: recorded, listed, compared. */
class RunsTest {
    private static Dataset raw;
    private static Tensor rows;
    private static Tensor flat;
    private static Tensor labels;
    private static Tensor x;
    private static Tensor y;

    @BeforeAll
    static void load() {
        raw = datasetFashionMnist();
        rows = raw.train().x().rows(0, 1024);
        flat = arrayReshape(rows, 1024, 784);
        labels = raw.train().y().rows(0, 1024);
        x = flat.div(255);
        y = toCategorical(labels, 10);
    }

    @AfterAll
    static void close() {
        for (Tensor t : new Tensor[] {x, y, labels, flat, rows}) {
            t.close();
        }
        raw.close();
    }

    /** The body of a run: a model shaped by the flags, fit and evaluated through the run. */
    private static void train(TrainingRun run) {
        setRandomSeed(3);
        Sequential model = kerasModelSequential(s -> s.inputShape(784))
                .layerDense(run.flags().getInt("units"), d -> d.activation("relu"))
                .layerDropout(run.flags().getDouble("dropout"))
                .layerDense(10, d -> d.activation("softmax"));
        model.compile(c -> c.optimizer(run.flags().getString("optimizer")).loss("categorical_crossentropy").metrics("accuracy"));
        run.fit(model, x, y, f -> f.epochs(2).batchSize(128).validationSplit(0.25).verbose(0));
        run.evaluate(model, x, y, e -> e.verbose(0));
    }

    @Test
    void twoRunsWithDifferentFlagsAreRecordedListedInOrderAndCompared(@TempDir Path runsDir) throws Exception {
        RunRecord a = trainingRun(runsDir, dict("units", 16, "dropout", 0.1, "optimizer", "adam"), RunsTest::train);
        RunRecord b = trainingRun(runsDir, dict("units", 16, "dropout", 0.3, "optimizer", "adam"), RunsTest::train);

        for (RunRecord run : List.of(a, b)) {
            Path dir = run.dir();
            assertEquals("completed", run.status());
            assertTrue(Files.readString(dir.resolve("model-summary.txt")).contains("dense"), "the model summary");
            assertTrue(JsonParser.parseString(Files.readString(dir.resolve("model-config.json"))).getAsJsonObject().has("config"));
            History history = run.history().orElseThrow();
            assertEquals(List.of(0, 1), history.epochs());
            assertEquals(List.of("epoch,loss,accuracy,val_loss,val_accuracy"),
                    Files.readAllLines(dir.resolve("metrics.csv")).subList(0, 1));
            assertEquals(3, Files.readAllLines(dir.resolve("metrics.csv")).size());
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'},
                    Arrays.copyOf(Files.readAllBytes(dir.resolve("history.png")), 4));
            assertEquals(java.util.Set.of("loss", "accuracy"), run.evaluation().keySet());
            assertTrue(run.wallSeconds() > 0 && run.cpuSeconds() > 0, "wall " + run.wallSeconds() + ", cpu " + run.cpuSeconds());
            assertEquals(kerasVersion(), run.versions().get("keras"));
            assertFalse(run.versions().getOrDefault("jkeras", "").isEmpty(), run.versions().toString());
            assertEquals("0.1", a.flags().get("dropout"));
        }
        assertEquals(run(a).history().orElseThrow().metric("val_loss"), a.history().orElseThrow().metric("val_loss"));

        RunList listed = lsRuns(runsDir);
        assertEquals(List.of(b.id(), a.id()), ids(listed), "newest first");
        assertEquals(List.of(b.id(), a.id()), ids(listed.orderBy("flag_dropout")));
        assertEquals(List.of(a.id(), b.id()), ids(listed.orderBy("flag_dropout", false)));
        String table = listed.toString();
        assertTrue(table.contains("flag_dropout") && table.contains("eval_accuracy") && table.contains(a.id()), table);
        assertThrows(IllegalArgumentException.class, () -> listed.orderBy("no_such_column"));

        Path page = compareRuns(a, b);
        String html = Files.readString(page);
        assertEquals(List.of("dropout"), differingFlags(html), "the comparison names the flag that differs");
        assertTrue(html.contains("Differs: <strong>dropout</strong>"));
        viewInBrowser(page);
    }

    @Test
    void anUnwritableRunsFolderFailsBeforeTrainingStarts(@TempDir Path tmp) throws Exception {
        Path aFile = Files.writeString(tmp.resolve("not-a-folder"), "x");
        Path runsDir = aFile.resolve("runs");
        AtomicBoolean trained = new AtomicBoolean();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainingRun(runsDir, dict("units", 16), run -> trained.set(true)));
        assertTrue(e.getMessage().contains("runsDir=" + runsDir.toAbsolutePath()) && e.getMessage().contains("nothing was trained"),
                e.getMessage());
        assertFalse(trained.get());
    }

    @Test
    void aFailingRunIsRecordedAsFailedAndItsExceptionComesBackAsItself(@TempDir Path runsDir) {
        IllegalStateException boom = new IllegalStateException("boom before any epoch");
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> trainingRun(runsDir, dict("units", 8), run -> { throw boom; }));
        assertSame(boom, thrown);
        RunRecord failed = lsRuns(runsDir).get(0);
        assertEquals("failed", failed.status());
        assertTrue(failed.error().contains("boom before any epoch"), failed.error());
        assertTrue(failed.history().isEmpty());
    }

    @Test
    void flagsAreNumbersStringsOrBooleansAndReadBackTyped(@TempDir Path runsDir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainingRun(runsDir, dict("layers", List.of(64, 32)), run -> { }));
        assertTrue(e.getMessage().contains("layers"), e.getMessage());
        RunRecord run = trainingRun(runsDir, dict("units", 64, "lr", 0.001, "shuffle", true), r -> {
            assertEquals(64, r.flags().getInt("units"));
            assertEquals(0.001, r.flags().getDouble("lr"));
            assertTrue(r.flags().getBoolean("shuffle"));
            IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> r.flags().getInt("epochs"));
            assertTrue(missing.getMessage().contains("[units, lr, shuffle]"), missing.getMessage());
        });
        assertEquals(Map.of("units", "64", "lr", "0.001", "shuffle", "true"), run.flags());
    }

    private static RunRecord run(RunRecord r) {
        return RunRecord.read(r.dir());
    }

    private static List<String> ids(List<RunRecord> runs) {
        return runs.stream().map(RunRecord::id).toList();
    }

    private static List<String> differingFlags(String html) {
        String flagsTable = html.substring(html.indexOf("<table id=\"flags\">"), html.indexOf("</table>", html.indexOf("<table id=\"flags\">")));
        Matcher m = Pattern.compile("<tr class=\"differs\"><th class=\"label\">([^<]*)</th>").matcher(flagsTable);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** The page opens from disk in a real browser: both runs drawn on each chart, nothing blocked. */
    private static void viewInBrowser(Path page) throws Exception {
        if (Chromium.find().isEmpty()) {
            return; // the browser tests of jkeras.view say why; the runs themselves were checked above
        }
        try (Chromium browser = Chromium.launch(Chromium.find().get())) {
            Chromium.Tab tab = browser.open(page.toUri().toString());
            tab.waitFor("document.querySelectorAll('.uplot').length === 2", java.time.Duration.ofSeconds(30));
            // Per chart: the epoch axis, then A's training and validation, B's training and validation.
            assertEquals(5, tab.evaluate("document.querySelectorAll('.uplot')[0].querySelectorAll('.u-series').length").getAsInt());
            tab.screenshot(Path.of("target/runs/compare-runs.png"));
            assertEquals(List.of(), tab.errors());
            assertEquals(0, tab.evaluate("window.__blocked.length").getAsInt());
        }
    }
}
