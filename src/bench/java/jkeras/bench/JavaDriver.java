package jkeras.bench;

import static jkeras.Keras.*;

import com.google.gson.Gson;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import jkeras.datasets.Dataset;
import jkeras.examples.CnnTutorial;
import jkeras.examples.MlpTutorial;
import jkeras.models.Sequential;
import jkeras.internal.PythonRuntime;
import jkeras.tensor.DType;
import jkeras.tensor.Tensor;
import jkeras.training.History;
import jkeras.serving.Predictor;

/**
 * The Java driver of {@code scripts/bench}: the benchmark's workloads written with jkeras' public
 * API as a Java user writes them, data held as jkeras tensors. Speaks the protocol of
 * {@code bench/run_bench.py}: JSON commands on stdin, {@code @@bench} answers on stdout (everything
 * else, Keras' output included, goes to stderr).
 */
public final class JavaDriver {
    private static final Gson GSON = new Gson();

    private final PrintStream protocol;
    private final Map<String, Data> cache = new HashMap<>();

    private record Data(Tensor x, Tensor y, String source, List<AutoCloseable> owned) {}

    private JavaDriver(PrintStream protocol) {
        this.protocol = protocol;
    }

    public static void main(String[] args) throws Exception {
        PrintStream protocol = System.out;
        System.setOut(System.err);
        new JavaDriver(protocol).serve();
    }

