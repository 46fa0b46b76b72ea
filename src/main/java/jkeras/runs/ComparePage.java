package jkeras.runs;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import jkeras.training.History;

/**
 * The page {@code compareRuns(a, b)} writes: flags side by side with the differing ones marked
 * and named, final metrics and evaluations, and both histories on the same charts. One HTML file
 * with its scripts inside, so it opens from disk with no server and no network; everything from
 * the runs is escaped, and a content security policy lets only its own scripts run.
 */
final class ComparePage {
    /** Gson's default escapes {@code <}, {@code >} and {@code &}: the data cannot close its script element. */
    private static final Gson GSON = new Gson();

    private ComparePage() {}

    static void write(RunRecord a, RunRecord b, Path page) throws IOException {
        List<String> scripts = List.of(resource("jkeras/view/vendor/uPlot.iife.min.js"), resource("jkeras/view/charts.js"),
                resource("jkeras/view/compare.js"));
        String style = resource("jkeras/view/vendor/uPlot.min.css") + "\n" + resource("jkeras/view/view.css") + "\n"
                + resource("jkeras/view/compare.css");
        StringBuilder policy = new StringBuilder("default-src 'none'; img-src data:; base-uri 'none'; form-action 'none'; script-src");
        scripts.forEach(s -> policy.append(" '").append(sha256(s)).append('\''));
        policy.append("; style-src '").append(sha256(style)).append('\'');

        StringBuilder html = new StringBuilder();
        html.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(policy).append("\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>jkeras runs: ").append(escape(a.id())).append(" vs ").append(escape(b.id())).append("</title>\n")
                .append("<style>").append(style).append("</style>\n</head>\n<body>\n<header>\n")
                .append("<h1><span class=\"brand\">jkeras</span> runs compared</h1>\n")
                .append("<p class=\"who\">A: <b>").append(escape(a.id())).append("</b> (").append(escape(a.status()))
                .append(") &nbsp; B: <b>").append(escape(b.id())).append("</b> (").append(escape(b.status())).append(")</p>\n")
                .append("</header>\n<main>\n");
        flags(html, a, b);
        values(html, a, b);
        html.append("<h2>History</h2>\n<p class=\"who\">A and B in two colours; validation dashed.</p>\n")
                .append("<section id=\"charts\" class=\"charts\"></section>\n");
        runs(html, a, b);
        html.append("</main>\n<footer>Written by jkeras' compareRuns. Charts by uPlot (MIT), inside this file.</footer>\n")
                .append("<script type=\"application/json\" id=\"runs-data\">").append(data(a, b)).append("</script>\n");
        scripts.forEach(s -> html.append("<script>").append(s).append("</script>\n"));
        html.append("</body>\n</html>\n");

        Path temporary = page.resolveSibling("." + page.getFileName() + ".tmp");
        Files.writeString(temporary, html, StandardCharsets.UTF_8);
        Files.move(temporary, page, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The flags of both runs, one row each; those that differ are marked and named above the table. */
    private static void flags(StringBuilder html, RunRecord a, RunRecord b) {
        Set<String> names = new LinkedHashSet<>(a.flags().keySet());
        names.addAll(b.flags().keySet());
        List<String> differing = names.stream().filter(n -> !Objects.equals(a.flags().get(n), b.flags().get(n))).toList();
        html.append("<h2>Flags</h2>\n<p class=\"summary\" id=\"differing-flags\">");
        if (differing.isEmpty()) {
            html.append("No flag differs.");
        } else {
            html.append(differing.size() == 1 ? "Differs: " : "Differ: ");
            for (int i = 0; i < differing.size(); i++) {
                html.append(i == 0 ? "" : ", ").append("<strong>").append(escape(differing.get(i))).append("</strong>");
            }
        }
        html.append("</p>\n<table id=\"flags\">\n<thead><tr><th class=\"label\">flag</th><th>A</th><th>B</th></tr></thead>\n<tbody>\n");
        for (String name : names) {
            html.append(differing.contains(name) ? "<tr class=\"differs\">" : "<tr>")
                    .append("<th class=\"label\">").append(escape(name)).append("</th><td>")
                    .append(escape(a.flags().getOrDefault(name, "(none)"))).append("</td><td>")
                    .append(escape(b.flags().getOrDefault(name, "(none)"))).append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    /** Last-epoch metrics and evaluations of both, with B − A. */
    private static void values(StringBuilder html, RunRecord a, RunRecord b) {
        Set<String> names = new LinkedHashSet<>();
        for (RunRecord r : List.of(a, b)) {
            r.columns().keySet().stream().filter(c -> c.startsWith("metric_") || c.startsWith("eval_")).forEach(names::add);
        }
        html.append("<h2>Metrics</h2>\n<table id=\"metrics\">\n<thead><tr><th class=\"label\">last epoch / evaluation</th>")
                .append("<th>A</th><th>B</th><th>B − A</th></tr></thead>\n<tbody>\n");
        for (String name : names) {
            double va = a.value(name);
            double vb = b.value(name);
            html.append("<tr><th class=\"label\">").append(escape(name)).append("</th><td>").append(number(va))
                    .append("</td><td>").append(number(vb)).append("</td><td>").append(number(vb - va)).append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    /** When, how long, and with what versions each ran. */
    private static void runs(StringBuilder html, RunRecord a, RunRecord b) {
        html.append("<h2>Runs</h2>\n<table id=\"runs\">\n<thead><tr><th class=\"label\"></th><th>A</th><th>B</th></tr></thead>\n<tbody>\n");
        row(html, "run", a.id(), b.id());
        row(html, "status", a.status(), b.status());
        row(html, "started", a.started().toString(), b.started().toString());
        row(html, "wall seconds", number(a.wallSeconds()), number(b.wallSeconds()));
        row(html, "CPU seconds", number(a.cpuSeconds()), number(b.cpuSeconds()));
        Set<String> versions = new LinkedHashSet<>(a.versions().keySet());
        versions.addAll(b.versions().keySet());
        for (String v : versions) {
            row(html, v, a.versions().getOrDefault(v, ""), b.versions().getOrDefault(v, ""));
        }
        html.append("</tbody>\n</table>\n");
    }

    private static void row(StringBuilder html, String label, String a, String b) {
        html.append(Objects.equals(a, b) || label.equals("run") || label.equals("started") || label.endsWith("seconds")
                        ? "<tr>" : "<tr class=\"differs\">")
                .append("<th class=\"label\">").append(escape(label)).append("</th><td>").append(escape(a))
                .append("</td><td>").append(escape(b)).append("</td></tr>\n");
    }

    /** The histories as the charts script reads them: runs A and B, epochs with their logs. */
    private static String data(RunRecord a, RunRecord b) {
        JsonArray runs = new JsonArray();
        String[] labels = {"A", "B"};
        List<RunRecord> both = List.of(a, b);
        for (int r = 0; r < 2; r++) {
            JsonObject run = new JsonObject();
            run.addProperty("label", labels[r]);
            run.addProperty("id", both.get(r).id());
            JsonArray epochs = new JsonArray();
            History history = both.get(r).history().orElse(null);
            if (history != null) {
                for (int i = 0; i < history.epochCount(); i++) {
                    JsonObject epoch = new JsonObject();
                    epoch.addProperty("epoch", history.epochs().get(i));
                    JsonObject logs = new JsonObject();
                    for (Map.Entry<String, List<Double>> m : history.metrics().entrySet()) {
                        if (i < m.getValue().size()) {
                            double v = m.getValue().get(i);
                            if (Double.isFinite(v)) {
                                logs.addProperty(m.getKey(), v);
                            } else {
                                logs.addProperty(m.getKey(), Double.toString(v));
                            }
                        }
                    }
                    epoch.add("logs", logs);
                    epochs.add(epoch);
                }
            }
            run.add("epochs", epochs);
            run.add("progress", null);
            runs.add(run);
        }
        JsonObject all = new JsonObject();
        all.add("runs", runs);
        return GSON.toJson(all);
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ComparePage.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing from the jar: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String sha256(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
