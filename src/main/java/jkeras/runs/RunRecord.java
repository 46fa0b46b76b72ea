package jkeras.runs;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jkeras.training.History;

/**
 * A recorded run, as read from its folder: flags, status, times, versions, the history of its
 * fit and its evaluation. Its {@link #columns()} are what {@code lsRuns()} shows and sorts by:
 * {@code flag_<name>}, {@code metric_<name>} (the last epoch's value), {@code eval_<name>},
 * {@code epochs}, {@code wall_seconds}, {@code cpu_seconds}.
 */
public final class RunRecord {
    private final Path dir;
    private final JsonObject meta;
    private final Map<String, String> flags;
    private final Map<String, Double> evaluation;
    private final History history;

    private RunRecord(Path dir, JsonObject meta, Map<String, String> flags, Map<String, Double> evaluation, History history) {
        this.dir = dir;
        this.meta = meta;
        this.flags = flags;
        this.evaluation = evaluation;
        this.history = history;
    }

    /** Reads the run recorded in {@code dir}; fails naming the folder if it holds none. */
    public static RunRecord read(Path dir) {
        Path runJson = dir.resolve(Runs.RUN_JSON);
        if (!Files.isRegularFile(runJson)) {
            throw new IllegalArgumentException("dir=" + dir + " holds no run (no " + Runs.RUN_JSON + ")");
        }
        JsonObject meta = json(runJson).getAsJsonObject();
        Map<String, String> flags = new LinkedHashMap<>();
        Path flagsJson = dir.resolve(TrainingRun.FLAGS);
        if (Files.isRegularFile(flagsJson)) {
            json(flagsJson).getAsJsonObject().entrySet().forEach(e ->
                    flags.put(e.getKey(), e.getValue().isJsonNull() ? "null" : e.getValue().getAsString()));
        }
        Map<String, Double> evaluation = new LinkedHashMap<>();
        Path evaluationJson = dir.resolve(TrainingRun.EVALUATION);
        if (Files.isRegularFile(evaluationJson)) {
            json(evaluationJson).getAsJsonObject().entrySet().forEach(e -> evaluation.put(e.getKey(), number(e.getValue())));
        }
        Path metrics = dir.resolve(TrainingRun.METRICS_JSON);
        History history = Files.isRegularFile(metrics) ? History.fromJson(text(metrics)) : null;
        return new RunRecord(dir, meta, Collections.unmodifiableMap(flags), Collections.unmodifiableMap(evaluation), history);
    }

    public String id() {
        return dir.getFileName().toString();
    }

    public Path dir() {
        return dir;
    }

    /** completed, failed, interrupted, or running (a run whose program ended before it did). */
    public String status() {
        return string("status");
    }

    /** What ended a failed or interrupted run, or null. */
    public String error() {
        return string("error");
    }

    public Instant started() {
        return Instant.parse(string("started"));
    }

    public Optional<Instant> ended() {
        return Optional.ofNullable(string("ended")).map(Instant::parse);
    }

    /** Wall-clock seconds of the run's body; NaN while running. */
    public double wallSeconds() {
        return numberOf("wall_seconds");
    }

    /** CPU seconds of the whole process during the run (every thread, the Python one included); NaN if unknown. */
    public double cpuSeconds() {
        return numberOf("cpu_seconds");
    }

    /** The flags as recorded, as text ({@code "128"}, {@code "0.4"}, {@code "adam"}). */
    public Map<String, String> flags() {
        return flags;
    }

    /** The evaluation recorded by {@code run.evaluate} (empty if none). */
    public Map<String, Double> evaluation() {
        return evaluation;
    }

    /** The history of the run's fit, if it recorded one. */
    public Optional<History> history() {
        return Optional.ofNullable(history);
    }

    /** jkeras, Keras, backend, Python, NumPy, Jep and Java versions of the run. */
    public Map<String, String> versions() {
        Map<String, String> out = new LinkedHashMap<>();
        JsonElement v = meta.get("versions");
        if (v != null && v.isJsonObject()) {
            v.getAsJsonObject().entrySet().forEach(e -> out.put(e.getKey(), e.getValue().isJsonNull() ? "" : e.getValue().getAsString()));
        }
        return out;
    }

    /** The run's values by column name, as lsRuns shows them. */
    public Map<String, Double> columns() {
        Map<String, Double> out = new LinkedHashMap<>();
        flags.forEach((name, value) -> {
            try {
                out.put("flag_" + name, Double.parseDouble(value));
            } catch (NumberFormatException notANumber) {
                // text flags are shown, not sorted by
            }
        });
        if (history != null) {
            out.put("epochs", (double) history.epochCount());
            history.metrics().forEach((name, values) -> {
                if (!values.isEmpty()) {
                    out.put("metric_" + name, values.get(values.size() - 1));
                }
            });
        }
        evaluation.forEach((name, value) -> out.put("eval_" + name, value));
        out.put("wall_seconds", wallSeconds());
        out.put("cpu_seconds", cpuSeconds());
        return out;
    }

    /** One column's value; NaN when this run has none. */
    public double value(String column) {
        return columns().getOrDefault(column, Double.NaN);
    }

    /** Shows the run's history on the live metrics page; returns its address. */
    public URI view() {
        if (history == null) {
            throw new IllegalStateException("run " + id() + " recorded no history (its body called no run.fit)");
        }
        return jkeras.view.MetricsView.show("run " + id(), history.epochs(), history.metrics());
    }

    @Override
    public String toString() {
        return "run " + id() + " (" + status() + ", flags " + flags + ")";
    }

    List<String> flagNames() {
        return List.copyOf(flags.keySet());
    }

    private String string(String key) {
        JsonElement e = meta.get(key);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    private double numberOf(String key) {
        JsonElement e = meta.get(key);
        return e == null || e.isJsonNull() ? Double.NaN : number(e);
    }

    private static double number(JsonElement e) {
        if (e.isJsonNull()) {
            return Double.NaN;
        }
        return e.getAsJsonPrimitive().isNumber() ? e.getAsDouble() : Double.parseDouble(e.getAsString());
    }

    private static JsonElement json(Path file) {
        return JsonParser.parseString(text(file));
    }

    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
