package jkeras.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** History as Java data: R-like print, JSON, CSV, and the plot. */
class HistoryTest {
    private static History sample() {
        Map<String, List<Double>> metrics = new LinkedHashMap<>();
        metrics.put("val_accuracy", List.of(0.80, 0.84, 0.86));
        metrics.put("accuracy", List.of(0.75, 0.83, 0.85));
        metrics.put("val_loss", List.of(0.55, 0.45, 0.40));
        metrics.put("loss", List.of(0.70, 0.48, 0.42));
        return new History(Map.of("epochs", 3, "steps", 375), metrics, List.of(0, 1, 2));
    }

    @Test
    void printsTheFinalEpochLikeR() {
        assertEquals("""
                Final epoch (plot to see history):
                        loss: 0.4200
                    accuracy: 0.8500
                    val_loss: 0.4000
                val_accuracy: 0.8600
                """, sample().toString());
    }

    @Test
    void jsonRoundTripAndCsv(@TempDir Path dir) throws Exception {
        History history = sample();
        History back = History.fromJson(history.toJson());
        assertEquals(history.metrics(), back.metrics());
        assertEquals(history.epochs(), back.epochs());
        assertEquals(375, ((Number) back.params().get("steps")).intValue());

        Path csv = dir.resolve("history.csv");
        history.writeCsv(csv);
        assertEquals(List.of("epoch,loss,accuracy,val_loss,val_accuracy", "0,0.7,0.75,0.55,0.8", "1,0.48,0.83,0.45,0.84",
                "2,0.42,0.85,0.4,0.86"), Files.readAllLines(csv));
        assertThrows(IllegalArgumentException.class, () -> history.metric("auc"));
    }

    @Test
    void plotIsAPngWithOnePanelPerMetric(@TempDir Path dir) throws Exception {
        Path png = sample().plot(dir.resolve("plots/history.png"));
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "a readable PNG");
        assertEquals(2 * jkeras.plots.HistoryPlot.PANEL_HEIGHT, image.getHeight(), "two panels: loss and accuracy");
        assertEquals(jkeras.plots.HistoryPlot.PANEL_WIDTH, image.getWidth());
        // Each panel draws both series: the training and validation colours appear in each half.
        for (int panel = 0; panel < 2; panel++) {
            assertTrue(hasColour(image, panel, 0xF8766D), "training series in panel " + panel);
            assertTrue(hasColour(image, panel, 0x00BFC4), "validation series in panel " + panel);
        }
    }

    private static boolean hasColour(BufferedImage image, int panel, int rgb) {
        int top = panel * jkeras.plots.HistoryPlot.PANEL_HEIGHT;
        for (int y = top; y < top + jkeras.plots.HistoryPlot.PANEL_HEIGHT; y++) {
            for (int x = 0; x < image.getWidth() * 3 / 4; x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
                    return true;
                }
            }
        }
        return false;
    }
}
