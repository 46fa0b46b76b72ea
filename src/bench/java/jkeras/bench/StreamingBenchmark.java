package jkeras.bench;

import static jkeras.Keras.arrayReshape;
import static jkeras.Keras.backend;
import static jkeras.Keras.datasetFashionMnist;
import static jkeras.Keras.setRandomSeed;
import static jkeras.Keras.toCategorical;

import com.google.gson.GsonBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import jkeras.data.Batch;
import jkeras.data.DataSource;
import jkeras.data.RecordFile;
import jkeras.examples.MlpTutorial;
import jkeras.internal.PythonRuntime;
import jkeras.models.Model;
import jkeras.tensor.Tensor;

/**
 * What feeding Keras from a Java data source costs against the same fit from in-memory NumPy
 * arrays in plain Python: the MLP tutorial on Fashion-MNIST, three models made alike (same seed),
 * one epoch of each in turn, the order rotating every pair: "python" (arrays Python owns),
 * "source" (the same data as tensors through {@code DataSource.fromTensors(x, y).batch(128)}) and
 * "records" (memory-mapped .npy files through {@code DataSource.fromNpy}). Every epoch runs the same
 * Python function ({@code jkeras.testing.streaming_reference:timed_epoch}): the same fit call and
 * timing callback, only the data differs. The first epoch of each model is left out (tracing).
 *
 * <p>Args: {@code --out DIR --pairs N --samples N --batch N}. Writes streaming.json and streaming.md.
 * Run by {@code scripts/bench streaming}.
 */
public final class StreamingBenchmark {
    private static final List<String> VARIANTS = List.of("python", "source", "records");
    private static final String REFERENCE = "jkeras.testing.streaming_reference:";

