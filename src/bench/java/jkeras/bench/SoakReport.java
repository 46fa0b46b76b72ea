package jkeras.bench;

import com.google.gson.GsonBuilder;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Compares the Java soak ({@link Soak}) with the same cycle in plain Python
 * (bench/soak/soak_python.py): resident memory against cycles, and each one's growth per cycle as
 * the slope of a least-squares line after the warm-up (the first 10% of cycles, at least 5), with
 * its 95% interval. The goal: jkeras grows no more per cycle than plain Keras plus 5%. Writes
 * soak.png, soak.json and soak.md into the results folder.
 *
 * <p>Arguments: the Java CSV, the Python CSV, the results folder, the minutes asked for.
 */
public final class SoakReport {
    private SoakReport() {}

    /** Growth per cycle: slope (MB/cycle) with its 95% interval, from cycles after the warm-up. */
    record Growth(int cycles, int fromCycle, double slope, double low, double high, double firstMb, double lastMb, double seconds) {}

    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<double[]> java = read(Path.of(args[0]));
        List<double[]> python = read(Path.of(args[1]));
        Path folder = Path.of(args[2]);
        String minutes = args.length > 3 ? args[3] : "?";
        Growth javaGrowth = growth(java);
        Growth pythonGrowth = growth(python);
        double allowed = pythonGrowth.slope() * 1.05;
        String verdict = javaGrowth.slope() <= allowed ? "met"
                : javaGrowth.low() > allowed ? "not met" : "unresolved (the intervals overlap the line)";
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("minutes", minutes);
        json.put("java", javaGrowth);
        json.put("python", pythonGrowth);
        json.put("goal_mb_per_cycle", allowed);
        json.put("verdict", verdict);
        double[] first = java.get(Math.min(1, java.size() - 1)); // after the first cycle: its data made
        double[] last = java.get(java.size() - 1);
        json.put("java_arrow_bytes_first_last", List.of((long) first[3], (long) last[3]));
        json.put("java_heap_used_mb_first_last", List.of(first[4], last[4]));
        Files.writeString(folder.resolve("soak.json"), new GsonBuilder().setPrettyPrinting().create().toJson(json) + "\n");
        Files.writeString(folder.resolve("soak.md"), markdown(javaGrowth, pythonGrowth, allowed, verdict, minutes, first, last));
        plot(java, python, javaGrowth, pythonGrowth, folder.resolve("soak.png"));
        System.out.print(Files.readString(folder.resolve("soak.md")));
    }

    static List<double[]> read(Path csv) throws IOException {
        List<double[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(csv)) {
            if (!line.isBlank() && Character.isDigit(line.charAt(0))) {
                rows.add(java.util.Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray());
            }
        }
        return rows;
    }

    /** Least-squares slope of rss (column 2) on cycle (column 0) after the warm-up, with a 95% interval. */
    static Growth growth(List<double[]> rows) {
        int cycles = (int) rows.get(rows.size() - 1)[0];
        int from = Math.max(5, cycles / 10);
        List<double[]> used = rows.stream().filter(r -> r[0] >= from).toList();
        int n = used.size();
        double mx = used.stream().mapToDouble(r -> r[0]).average().orElse(Double.NaN);
        double my = used.stream().mapToDouble(r -> r[2]).average().orElse(Double.NaN);
        double sxx = 0;
        double sxy = 0;
        for (double[] r : used) {
            sxx += (r[0] - mx) * (r[0] - mx);
            sxy += (r[0] - mx) * (r[2] - my);
        }
        double slope = sxy / sxx;
        double residuals = 0;
        for (double[] r : used) {
            double e = r[2] - (my + slope * (r[0] - mx));
            residuals += e * e;
        }
        double se = Math.sqrt(residuals / Math.max(1, n - 2) / sxx);
        double t = n > 30 ? 1.96 : 2.05; // enough cycles that the normal quantile serves
        return new Growth(cycles, from, slope, slope - t * se, slope + t * se, rows.get(0)[2], rows.get(rows.size() - 1)[2],
                rows.get(rows.size() - 1)[1]);
    }

    private static String markdown(Growth java, Growth python, double allowed, String verdict, String minutes, double[] first, double[] last) {
        return String.format("""
                # Soak: resident memory per model cycle, jkeras beside plain Python Keras

                `scripts/soak --minutes %s` ran both at once on this project's 2-core VM. One cycle: build, compile and fit an
                MLP 784-128-10 for one epoch (2048 samples), save it as .keras, load it, predict 256 rows with the loaded
                model; then 50 times make a [256, 784] array, predict it with a model kept for the run, drop both. Growth per
                cycle is the least-squares slope of resident memory after the first %d%% of cycles, with its 95%% interval.

                | driver | cycles | seconds | RSS first, MB | RSS last, MB | growth per cycle, MB [95%% interval] |
                |---|---|---|---|---|---|
                | plain Python Keras | %d | %.0f | %.0f | %.0f | %.2f [%.2f, %.2f] |
                | Java through jkeras | %d | %.0f | %.0f | %.0f | %.2f [%.2f, %.2f] |

                Goal: jkeras grows no more than plain Keras plus 5%%, %.2f MB per cycle: **%s** (jkeras adds %+.2f MB per
                cycle, %+.1f%% of plain Keras' growth). Between cycles the JVM held %d bytes of Arrow memory after the first
                cycle and %d after the last (the data; every tensor a cycle makes is closed), and %.0f MB then %.0f MB of Java
                heap in use after a collection; the Java heap is fixed at 256 MB and touched at start, so that resident memory
                counts what the process keeps. Plain Keras' own growth is Keras' (traced functions and graph state it keeps
                per model, `clear_session()` or not); jkeras runs the same Keras the same way, so it shows the same line.

                ![resident memory per cycle](soak.png)
                """, minutes, 10, python.cycles(), python.seconds(), python.firstMb(), python.lastMb(), python.slope(), python.low(),
                python.high(), java.cycles(), java.seconds(), java.firstMb(), java.lastMb(), java.slope(), java.low(), java.high(),
                allowed, verdict, java.slope() - python.slope(), 100 * (java.slope() - python.slope()) / python.slope(),
                (long) first[3], (long) last[3], first[4], last[4]);
    }

    private static void plot(List<double[]> java, List<double[]> python, Growth javaGrowth, Growth pythonGrowth, Path png)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(820).height(460).title("Resident memory per soak cycle")
                .xAxisTitle("cycle (model build/fit/save/load + 50 tensor predictions)").yAxisTitle("RSS, MB").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        series(chart, "plain Python Keras", python, new Color(0x3776AB));
        series(chart, "Java through jkeras", java, new Color(0xE76F00));
        fitted(chart, String.format("Python: %.2f MB/cycle", pythonGrowth.slope()), python, pythonGrowth, new Color(0x3776AB));
        fitted(chart, String.format("Java: %.2f MB/cycle", javaGrowth.slope()), java, javaGrowth, new Color(0xE76F00));
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static void series(XYChart chart, String name, List<double[]> rows, Color color) {
        XYSeries s = chart.addSeries(name, rows.stream().mapToDouble(r -> r[0]).toArray(), rows.stream().mapToDouble(r -> r[2]).toArray());
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
    }

    private static void fitted(XYChart chart, String name, List<double[]> rows, Growth growth, Color color) {
        List<double[]> used = rows.stream().filter(r -> r[0] >= growth.fromCycle()).toList();
        double mx = used.stream().mapToDouble(r -> r[0]).average().orElse(0);
        double my = used.stream().mapToDouble(r -> r[2]).average().orElse(0);
        double x0 = growth.fromCycle();
        double x1 = growth.cycles();
        XYSeries s = chart.addSeries(name, new double[] {x0, x1},
                new double[] {my + growth.slope() * (x0 - mx), my + growth.slope() * (x1 - mx)});
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color.darker());
        s.setLineStyle(new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
    }
}
