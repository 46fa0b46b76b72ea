package jkeras.bench;

import static jkeras.Keras.callbackLambda;
import static jkeras.Keras.datasetFashionMnist;
import static jkeras.Keras.kerasModelSequential;
import static jkeras.Keras.setRandomSeed;
import static jkeras.Keras.toCategorical;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import jkeras.datasets.Dataset;
import jkeras.models.Sequential;
import jkeras.serving.Predictor;
import jkeras.tensor.Tensor;

/**
 * How long a one-row prediction waits while another thread trains: issue 10's goal "answered within
 * two batch times (p99)". One thread fits a tutorial model on Fashion-MNIST (the MLP, whose batches
 * are short, and the CNN); another asks an unrelated model for one-row predictions at random
 * moments 0 to 20 ms apart for the whole fit, through {@code predictOnBatch} or the serving path
 * ({@code predictor()}), picked at random. Batch ends are timestamped by a Java callback, so each
 * prediction also says how many batches ended while it waited. The same predictions with no fit
 * running are measured first. Writes predict_during_fit.json and .md into the results folder.
 *
 * <p>Arguments: the results folder.
 */
public final class PredictDuringFit {
    private PredictDuringFit() {}

    /** One prediction: when it was asked, when answered, and by which path. */
    record Sample(String path, long start, long end) {
        long nanos() {
            return end - start;
        }
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        setRandomSeed(1);
        Map<String, Object> results = new LinkedHashMap<>();
        StringBuilder md = new StringBuilder();
        md.append("""
                # A one-row prediction during another thread's fit

                `scripts/soak latency` on this project's 2-core VM (shared). One thread fits a tutorial model on
                Fashion-MNIST (batch 128); another asks an unrelated small model for one-row predictions at random moments
                0-20 ms apart for the whole fit, through `predictOnBatch` or the serving path (`model.predictor()`), picked
                at random. Calls from other threads run between training batches: a prediction waits for the batch in
                progress, then runs. "Batches passed" counts the training batches that ended while a prediction waited.

                """);
        try (Dataset data = datasetFashionMnist();
             Tensor pixels = data.train().x().reshape(60000, 784);
             Tensor x = pixels.div(255);
             Tensor images = pixels.reshape(60000, 28, 28, 1);
             Tensor xImages = images.div(255);
             Tensor y = toCategorical(data.train().y(), 10);
             Tensor row = x.rows(0, 1);
             Sequential served = kerasModelSequential(s -> s.inputShape(784))
                     .layerDense(64, d -> d.activation("relu")).layerDense(10, d -> d.activation("softmax"));
             Predictor predictor = served.predictor()) {
            try (Sequential mlp = kerasModelSequential(s -> s.inputShape(784))
                    .layerDense(256, d -> d.activation("relu")).layerDropout(0.4)
                    .layerDense(128, d -> d.activation("relu")).layerDropout(0.3)
                    .layerDense(64, d -> d.activation("relu")).layerDropout(0.2)
                    .layerDense(10, d -> d.activation("softmax"))) {
                mlp.compile("rmsprop", "categorical_crossentropy", "accuracy");
                run("MLP tutorial (784-256-128-64-10, dropout), 6 epochs", mlp, x, y, 6, served, predictor, row, results, md);
            }
            try (Sequential cnn = kerasModelSequential(s -> s.inputShape(28, 28, 1))
                    .layerConv2d(32, 3, c -> c.activation("relu")).layerMaxPooling2d(p -> p.poolSize(2, 2))
                    .layerConv2d(64, 3, c -> c.activation("relu")).layerMaxPooling2d(p -> p.poolSize(2, 2))
                    .layerDropout(0.25).layerFlatten().layerDense(10, d -> d.activation("softmax"))) {
                cnn.compile("adam", "categorical_crossentropy", "accuracy");
                run("CNN tutorial (conv32-pool-conv64-pool-dense), 2 epochs", cnn, xImages, y, 2, served, predictor, row, results, md);
            }
        }
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("predict_during_fit.json"), new GsonBuilder().setPrettyPrinting().create().toJson(results) + "\n");
        Files.writeString(folder.resolve("predict_during_fit.md"), md.toString());
        System.out.print(md);
    }

    private static void run(String workload, Sequential trained, Tensor x, Tensor y, int epochs, Sequential served, Predictor predictor,
                            Tensor row, Map<String, Object> results, StringBuilder md) throws Exception {
        for (int i = 0; i < 50; i++) { // both paths traced and warm, as a server's would be
            ask(i % 2 == 0 ? "predictOnBatch" : "predictor", served, predictor, row);
        }
        List<Sample> idle = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            pause();
            idle.add(ask(path(), served, predictor, row));
        }
        List<Long> batchEnds = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean fitting = new AtomicBoolean(true);
        long[] fitNanos = new long[2];
        Thread trainer = new Thread(() -> {
            fitNanos[0] = System.nanoTime();
            trained.fit(x, y, f -> f.epochs(epochs).batchSize(128).verbose(0)
                    .callbacks(callbackLambda(c -> c.onBatchEnd(e -> batchEnds.add(System.nanoTime())))));
            fitNanos[1] = System.nanoTime();
            fitting.set(false);
        }, "trainer");
        trainer.start();
        while (batchEnds.size() < 20) {
            TimeUnit.MILLISECONDS.sleep(1); // under way: its first traces done
        }
        List<Sample> during = new ArrayList<>();
        while (fitting.get()) {
            pause();
            Sample sample = ask(path(), served, predictor, row);
            if (fitting.get()) {
                during.add(sample);
            }
        }
        trainer.join();
        List<Long> ends = new ArrayList<>(batchEnds);
        List<Long> batches = new ArrayList<>();
        for (int i = 1; i < ends.size(); i++) {
            batches.add(ends.get(i) - ends.get(i - 1));
        }
        double batchMedian = ms(quantile(batches, 0.5));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("fit_seconds", (fitNanos[1] - fitNanos[0]) / 1e9);
        result.put("batches", ends.size());
        result.put("batch_ms", quantiles(batches));
        md.append(String.format("## %s%n%n%d batches in %.1f s; %d predictions during the fit.%n%n",
                workload, ends.size(), (fitNanos[1] - fitNanos[0]) / 1e9, during.size()));
        md.append("| ms | median | p90 | p99 | max | batches passed, p99 | p99 in median batch times |\n|---|---|---|---|---|---|---|\n");
        md.append(row("training batch", quantiles(batches), "", ""));
        for (String path : List.of("predictOnBatch", "predictor")) {
            List<Long> busy = during.stream().filter(s -> s.path().equals(path)).map(Sample::nanos).toList();
            List<Long> quiet = idle.stream().filter(s -> s.path().equals(path)).map(Sample::nanos).toList();
            List<Long> passed = during.stream().filter(s -> s.path().equals(path))
                    .map(s -> ends.stream().filter(t -> t >= s.start() && t <= s.end()).count()).toList();
            double ratio = ms(quantile(busy, 0.99)) / batchMedian;
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("predictions", busy.size());
            one.put("during_fit_ms", quantiles(busy));
            one.put("no_fit_ms", quantiles(quiet));
            one.put("batches_passed_p99", quantile(passed, 0.99));
            one.put("p99_in_median_batch_times", ratio);
            result.put(path, one);
            md.append(row(path + " during the fit", quantiles(busy), Long.toString(quantile(passed, 0.99)), String.format("%.2f", ratio)));
            md.append(row(path + ", no fit running", quantiles(quiet), "", ""));
        }
        List<Long> all = during.stream().map(Sample::nanos).toList();
        long passed = quantile(during.stream().map(s -> ends.stream().filter(t -> t >= s.start() && t <= s.end()).count()).toList(), 0.99);
        double ratio = ms(quantile(all, 0.99)) / batchMedian;
        String verdict = ratio <= 2 ? "met" : "not met";
        result.put("p99_all_ms", ms(quantile(all, 0.99)));
        result.put("p99_all_in_median_batch_times", ratio);
        result.put("batches_passed_p99_all", passed);
        result.put("verdict", verdict);
        double idleRatio = ms(quantile(idle.stream().map(Sample::nanos).toList(), 0.99)) / batchMedian;
        result.put("no_fit_p99_in_median_batch_times", idleRatio);
        md.append(String.format("%nGoal: p99 within two batch times. All %d predictions: p99 %.2f ms = %.2f median batch times,"
                + " **%s**; p99 of batches passed while waiting: %d. The same predictions with no fit running have a p99 of"
                + " %.2f batch times by themselves.%n%n", all.size(), ms(quantile(all, 0.99)), ratio, verdict, passed, idleRatio));
        results.put(workload, result);
    }

    private static String row(String what, Map<String, Double> q, String passed, String ratio) {
        return String.format("| %s | %.2f | %.2f | %.2f | %.2f | %s | %s |%n", what, q.get("median"), q.get("p90"), q.get("p99"), q.get("max"),
                passed, ratio);
    }

    private static String path() {
        return ThreadLocalRandom.current().nextBoolean() ? "predictOnBatch" : "predictor";
    }

    private static Sample ask(String path, Sequential served, Predictor predictor, Tensor row) {
        long start = System.nanoTime();
        try (Tensor answer = path.equals("predictor") ? predictor.predict(row) : served.predictOnBatch(row)) {
            answer.getFloat(0, 0);
        }
        return new Sample(path, start, System.nanoTime());
    }

    private static void pause() throws InterruptedException {
        TimeUnit.MICROSECONDS.sleep(ThreadLocalRandom.current().nextInt(20_000));
    }

    private static Map<String, Double> quantiles(List<Long> nanos) {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("median", ms(quantile(nanos, 0.5)));
        out.put("p90", ms(quantile(nanos, 0.9)));
        out.put("p99", ms(quantile(nanos, 0.99)));
        out.put("max", ms(quantile(nanos, 1.0)));
        return out;
    }

    /** The q-quantile (nearest rank). */
    static long quantile(List<Long> values, double q) {
        List<Long> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank)));
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 1e4) / 100.0;
    }
}
