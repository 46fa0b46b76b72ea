package jkeras.plots;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import jkeras.training.History;
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

    /** Writes the plot to {@code png} and returns it. */
    public static Path write(History history, Path png) throws IOException {
        Headless.ensure();
        List<BufferedImage> panels = new ArrayList<>();
        for (String metric : history.trainingMetricNames()) {
            panels.add(BitmapEncoder.getBufferedImage(panel(history, metric)));
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

    private static XYChart panel(History history, String metric) {
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT)
                .title(metric).xAxisTitle("epoch").yAxisTitle(metric).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(new Color(0xEBEBEB));
        chart.getStyler().setPlotGridLinesColor(Color.WHITE);
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setDecimalPattern("#0.###");
        chart.getStyler().setXAxisDecimalPattern("#0");
        addSeries(chart, "training", history, metric, TRAINING);
        if (history.metrics().containsKey("val_" + metric)) {
            addSeries(chart, "validation", history, "val_" + metric, VALIDATION);
        }
        return chart;
    }

    private static void addSeries(XYChart chart, String name, History history, String metric, Color color) {
        List<Double> values = history.metric(metric);
        List<Integer> epochs = history.epochs().subList(0, values.size()).stream().map(e -> e + 1).toList();
        XYSeries series = chart.addSeries(name, epochs, values);
        series.setLineColor(color);
        series.setMarkerColor(color);
        series.setMarker(SeriesMarkers.CIRCLE);
    }
}