    private void serve() throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> cmd = GSON.fromJson(line, Map.class);
            String kind = (String) cmd.get("cmd");
            if ("quit".equals(kind)) {
                break;
            }
            Object result;
            try {
                result = switch (kind) {
                    case "hello" -> hello();
                    case "train" -> train(cmd);
                    case "micro" -> micro(cmd);
                    default -> throw new IllegalArgumentException("unknown command " + kind);
                };
            } catch (RuntimeException e) {
                result = Map.of("error", e.toString());
            }
            protocol.println("@@bench " + GSON.toJson(result));
            protocol.flush();
        }
    }

    private Map<String, Object> hello() {
        Map<String, Object> v = new LinkedHashMap<>(PythonRuntime.get().versions());
        v.put("driver", "java");
        v.put("java", System.getProperty("java.version"));
        return v;
    }

    private static int integer(Map<String, Object> cmd, String key) {
        return ((Number) cmd.get(key)).intValue();
    }

    // ------------------------------------------------------------------ data, as a Java user prepares it

    private Data load(String kind, int samples, int seed) {
        return cache.computeIfAbsent(kind + " " + samples, k -> switch (kind) {
            case "fashion_mnist_flat" -> images(samples, true);
            case "fashion_mnist_images" -> images(samples, false);
            case "cifar10" -> cifar(samples, seed);
            case "sequences" -> sequences(samples, seed);
            default -> throw new IllegalArgumentException(kind);
        });
    }

    private static Data images(int samples, boolean flat) {
        boolean mnist = "1".equals(System.getenv("BENCH_USE_MNIST"));
        Dataset data = mnist ? datasetMnist() : datasetFashionMnist();
        Tensor rows = data.train().x().rows(0, samples);
        Tensor shaped = flat ? arrayReshape(rows, samples, 784) : arrayReshape(rows, samples, 28, 28, 1);
        Tensor labels = data.train().y().rows(0, samples);
        Tensor x = shaped.div(255);
        Tensor y = toCategorical(labels, 10);
        return new Data(x, y, mnist ? "mnist" : "fashion_mnist", List.of(data, rows, shaped, labels));
    }

    private static Data cifar(int samples, int seed) {
        if ("1".equals(System.getenv("BENCH_USE_CIFAR10"))) {
            Dataset data = datasetCifar10();
            Tensor rows = data.train().x().rows(0, samples);
            Tensor labels = data.train().y().rows(0, samples);
            return new Data(rows.div(255), toCategorical(labels, 10), "cifar10", List.of(data, rows, labels));
        }
        List<?> made = (List<?>) PythonRuntime.get().call("jkeras.benchmarks:make_synthetic_cifar", samples, seed);
        Tensor labels = (Tensor) made.get(1);
        return new Data((Tensor) made.get(0), toCategorical(labels, 10), "synthetic_cifar10", List.of(labels));
    }

    private static Data sequences(int samples, int seed) {
        List<?> made = (List<?>) PythonRuntime.get().call("jkeras.benchmarks:make_sequences", samples, seed);
        return new Data((Tensor) made.get(0), (Tensor) made.get(1), "synthetic_sequences", List.of());
    }

    // ------------------------------------------------------------------ the workloads' models

    static Sequential build(String workload) {
        return switch (workload) {
            // The tutorials' models, as scripts/demo runs them.
            case "mlp" -> compiled(MlpTutorial.model(), "adam", "categorical_crossentropy");
            case "cnn" -> compiled(CnnTutorial.model(), "adam", "categorical_crossentropy");
            case "cifar_cnn" -> compiled(kerasModelSequential(s -> s.inputShape(32, 32, 3))
                    .layerConv2d(32, 3, c -> c.padding("same").activation("relu"))
                    .layerConv2d(32, 3, c -> c.activation("relu"))
                    .layerMaxPooling2d(p -> p.poolSize(2))
                    .layerDropout(0.25)
                    .layerConv2d(64, 3, c -> c.padding("same").activation("relu"))
                    .layerConv2d(64, 3, c -> c.activation("relu"))
                    .layerMaxPooling2d(p -> p.poolSize(2))
                    .layerDropout(0.25)
                    .layerFlatten()
                    .layerDense(512, d -> d.activation("relu"))
                    .layerDropout(0.5)
                    .layerDense(10, d -> d.activation("softmax")),
                    optimizerRmsprop(o -> o.learningRate(1e-4)), "categorical_crossentropy");
            case "hrnn" -> compiled(kerasModelSequential(s -> s.inputShape(28, 28, 1))
                    .layerTimeDistributed(layerLstm(64))
                    .layerLstm(64)
                    .layerDense(10, d -> d.activation("softmax")), "rmsprop", "categorical_crossentropy");
            case "rnn" -> compiled(kerasModelSequential(s -> s.inputShape(80))
                    .layerEmbedding(1000, 32)
                    .layerLstm(32)
                    .layerDense(1, d -> d.activation("sigmoid")), "adam", "binary_crossentropy");
            default -> throw new IllegalArgumentException(workload);
        };
    }

    private static Sequential compiled(Sequential model, Object optimizer, String loss) {
        model.compile(optimizer, loss, "accuracy");
        return model;
    }

    // ------------------------------------------------------------------ commands

    private Map<String, Object> train(Map<String, Object> cmd) {
        Data data = load((String) cmd.get("data"), integer(cmd, "samples"), integer(cmd, "seed"));
        setRandomSeed(integer(cmd, "seed"));
        Sequential model = build((String) cmd.get("workload"));
        List<Double> seconds = new ArrayList<>();
        long[] started = new long[1];
        var timer = callbackLambda(c -> c
                .onEpochBegin(e -> started[0] = System.nanoTime())
                .onEpochEnd(e -> seconds.add((System.nanoTime() - started[0]) / 1e9)));
        long start = System.nanoTime();
        History history = model.fit(data.x(), data.y(), f -> f.epochs(integer(cmd, "epochs"))
                .batchSize(integer(cmd, "batch_size")).verbose(0).callbacks(timer));
        double fitSeconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("epoch_seconds", seconds);
        out.put("fit_seconds", fitSeconds);
        out.put("losses", history.metric("loss"));
        out.put("data_source", data.source());
        return out;
    }

    private Map<String, Object> micro(Map<String, Object> cmd) {
        String what = (String) cmd.get("what");
        int repeats = integer(cmd, "repeats");
        PythonRuntime python = PythonRuntime.get();
        if (what.equals("noop")) {
            return Map.of("seconds", timed(() -> python.call("jkeras.benchmarks:noop"), repeats));
        }
        if (what.equals("handoff_188mb")) {
            try (Tensor x = Tensor.zeros(DType.FLOAT32, 60000, 784)) {
                return Map.of("seconds", timed(() -> python.call("jkeras.benchmarks:pointer", x), repeats));
            }
        }
        setRandomSeed(1);
        Sequential model = build("mlp");
        List<?> made = (List<?>) python.call("jkeras.benchmarks:make_sample", 784, 1);
        Predictor predictor = model.predictor();
        try (Tensor sample = (Tensor) made.get(0)) {
            Supplier<Object> call = switch (what) {
                // jkeras' fast path is the compiled predictor; predict_on_batch is measured too.
                case "fast_path_one", "serving_one" -> () -> closeAndReturn(predictor.predict(sample));
                case "predict_on_batch_one" -> () -> closeAndReturn(model.predictOnBatch(sample));
                case "predict_one" -> () -> closeAndReturn(model.predict(sample, p -> p.verbose(0)));
                default -> throw new IllegalArgumentException(what);
            };
            return Map.of("seconds", timed(call, repeats));
        }
    }

    private static Object closeAndReturn(Tensor t) {
        t.close();
        return t;
    }

    private static List<Double> timed(Supplier<Object> call, int repeats) {
        for (int i = 0; i < Math.min(20, repeats); i++) {
            call.get();
        }
        List<Double> out = new ArrayList<>(repeats);
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            call.get();
            out.add((System.nanoTime() - start) / 1e9);
        }
        return out;
    }
}
