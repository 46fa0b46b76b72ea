package jkeras.plots;

import static jkeras.Keras.plotImage;
import static jkeras.Keras.plotImageGrid;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import jkeras.tensor.DType;
import jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Images and captioned image grids written to PNG. */
class ImagesTest {
    @Test
    void oneImageEnlargedWithItsPixels(@TempDir Path dir) throws Exception {
        try (Tensor digit = Tensor.fromFlatIndex(DType.UINT8, new long[] {28, 28}, i -> i % 28 == 0 ? 255 : 0)) {
            BufferedImage png = ImageIO.read(plotImage(digit, dir.resolve("digit.png")).toFile());
            assertEquals(28 * 4, png.getWidth());
            assertEquals(0xFFFFFF, png.getRGB(0, 0) & 0xFFFFFF, "column 0 is white");
            assertEquals(0x000000, png.getRGB(5, 0) & 0xFFFFFF, "column 1 is black");
        }
    }

    @Test
    void gridWithTrueAndPredictedLabels(@TempDir Path dir) throws Exception {
        try (Tensor images = Tensor.full(DType.FLOAT32, 0.5, 5, 28, 28)) {
            Path file = plotImageGrid(images, new int[] {0, 1, 2, 3, 4}, new int[] {0, 1, 2, 3, 9},
                    List.of("a", "b", "c", "d", "e"), 3, dir.resolve("grid.png"));
            BufferedImage png = ImageIO.read(file.toFile());
            assertEquals(3 * 28 * 4, png.getWidth());
            assertEquals(2 * (28 * 4 + 36), png.getHeight(), "two rows of captioned cells");
            assertEquals(0x808080, png.getRGB(10, 10) & 0xFFFFFF, "grey 0.5 pixels");
        }
    }
}
