package jkeras.data;

import static jkeras.Keras.kerasModelSequential;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import jkeras.models.Sequential;
import jkeras.tensor.DType;
import jkeras.training.History;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streaming really streams: one epoch over a float32 file of 4 GiB (written here, deleted after)
 * grows the process' resident memory by less than 500 MB. Long (about a minute to write the file
 * and one to read it): run by {@code scripts/soak stream} (-Djkeras.soak=true), skipped otherwise.
 */
class LargeFileStreamingTest {
    private static final int FEATURES = 1024;
    private static final long ROWS = (4L << 30) / (4L * FEATURES); // 4 GiB of float32

    @TempDir
    Path dir;

    @Test
    void anEpochOverFourGigabytesGrowsResidentMemoryByLessThan500MB() throws Exception {
        assumeTrue(Boolean.getBoolean("jkeras.soak"), "skipped: the 4 GiB run is scripts/soak stream's");
        Path xFile = dir.resolve("x.f32");
        Path yFile = dir.resolve("y.i32");
        write(xFile, yFile);
        try (Sequential model = kerasModelSequential()
                .layerDense(1, d -> d.activation("sigmoid").inputShape(FEATURES))) {
            model.compile("sgd", "binary_crossentropy");
            RecordFile x = RecordFile.of(xFile, DType.FLOAT32, FEATURES);
            RecordFile y = RecordFile.of(yFile, DType.INT32, 1);
            assertEquals(ROWS, x.records());
            // Warm up on a few batches first (tracing, Keras' and TensorFlow's own allocations).
            try (DataSource<Batch> warm = DataSource.fromRecords(x, y).take(8192).batch(1024)) {
                model.fit(warm, null, f -> f.epochs(1).verbose(0));
            }
            long before = residentBytes();
            AtomicLong peak = new AtomicLong(before);
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(residentBytes(), Math::max);
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
            long start = System.nanoTime();
            History history;
            try (DataSource<Batch> all = DataSource.fromRecords(x, y).batch(1024)) {
                history = model.fit(all, null, f -> f.epochs(1).verbose(0));
            } finally {
                sampler.interrupt();
                sampler.join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long grown = peak.get() - before;
            System.out.printf("LargeFileStreamingTest: %.2f GB in %.1f s (%.0f MB/s); resident %d MB before, peak %d MB (+%d MB); loss %s%n",
                    Files.size(xFile) / 1e9, seconds, Files.size(xFile) / 1e6 / seconds, before >> 20, peak.get() >> 20, grown >> 20,
                    history.metric("loss"));
            assertTrue(grown < 500L << 20, "resident memory grew by " + (grown >> 20) + " MB over one epoch of 4 GiB");
        }
    }

    private static void write(Path xFile, Path yFile) throws IOException {
        SplittableRandom random = new SplittableRandom(1);
        int rowsPerChunk = 16384;
        ByteBuffer xs = ByteBuffer.allocateDirect(rowsPerChunk * FEATURES * 4).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer ys = ByteBuffer.allocateDirect(rowsPerChunk * 4).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel xOut = FileChannel.open(xFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             FileChannel yOut = FileChannel.open(yFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long row = 0; row < ROWS; row += rowsPerChunk) {
                xs.clear();
                ys.clear();
                for (int r = 0; r < rowsPerChunk; r++) {
                    float sum = 0;
                    for (int f = 0; f < FEATURES; f++) {
                        float v = (float) random.nextDouble(-1, 1);
                        sum += f < 8 ? v : 0;
                        xs.putFloat(v);
                    }
                    ys.putInt(sum > 0 ? 1 : 0); // a label the first features decide: something to learn
                }
                xs.flip();
                ys.flip();
                while (xs.hasRemaining()) {
                    xOut.write(xs);
                }
                while (ys.hasRemaining()) {
                    yOut.write(ys);
                }
            }
        }
    }

    private static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) << 10;
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
