package jkeras.plots;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import jkeras.tensor.Tensor;

/**
 * Images as in the CNN tutorial: one image (a 28×28 digit) or a grid of images captioned with
 * their true and predicted labels (the "misclassified images" view), written to PNG.
 *
 * <p>An image is [height, width], [height, width, 1] (grey) or [height, width, 3] (RGB); values are
 * 0..255 (uint8) or, for floating-point tensors, 0..1.
 */
public final class Images {
    private static final int SCALE = 4;
    private static final int CAPTION = 36;

    private Images() {}

    /** Writes one image, enlarged {@value #SCALE}×. */
    public static Path writeImage(Tensor image, Path png) throws IOException {
        return save(render(image), png);
    }

    /**
     * Writes a grid of {@code images} ([n, height, width(, channels)]) captioned with the true label
     * and, on a second line in red when it differs, the predicted one, named by {@code classNames}.
     * Either label array may be null.
     */
    public static Path writeGrid(Tensor images, int[] labels, int[] predicted, List<String> classNames,
                                 int columns, Path png) throws IOException {
        Headless.ensure();
        int n = (int) images.dim(0);
        if (columns <= 0) {
            throw new IllegalArgumentException("plotImageGrid(columns): expected a positive number of columns; received columns=" + columns);
        }
        for (var given : new Object[][] {{"labels", labels}, {"predicted", predicted}}) {
            int[] values = (int[]) given[1];
            if (values != null && values.length != n) {
                throw new IllegalArgumentException("plotImageGrid(" + given[0] + "): expected one per image (" + n
                        + "); received " + values.length);
            }
        }
        int cellWidth = (int) images.dim(2) * SCALE;
        int cellHeight = (int) images.dim(1) * SCALE + (labels != null || predicted != null ? CAPTION : 0);
        int rows = (n + columns - 1) / columns;
        BufferedImage grid = new BufferedImage(columns * cellWidth, rows * cellHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        for (int i = 0; i < n; i++) {
            int x = (i % columns) * cellWidth;
            int y = (i / columns) * cellHeight;
            try (Tensor one = images.row(i)) {
                g.drawImage(render(one), x, y, null);
            }
            String label = labels == null ? null : name(labels[i], classNames);
            String guess = predicted == null ? null : name(predicted[i], classNames);
            boolean wrong = label != null && guess != null && !label.equals(guess);
            String first = label != null ? label : guess;
            int baseline = y + (int) images.dim(1) * SCALE + 15;
            if (first != null) {
                g.setColor(wrong || label == null ? new Color(0x333333) : new Color(0x1E8449));
                drawCentered(g, first, x, cellWidth, baseline);
            }
            if (wrong) {
                g.setColor(new Color(0xC0392B));
                drawCentered(g, "as " + guess, x, cellWidth, baseline + 16);
            }
        }
        g.dispose();
        return save(grid, png);
    }

    private static void drawCentered(Graphics2D g, String text, int x, int width, int baseline) {
        FontMetrics metrics = g.getFontMetrics();
        String fitted = text;
        while (metrics.stringWidth(fitted) > width - 4 && fitted.length() > 3) {
            fitted = fitted.substring(0, fitted.length() - 2) + "…";
        }
        g.drawString(fitted, x + (width - metrics.stringWidth(fitted)) / 2, baseline);
    }

    private static String name(int index, List<String> names) {
        return names != null && index >= 0 && index < names.size() ? names.get(index) : String.valueOf(index);
    }

    private static BufferedImage render(Tensor image) {
        Headless.ensure();
        long[] shape = image.shape();
        if (shape.length < 2 || shape.length > 3 || (shape.length == 3 && shape[2] != 1 && shape[2] != 3)) {
            throw new IllegalArgumentException("an image is [h, w], [h, w, 1] or [h, w, 3]; got " + java.util.Arrays.toString(shape));
        }
        int height = (int) shape[0];
        int width = (int) shape[1];
        int channels = shape.length == 3 ? (int) shape[2] : 1;
        double scale = image.dtype().isFloatingPoint() ? 255.0 : 1.0;
        BufferedImage out = new BufferedImage(width * SCALE, height * SCALE, BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                int[] rgb = new int[3];
                for (int k = 0; k < 3; k++) {
                    long flat = ((long) r * width + c) * channels + (channels == 3 ? k : 0);
                    rgb[k] = (int) Math.max(0, Math.min(255, Math.round(image.getFlat(flat) * scale)));
                }
                int pixel = (rgb[0] << 16) | (rgb[1] << 8) | rgb[2];
                for (int dy = 0; dy < SCALE; dy++) {
                    for (int dx = 0; dx < SCALE; dx++) {
                        out.setRGB(c * SCALE + dx, r * SCALE + dy, pixel);
                    }
                }
            }
        }
        return out;
    }

    private static Path save(BufferedImage image, Path png) throws IOException {
        if (png.getParent() != null) {
            Files.createDirectories(png.getParent());
        }
        ImageIO.write(image, "png", png.toFile());
        return png;
    }
}
