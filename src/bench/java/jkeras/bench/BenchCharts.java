package jkeras.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * The benchmark's charts, drawn from {@code bench/results/summary.json} (written by bench/report.py):
 * median seconds per epoch per driver and workload, the paired overhead of Java and R in % with its
 * 95% interval (wall and CPU time), and the Keras backends side by side.
 */
public final class BenchCharts {
    private static final int WIDTH = 420;
    private static final int HEIGHT = 300;
    private static final Map<String, Color> COLORS = Map.ofEntries(
            Map.entry("python", new Color(0x3776AB)), Map.entry("java", new Color(0xE76F00)), Map.entry("r", new Color(0x2E8B57)),
            Map.entry("java wall", new Color(0xE76F00)), Map.entry("r wall", new Color(0x2E8B57)),
            Map.entry("java CPU", new Color(0xF4B183)), Map.entry("r CPU", new Color(0x9FD4B0)),
            Map.entry("tensorflow", new Color(0xFF6F00)), Map.entry("jax", new Color(0x5E97F6)), Map.entry("torch", new Color(0xEE4C2C)));

    private BenchCharts() {}

    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path folder = Path.of(args.length > 0 ? args[0] : "bench/results");
        JsonObject summary = JsonParser.parseString(Files.readString(folder.resolve("summary.json"))).getAsJsonObject();
        JsonObject paired = summary.getAsJsonObject("paired");
        if (paired == null || !paired.has("tensorflow")) {
            return;
        }
        epochTimes(paired.getAsJsonObject("tensorflow"), folder.resolve("epoch_times.png"));
        overhead(paired.getAsJsonObject("tensorflow"), folder.resolve("overhead.png"));
        if (paired.size() > 1) {
            backends(paired, folder.resolve("backends.png"));
        }
    }

    /** One panel per workload: median seconds per epoch (wall) of each driver. */
    static void epochTimes(JsonObject workloads, Path png) throws IOException {
        List<BufferedImage> panels = new ArrayList<>();
        for (Map.Entry<String, JsonElement> workload : workloads.entrySet()) {
            CategoryChart chart = chart(workload.getKey(), "seconds per epoch");
            JsonObject medians = workload.getValue().getAsJsonObject().getAsJsonObject("medians");
            for (String driver : List.of("python", "java", "r")) {
                if (medians.has(driver)) {
                    chart.addSeries(driver, List.of(driver), List.of(medians.getAsJsonObject(driver).get("wall").getAsDouble()))
                            .setFillColor(COLORS.get(driver));
                }
            }
            panels.add(BitmapEncoder.getBufferedImage(chart));
        }
        writeGrid(panels, png);
    }

    /** Paired overhead relative to Python per workload, Java and R, wall and CPU; error bar the 95% interval. */
    static void overhead(JsonObject workloads, Path png) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(2 * WIDTH).height(HEIGHT)
                .title("per-epoch overhead vs Python, paired (95% interval)").yAxisTitle("%").build();
        style(chart);
        for (String driver : List.of("java", "r")) {
            for (String metric : List.of("wall", "cpu")) {
                List<String> names = new ArrayList<>();
                List<Double> values = new ArrayList<>();
                List<Double> errors = new ArrayList<>();
                for (Map.Entry<String, JsonElement> workload : workloads.entrySet()) {
                    JsonObject versus = workload.getValue().getAsJsonObject().getAsJsonObject("vs_python");
                    JsonElement o = versus.has(driver) ? versus.getAsJsonObject(driver).get(metric) : null;
                    if (o != null && o.isJsonObject() && !o.getAsJsonObject().get("low").isJsonNull()) {
                        JsonObject overhead = o.getAsJsonObject();
                        names.add(workload.getKey());
                        values.add(overhead.get("percent").getAsDouble());
                        errors.add((overhead.get("high").getAsDouble() - overhead.get("low").getAsDouble()) / 2);
                    }
                }
                if (!names.isEmpty()) {
                    String series = driver + (metric.equals("wall") ? " wall" : " CPU");
                    chart.addSeries(series, names, values, errors).setFillColor(COLORS.get(series));
                }
            }
        }
        write(BitmapEncoder.getBufferedImage(chart), png);
    }

    /** One panel per workload: median seconds per epoch on each backend, Python and Java. */
    static void backends(JsonObject paired, Path png) throws IOException {
        List<String> workloads = new ArrayList<>();
        for (Map.Entry<String, JsonElement> backend : paired.entrySet()) {
            backend.getValue().getAsJsonObject().keySet().stream().filter(w -> !workloads.contains(w)).forEach(workloads::add);
        }
        List<BufferedImage> panels = new ArrayList<>();
        for (String workload : workloads) {
            CategoryChart chart = chart(workload, "seconds per epoch");
            for (String driver : List.of("python", "java")) {
                List<String> names = new ArrayList<>();
                List<Double> medians = new ArrayList<>();
                for (Map.Entry<String, JsonElement> backend : paired.entrySet()) {
                    JsonObject per = backend.getValue().getAsJsonObject();
                    if (per.has(workload) && per.getAsJsonObject(workload).getAsJsonObject("medians").has(driver)) {
                        names.add(backend.getKey());
                        medians.add(per.getAsJsonObject(workload).getAsJsonObject("medians").getAsJsonObject(driver).get("wall").getAsDouble());
                    }
                }
                if (!names.isEmpty()) {
                    chart.addSeries(driver, names, medians).setFillColor(COLORS.get(driver));
                }
            }
            panels.add(BitmapEncoder.getBufferedImage(chart));
        }
        writeGrid(panels, png);
    }

    private static CategoryChart chart(String title, String yTitle) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle(yTitle).build();
        style(chart);
        return chart;
    }

    private static void style(CategoryChart chart) {
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setOverlapped(false);
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setDecimalPattern("#0.###");
    }

    private static void writeGrid(List<BufferedImage> panels, Path png) throws IOException {
        int columns = Math.min(3, Math.max(1, panels.size()));
        int rows = (panels.size() + columns - 1) / columns;
        BufferedImage out = new BufferedImage(columns * WIDTH, Math.max(1, rows) * HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        for (int i = 0; i < panels.size(); i++) {
            g.drawImage(panels.get(i), (i % columns) * WIDTH, (i / columns) * HEIGHT, null);
        }
        g.dispose();
        write(out, png);
    }

    private static void write(BufferedImage image, Path png) throws IOException {
        ImageIO.write(image, "png", png.toFile());
    }
}
