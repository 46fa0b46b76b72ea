package jkeras.training;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jkeras.plots.HistoryPlot;

/**
 * What {@code fit} recorded: per-epoch values of the loss and of each metric, training and
 * validation ({@code val_} prefix), and the parameters of the run. Printed like R's history (the
 * final epoch), saved as JSON or CSV, and plotted to PNG as R's {@code plot(history)}.
 */
public final class History {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

    private final Map<String, Object> params;
    private final Map<String, List<Double>> metrics;
    private final List<Integer> epochs;

    public History(Map<String, ?> params, Map<String, List<Double>> metrics, List<Integer> epochs) {
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        Map<String, List<Double>> ordered = new LinkedHashMap<>();
        for (String name : orderedNames(metrics.keySet())) {
            ordered.put(name, List.copyOf(metrics.get(name)));
        }
        this.metrics = Collections.unmodifiableMap(ordered);
        this.epochs = List.copyOf(epochs);
    }

    /** From the plain data {@code jkeras.training.fit} returns (jkeras' own use). */
    @SuppressWarnings("unchecked")
    public static History fromPython(Map<String, Object> result) {
        Map<String, List<Double>> metrics = new LinkedHashMap<>();
        ((Map<String, List<Number>>) result.get("history")).forEach((name, values) ->
                metrics.put(name, values.stream().map(Number::doubleValue).toList()));
        List<Integer> epochs = ((List<Number>) result.get("epochs")).stream().map(Number::intValue).toList();
        return new History((Map<String, Object>) result.get("params"), metrics, epochs);
    }

    /** Loss first, then the other metrics; each training metric followed by nothing, validation ones after. */
    private static List<String> orderedNames(java.util.Set<String> names) {
        List<String> training = new ArrayList<>();
        for (String name : names) {
            if (!name.startsWith("val_")) {
                training.add(name);
            }
        }
        training.sort(java.util.Comparator.comparing(name -> !name.equals("loss"))); // stable: loss first
        List<String> out = new ArrayList<>(training);
        for (String name : training) {
            if (names.contains("val_" + name)) {
                out.add("val_" + name);
            }
        }
        for (String name : names) {
            if (!out.contains(name)) {
                out.add(name);
            }
        }
        return out;
    }

    /** Parameters of the run: epochs, steps, verbose. */
    public Map<String, Object> params() {
        return params;
    }

    /** Per-epoch values by metric name ("loss", "accuracy", "val_loss"…). */
    public Map<String, List<Double>> metrics() {
        return metrics;
    }

    /** The per-epoch values of one metric; fails naming the known ones if absent. */
    public List<Double> metric(String name) {
        List<Double> values = metrics.get(name);
        if (values == null) {
            throw new IllegalArgumentException("no metric '" + name + "' in this history; it has " + metrics.keySet());
        }
        return values;
    }

    /** The value of {@code name} at the last epoch recorded. */
    public double last(String name) {
        List<Double> values = metric(name);
        return values.get(values.size() - 1);
    }

    /** The epochs recorded (0-based, as Keras numbers them). */
    public List<Integer> epochs() {
        return epochs;
    }

    public int epochCount() {
        return epochs.size();
    }

    /** Metric names without the validation ones: one plot panel each. */
    public List<String> trainingMetricNames() {
        return metrics.keySet().stream().filter(n -> !n.startsWith("val_")).toList();
    }

    /** Like R's print of a history: the final epoch's values, names right-aligned. */
    @Override
    public String toString() {
        int width = metrics.keySet().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder s = new StringBuilder("Final epoch (plot to see history):\n");
        metrics.forEach((name, values) -> {
            if (!values.isEmpty()) {
                s.append(String.format(Locale.ROOT, "%" + width + "s: %.4f%n", name, values.get(values.size() - 1)));
            }
        });
        return s.toString();
    }

    /** The whole history as JSON: params, metrics, epochs. */
    public String toJson() {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("params", params);
        all.put("metrics", metrics);
        all.put("epochs", epochs);
        return GSON.toJson(all);
    }

    /** A history from {@link #toJson()}'s output. */
    public static History fromJson(String json) {
        try {
            Map<String, Object> all = GSON.fromJson(json, new TypeToken<Map<String, Object>>() { }.getType());
            @SuppressWarnings("unchecked")
            Map<String, List<Double>> metrics = (Map<String, List<Double>>) all.get("metrics");
            @SuppressWarnings("unchecked")
            List<Integer> epochs = ((List<Number>) all.get("epochs")).stream().map(Number::intValue).toList();
            @SuppressWarnings("unchecked")
            Map<String, Object> params = (Map<String, Object>) all.get("params");
            return new History(params, metrics, epochs);
        } catch (RuntimeException e) { // Gson's syntax errors, and valid JSON of another shape
            String shown = json == null ? "null" : json.length() > 60 ? "\"" + json.substring(0, 57) + "...\"" : "\"" + json + "\"";
            throw new IllegalArgumentException("History.fromJson(json): not the JSON History.toJson() writes (" + e.getMessage()
                    + "); received " + shown, e);
        }
    }

    /** Writes one row per epoch: {@code epoch,loss,accuracy,val_loss,...}. */
    public void writeCsv(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("epoch," + String.join(",", metrics.keySet()));
        for (int row = 0; row < epochs.size(); row++) {
            StringBuilder line = new StringBuilder(String.valueOf(epochs.get(row)));
            for (List<Double> values : metrics.values()) {
                line.append(',').append(row < values.size() ? String.format(Locale.ROOT, "%s", values.get(row)) : "");
            }
            lines.add(line.toString());
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    /**
     * Shows this history on the live metrics page (R's {@code view_metrics} for a finished fit) and
     * returns the page's address, which it also prints.
     */
    public java.net.URI view() {
        return jkeras.view.MetricsView.show("history", epochs, metrics);
    }

    /** Writes a PNG like R's {@code plot(history)}: a panel per metric, training and validation over epochs. */
    public Path plot(Path png) throws IOException {
        return HistoryPlot.write(metrics, epochs, png);
    }
}
