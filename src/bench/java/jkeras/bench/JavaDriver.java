package jkeras.bench;

import static jkeras.Keras.*;

import com.google.gson.Gson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import jkeras.callbacks.TrainingEvent;
import jkeras.datasets.Dataset;
import jkeras.examples.CnnTutorial;
import jkeras.examples.MlpTutorial;
import jkeras.models.Sequential;
import jkeras.tensor.DType;
import jkeras.tensor.Tensor;
import jkeras.training.History;
import jkeras.serving.Predictor;

/**
 * The Java driver of {@code scripts/bench}: the benchmark's workloads written with jkeras' public
 * API as a Java user writes them, data held as jkeras tensors. Speaks the protocol of
 * {@code bench/run_bench.py}: JSON commands on stdin, {@code @@bench} answers on stdout (everything
 * else, Keras' output included, goes to stderr). One {@code fit} per run; between epochs the timing
 * callback answers and waits for the next command, so that the drivers take turns epoch by epoch.
 * The only use of jkeras' internals is {@link #bridgeCall}, for the micro-benchmarks of the bridge.
 */
public final class JavaDriver {
    private static final Gson GSON = new Gson();

    private final PrintStream protocol;
    private final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    private final Path dataFolder = Path.of(System.getenv().getOrDefault("BENCH_DATA", "."));
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

    private void serve() {
        for (Map<String, Object> cmd = readCommand(); cmd != null; cmd = readCommand()) {
            String kind = (String) cmd.get("cmd");
            if ("quit".equals(kind)) {
                break;
            }
            Object result;
            try {
                result = switch (kind) {
                    case "hello" -> hello();
                    case "fit" -> fit(cmd);
                    case "micro" -> micro(cmd);
                    case "threads" -> Map.of("threads", ProcStat.threadCounts(), "libraries", ProcStat.threadingLibraries());
                    default -> throw new IllegalArgumentException("unknown command " + kind);
                };
            } catch (RuntimeException e) {
                result = Map.of("error", e.toString());
            }
            reply(result);
        }
    }