    private StreamingBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchOptions.parse(args, Map.of("--out", "bench/results", "--pairs", "20",
                "--samples", "60000", "--batch", "128"));
        int pairs = Integer.parseInt(options.get("--pairs"));
        int samples = Integer.parseInt(options.get("--samples"));
        int batch = Integer.parseInt(options.get("--batch"));
        Path out = Path.of(options.get("--out"));
        Files.createDirectories(out);
        Path work = Files.createTempDirectory("jkeras-streaming-bench");
        PythonRuntime python = PythonRuntime.get();
        List<Map<String, Object>> epochs = new ArrayList<>();
        try (var data = datasetFashionMnist();
             Tensor rows = data.train().x().rows(0, samples);
             Tensor flat = arrayReshape(rows, samples, 784);
             Tensor x = flat.div(255);
             Tensor labels = data.train().y().rows(0, samples);
             Tensor y = toCategorical(labels, 10)) {
            python.call(REFERENCE + "keep_copy", "x", x);
            python.call(REFERENCE + "keep_copy", "y", y);
            Path xFile = RecordFile.writeNpy(work.resolve("x.npy"), x);
            Path yFile = RecordFile.writeNpy(work.resolve("y.npy"), y);
            Map<String, Model> models = new LinkedHashMap<>();
            for (String variant : VARIANTS) {
                setRandomSeed(1);
                Model model = MlpTutorial.model();
                model.compile("adam", "categorical_crossentropy", "accuracy");
                models.put(variant, model);
            }
            for (int pair = -1; pair < pairs; pair++) { // pair -1: the first epoch of each, left out
                List<String> order = new ArrayList<>(VARIANTS);
                java.util.Collections.rotate(order, Math.max(pair, 0));
                for (String variant : order) {
                    setRandomSeed(1000 + pair);
                    List<?> measured;
                    if (variant.equals("python")) {
                        measured = (List<?>) python.call(REFERENCE + "timed_epoch", models.get(variant), "x", "y", batch);
                    } else {
                        try (DataSource<Batch> source = variant.equals("source")
                                ? DataSource.fromTensors(x, y).batch(batch)
                                : DataSource.fromNpy(xFile, yFile).batch(batch)) {
                            measured = (List<?>) python.call(REFERENCE + "timed_epoch", models.get(variant), source, null, batch);
                        }
                    }
                    if (pair >= 0) {
                        Map<String, Object> epoch = new LinkedHashMap<>();
                        epoch.put("pair", pair);
                        epoch.put("variant", variant);
                        epoch.put("wall_s", ((Number) measured.get(0)).doubleValue());
                        epoch.put("cpu_s", ((Number) measured.get(1)).doubleValue());
                        epoch.put("loss", ((Number) measured.get(2)).doubleValue());
                        epochs.add(epoch);
                    }
                }
                System.out.printf("pair %d: %s%n", pair, pair < 0 ? "warm-up" : epochs.subList(epochs.size() - 3, epochs.size()));
            }
            models.values().forEach(Model::close);
            python.call(REFERENCE + "forget", "x");
            python.call(REFERENCE + "forget", "y");
        } finally {
            try (var files = Files.list(work)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(work);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("backend", backend());
        result.put("samples", samples);
        result.put("batch", batch);
        result.put("pairs", pairs);
        result.put("epochs", epochs);
        Files.writeString(out.resolve("streaming.json"), new GsonBuilder().setPrettyPrinting().create().toJson(result));
        Files.writeString(out.resolve("streaming.md"), report(epochs, samples, batch, pairs));
        System.out.println(Files.readString(out.resolve("streaming.md")));
    }

    private static String report(List<Map<String, Object>> epochs, int samples, int batch, int pairs) {
        StringBuilder md = new StringBuilder();
        md.append("# Streaming from Java data sources against in-memory arrays in plain Python\n\n")
                .append(String.format("`scripts/bench streaming` (%s backend): the MLP tutorial on Fashion-MNIST, %d samples, batch %d,"
                        + " %d epoch triples (one epoch of each variant in turn, the order rotating; first epochs left out)."
                        + " Speed is the in-memory epoch time divided by the variant's: the geometric mean of the per-triple"
                        + " ratios, with a 95%% bootstrap interval (2000 resamples of the triples).%n%n", backend(), samples, batch, pairs))
                .append("| variant | median epoch, wall (s) | median epoch, CPU (s) | speed vs in-memory, wall | speed, CPU | goal ≥ 0.95 (wall) | same losses |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (String variant : VARIANTS) {
            double[] wall = column(epochs, variant, "wall_s");
            double[] cpu = column(epochs, variant, "cpu_s");
            if (variant.equals("python")) {
                md.append(String.format("| python, in memory | %.3f | %.3f | 1 | 1 | | |%n", median(wall), median(cpu)));
                continue;
            }
            double[] speedWall = speed(column(epochs, "python", "wall_s"), wall);
            double[] speedCpu = speed(column(epochs, "python", "cpu_s"), cpu);
            double[] lossPython = column(epochs, "python", "loss");
            double[] loss = column(epochs, variant, "loss");
            double maxDiff = 0;
            for (int i = 0; i < loss.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(loss[i] - lossPython[i]));
            }
            String verdict = speedWall[1] >= 0.95 ? "met" : speedWall[2] < 0.95 ? "not met" : "not resolved (the interval spans 0.95)";
            md.append(String.format("| %s | %.3f | %.3f | %.3f [%.3f, %.3f] | %.3f [%.3f, %.3f] | %s | %s (max difference %.1e) |%n",
                    variant.equals("source") ? "Java source over tensors" : "Java source over memory-mapped .npy records",
                    median(wall), median(cpu), speedWall[0], speedWall[1], speedWall[2], speedCpu[0], speedCpu[1], speedCpu[2],
                    verdict, maxDiff < 1e-5 ? "yes" : "no", maxDiff));
        }
        md.append("\nThe 4 GiB streaming run (`scripts/soak stream`, LargeFileStreamingTest) reports the resident memory beside its throughput.\n");
        return md.toString();
    }

    private static double[] column(List<Map<String, Object>> epochs, String variant, String key) {
        return epochs.stream().filter(e -> e.get("variant").equals(variant)).mapToDouble(e -> (Double) e.get(key)).toArray();
    }

    /** Geometric mean of reference[i] / variant[i] and its percentile-bootstrap 95% interval. */
    private static double[] speed(double[] reference, double[] variant) {
        int n = reference.length;
        double[] logs = new double[n];
        for (int i = 0; i < n; i++) {
            logs[i] = Math.log(reference[i] / variant[i]);
        }
        SplittableRandom random = new SplittableRandom(7);
        double[] means = new double[2000];
        for (int b = 0; b < means.length; b++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += logs[random.nextInt(n)];
            }
            means[b] = sum / n;
        }
        Arrays.sort(means);
        return new double[] {Math.exp(Arrays.stream(logs).average().orElse(Double.NaN)),
                Math.exp(means[(int) (0.025 * means.length)]), Math.exp(means[(int) (0.975 * means.length) - 1])};
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
