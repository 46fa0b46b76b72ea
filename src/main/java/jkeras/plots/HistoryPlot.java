package jkeras.plots;

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
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * R's {@code plot(history)} as a PNG: one panel per metric (loss, accuracy…), stacked, each with the
 * training series and, when fit validated, the validation series, epochs on the x axis.
 */
public final class HistoryPlot {
    /** Size of one panel in pixels; the image is one panel wide and one panel high per metric. */
    public static final int PANEL_WIDTH = 720;
    public static final int PANEL_HEIGHT = 300;
    private static final Color TRAINING = new Color(0xF8766D);   // R/ggplot2's first two colours
    private static final Color VALIDATION = new Color(0x00BFC4);

    private HistoryPlot() {}

    /**
     * Writes the plot of per-epoch {@code metrics} (by name; {@code val_} ones drawn beside their
     * training metric) over {@code epochs} (0-based, as Keras numbers them) to {@code png}.
     */
    public static Path write(Map<String, List<Double>> metrics, List<Integer> epochs, Path png) throws IOException {
        Headless.ensure();
        List<BufferedImage> panels = new ArrayList<>();
        for (String metric : metrics.keySet()) {
            if (!metric.startsWith("val_")) {
                panels.add(BitmapEncoder.getBufferedImage(panel(metrics, epochs, metric)));
            }
        }
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("the history has no metric to plot");
        }
        BufferedImage out = new BufferedImage(PANEL_WIDTH, PANEL_HEIGHT * panels.size(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        for (int i = 0; i < panels.size(); i++) {
            g.drawImage(panels.get(i), 0, i * PANEL_HEIGHT, null);
        }
        g.dispose();
        if (png.getParent() != null) {
            Files.createDirectories(png.getParent());
        }
        ImageIO.write(out, "png", png.toFile());
        return png;
    }

    private static XYChart panel(Map<String, List<Double>> metrics, List<Integer> epochs, String metric) {
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT)
                .title(metric).xAxisTitle("epoch").yAxisTitle(metric).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(new Color(0xEBEBEB));
        chart.getStyler().setPlotGridLinesColor(Color.WHITE);
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setDecimalPattern("#0.###");
        chart.getStyler().setXAxisDecimalPattern("#0");
        addSeries(chart, "training", metrics.get(metric), epochs, TRAINING);
        if (metrics.containsKey("val_" + metric)) {
            addSeries(chart, "validation", metrics.get("val_" + metric), epochs, VALIDATION);
        }
        return chart;
    }

    private static void addSeries(XYChart chart, String name, List<Double> values, List<Integer> epochs, Color color) {
        List<Integer> shown = epochs.subList(0, values.size()).stream().map(e -> e + 1).toList();
        XYSeries series = chart.addSeries(name, shown, values);
        series.setLineColor(color);
        series.setMarkerColor(color);
        series.setMarker(SeriesMarkers.CIRCLE);
    }
}