    /** The next command, or null at the end of input. */
    private Map<String, Object> readCommand() {
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> cmd = GSON.fromJson(line, Map.class);
                    return cmd;
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void reply(Object result) {
        protocol.println("@@bench " + GSON.toJson(result));
        protocol.flush();
    }

    private Map<String, Object> hello() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("driver", "java");
        v.put("backend", backend());
        v.put("keras", kerasVersion());
        v.put("java", System.getProperty("java.version"));
        v.put("jvm_flags", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
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

    private Data cifar(int samples, int seed) {
        if ("1".equals(System.getenv("BENCH_USE_CIFAR10"))) {
            Dataset data = datasetCifar10();
            Tensor rows = data.train().x().rows(0, samples);
            Tensor labels = data.train().y().rows(0, samples);
            return new Data(rows.div(255), toCategorical(labels, 10), "cifar10", List.of(data, rows, labels));
        }
        Tensor x = NpyFile.read(dataFile("cifar10", samples, seed, "x"));
        Tensor labels = NpyFile.read(dataFile("cifar10", samples, seed, "y"));
        return new Data(x, toCategorical(labels, 10), "synthetic_cifar10", List.of(labels));
    }

    private Data sequences(int samples, int seed) {
        return new Data(NpyFile.read(dataFile("sequences", samples, seed, "x")),
                NpyFile.read(dataFile("sequences", samples, seed, "y")), "synthetic_sequences", List.of());
    }

    /** A synthetic array run_bench.py wrote (common.data_file names it the same way). */
    private Path dataFile(String kind, int samples, int seed, String part) {
        return dataFolder.resolve(kind + "-" + samples + "-" + seed + "-" + part + ".npy");
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

    /** One run: one fit call, answered epoch by epoch (see {@link Turns}). */
    private Map<String, Object> fit(Map<String, Object> cmd) {
        Data data = load((String) cmd.get("data"), integer(cmd, "samples"), integer(cmd, "seed"));
        setRandomSeed(integer(cmd, "seed"));
        Sequential model = build((String) cmd.get("workload"));
        Turns turns = new Turns(integer(cmd, "epochs"));
        var callback = callbackLambda(c -> c.onTrainBegin(turns::trainBegin)
                .onEpochBegin(turns::epochBegin).onEpochEnd(turns::epochEnd));
        History history = model.fit(data.x(), data.y(), f -> f.epochs(integer(cmd, "epochs"))
                .batchSize(integer(cmd, "batch_size")).verbose(0).callbacks(callback));
        double fitSeconds = (System.nanoTime() - turns.called) / 1e9;
        Map<String, Object> out = new LinkedHashMap<>(turns.last != null ? turns.last : Map.of("stopped", true));
        out.put("fit", fitSeconds - turns.paused);
        out.put("paused", turns.paused);
        out.put("paused_cpu", turns.pausedCpu);
        out.put("paused_threads", turns.pausedThreads);
        out.put("losses", history.metric("loss"));
        out.put("data_source", data.source());
        out.put("x_handed", Map.of("dtype", data.x().dtype().numpyName(), "order", "C"));
        return out;
    }

    /**
     * Times each epoch (wall and process CPU) and, between epochs, reports it and waits for the
     * orchestrator's next "epoch" command. Runs on the Python thread, inside Keras' callbacks.
     */
    private final class Turns {
        final int epochs;
        final long called = System.nanoTime();
        long fitThread;
        Map<Long, ProcStat.ThreadTicks> threads;
        double cpu;
        long start;
        double setup;
        double paused;
        double pausedCpu;
        final Map<String, Double> pausedThreads = new java.util.TreeMap<>();
        Map<String, Object> last;

        Turns(int epochs) {
            this.epochs = epochs;
        }

        void trainBegin(TrainingEvent e) {
            fitThread = ProcStat.thisThreadId();
        }

        void epochBegin(TrainingEvent e) {
            threads = ProcStat.threadTicks();
            cpu = ProcStat.processCpuSeconds();
            start = System.nanoTime();
            if (e.epoch() == 0) {
                setup = (start - called) / 1e9;
            }
        }

        void epochEnd(TrainingEvent e) {
            double wall = (System.nanoTime() - start) / 1e9;
            double used = ProcStat.processCpuSeconds() - cpu;
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("epoch", e.epoch());
            figures.put("wall", wall);
            figures.put("cpu", used);
            figures.put("threads", ProcStat.threadCpu(threads, ProcStat.threadTicks(), fitThread));
            if (e.epoch() == 0) {
                figures.put("setup", setup);
            }
            if (e.epoch() == epochs - 1) {
                last = figures;
                return;
            }
            reply(figures);
            // While this driver waits, another runs its epoch: what this process burns meanwhile
            // (the JVM's own threads included) competes with it, so it is measured too.
            long pausedAt = System.nanoTime();
            double pausedCpuAt = ProcStat.processCpuSeconds();
            Map<Long, ProcStat.ThreadTicks> pausedThreadsAt = ProcStat.threadTicks();
            Map<String, Object> next = readCommand();
            paused += (System.nanoTime() - pausedAt) / 1e9;
            pausedCpu += ProcStat.processCpuSeconds() - pausedCpuAt;
            ProcStat.threadCpu(pausedThreadsAt, ProcStat.threadTicks(), fitThread).forEach((g, v) -> pausedThreads.merge(g, v, Double::sum));
            if (next == null || !"epoch".equals(next.get("cmd"))) {
                e.stopTraining(); // the orchestrator is gone or gave up on this run
            }
        }
    }

    private Map<String, Object> micro(Map<String, Object> cmd) {
        String what = (String) cmd.get("what");
        int repeats = integer(cmd, "repeats");
        if (what.equals("noop")) {
            return Map.of("seconds", timed(() -> bridgeCall("jkeras.benchmarks:noop"), repeats));
        }
        if (what.equals("handoff_188mb")) {
            try (Tensor x = Tensor.zeros(DType.FLOAT32, 60000, 784)) {
                return Map.of("seconds", timed(() -> bridgeCall("jkeras.benchmarks:pointer", x), repeats));
            }
        }
        if (what.equals("callback")) {
            return Map.of("seconds", List.of()); // a Java callback's call is part of batch_hooks' interrupt check
        }
        if (what.equals("batch_hooks")) {
            // What fit runs after every batch because of jkeras (its callback's hooks, its interrupt
            // check), for a callback that, like this driver's, wants epoch events only. Timed in Python.
            try (var callback = callbackLambda(c -> c.onEpochEnd(e -> { }))) {
                return Map.of("seconds", bridgeCall("jkeras.benchmarks:fit_hooks_seconds", callback, repeats));
            }
        }
        setRandomSeed(1);
        Sequential model = build("mlp");
        Predictor predictor = model.predictor();
        try (Tensor sample = NpyFile.read(dataFile("sample", 1, 1, "x"))) {
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

    /**
     * A call of a {@code jkeras.benchmarks} function through the runtime itself: the bridge's own
     * cost, with no Keras work (a no-op; a no-op taking a 188 MB tensor; the per-batch hooks timed
     * in Python). The one place this driver touches jkeras' internals; it moves with the runtime.
     */
    private static Object bridgeCall(String function, Object... args) {
        return jkeras.internal.PythonRuntime.get().call(function, args);
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
