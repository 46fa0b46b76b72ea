package jkeras.bench;

import static jkeras.Keras.kerasModelSequential;
import static jkeras.Keras.loadModel;
import static jkeras.Keras.setRandomSeed;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import jkeras.models.Model;
import jkeras.models.Sequential;
import jkeras.tensor.DType;
import jkeras.tensor.Tensor;
import jkeras.tensor.TensorMemory;

/**
 * The soak cycle through jkeras' public API, beside bench/soak/soak_python.py doing the same in
 * plain Python (scripts/soak runs both and {@link SoakReport} compares them). One cycle: build,
 * compile and fit a small MLP for one epoch, save it to a .keras file, load it back, predict with
 * the loaded model, close both; then 50 times: make a [256, 784] tensor in Java, predict it with a
 * model kept for the whole run, close the tensor and the prediction. After each cycle the process'
 * resident memory (VmRSS: the JVM and the Python in it), the Arrow memory allocated (the data,
 * which stays) and the Java heap in use after a collection are written to the CSV:
 * cycle,seconds,rss_mb,arrow_bytes,heap_used_mb.
 *
 * <p>Arguments: minutes, the most cycles, the CSV to write.
 */
public final class Soak {
    static final int SAMPLES = 2048;
    static final int FEATURES = 784;
    static final int CLASSES = 10;
    static final int TENSOR_CYCLES = 50;

    public static void main(String[] args) throws IOException {
        double minutes = Double.parseDouble(args[0]);
        int maxCycles = Integer.parseInt(args[1]);
        Path csv = Path.of(args[2]);
        Path folder = Files.createTempDirectory("jkeras-soak");
        setRandomSeed(1);
        long start = System.nanoTime();
        // The same values as soak_python.py: element i of x is (i % 251) / 251, label j is j % 10.
        try (Tensor x = Tensor.fromFlatIndex(DType.FLOAT32, new long[] {SAMPLES, FEATURES}, i -> (i % 251) / 251.0);
             Tensor y = Tensor.fromFlatIndex(DType.INT32, new long[] {SAMPLES}, i -> i % CLASSES);
             Tensor firstRows = x.rows(0, 256);
             Sequential server = mlp();
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(csv))) {
            out.println("cycle,seconds,rss_mb,arrow_bytes,heap_used_mb");
            out.printf("0,0.0,%.1f,%d,%.1f%n", rssMb(), TensorMemory.allocatedBytes(), heapUsedMb());
            for (int cycle = 1; cycle <= maxCycles && System.nanoTime() - start < minutes * 60e9; cycle++) {
                modelCycle(x, y, firstRows, folder);
                tensorCycle(server);
                out.printf("%d,%.1f,%.1f,%d,%.1f%n", cycle, (System.nanoTime() - start) / 1e9, rssMb(), TensorMemory.allocatedBytes(),
                        heapUsedMb());
                out.flush();
            }
        } finally {
            Files.deleteIfExists(folder.resolve("soak.keras"));
            Files.deleteIfExists(folder);
        }
    }

    static Sequential mlp() {
        Sequential model = kerasModelSequential(s -> s.inputShape(FEATURES))
                .layerDense(128, d -> d.activation("relu"))
                .layerDense(CLASSES, d -> d.activation("softmax"));
        model.compile(c -> c.optimizer("adam").loss("sparse_categorical_crossentropy").metrics("accuracy"));
        return model;
    }

    private static void modelCycle(Tensor x, Tensor y, Tensor firstRows, Path folder) {
        try (Sequential model = mlp()) {
            model.fit(x, y, f -> f.epochs(1).batchSize(64).verbose(0));
            Path file = model.saveModel(folder.resolve("soak.keras"));
            try (Model loaded = loadModel(file); Tensor prediction = loaded.predict(firstRows, p -> p.verbose(0))) {
                prediction.getFloat(0, 0);
            }
        }
    }

    private static void tensorCycle(Sequential server) {
        for (int i = 0; i < TENSOR_CYCLES; i++) {
            try (Tensor batch = Tensor.full(DType.FLOAT32, (double) i / TENSOR_CYCLES, 256, FEATURES);
                 Tensor prediction = server.predictOnBatch(batch)) {
                prediction.getFloat(0, 0);
            }
        }
    }

    /** Java heap in use after a full collection, MB: grows only if Java objects are kept. */
    static double heapUsedMb() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return (runtime.totalMemory() - runtime.freeMemory()) / 1e6;
    }

    /** The process' resident memory in MB (Linux). */
    static double rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return Double.NaN;
    }
}
