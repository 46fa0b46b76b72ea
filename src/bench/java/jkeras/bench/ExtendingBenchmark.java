package jkeras.bench;

import static jkeras.Keras.*;

import com.google.gson.GsonBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jkeras.extending.CustomLayer;
import jkeras.extending.Weight;
import jkeras.internal.PythonRuntime;
import jkeras.layers.KerasTensor;
import jkeras.layers.Layer;
import jkeras.layers.Shape;
import jkeras.models.Model;
import jkeras.tensor.Tensor;

/**
 * What a custom layer written in Java costs against the same layer written in Python: the same
 * model (Input 784 → residual dense block → Dense 10 softmax) trained on Fashion-MNIST with the
 * block in Java and in Python, from this one driver, one epoch of each in turn (the same seed, so
 * the same batches and losses): per-epoch wall and process CPU time, the first epoch of each model
 * left out (it traces); and how many times the Java call ran per epoch (once per trace on
 * tensorflow and jax, every step on torch).
 *
 * <p>One JVM runs one backend (its env's, or -Djkeras.backend). Run by {@code scripts/bench extending}.
 * Args: {@code --out FILE --rounds N --pairs N --samples N --batch N --units N}; a round makes a
 * fresh pair of models and trains them {@code pairs} epochs each.
 */
public final class ExtendingBenchmark {
    private ExtendingBenchmark() {}

    /** The block in Java: the twin of {@code jkeras.testing.extending_reference.ResidualDense}. */
    static final class ResidualDense extends CustomLayer {
        private final int units;
        private final Layer dense;
        private Weight projection;
        private Weight scale;
        long calls;

        ResidualDense(int units) {
            this.units = units;
            this.dense = layerDense(units, d -> d.activation("relu"));
        }

        @Override
        protected void build(Shape inputShape) {
            projection = addWeight("projection", shapeOf(lastDim(inputShape), units), w -> w.initializer("glorot_uniform"));
            scale = addWeight("scale", shapeOf(), w -> w.initializer("ones"));
        }

        @Override
        protected Object call(Object inputs) {
            calls++;
            return opAdd(opMatmul(inputs, projection), opMultiply(scale, callLayer(dense, inputs)));
        }
    }

    /**
     * The process' CPU time, all threads, from Python's {@code time.process_time()}: nanosecond
     * resolution, where the JVM's process CPU time counts 10 ms ticks (3% of a 0.3 s jax epoch).
     * One call into Python per epoch boundary, the same for both variants.
     */
    private static long cpuNanos() {
        return ((Number) PythonRuntime.get().call("jkeras.testing.extending_reference:process_cpu_ns")).longValue();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchOptions.parse(args, Map.of("--out", "extending.json", "--rounds", "2",
                "--pairs", "20", "--samples", "60000", "--batch", "128", "--units", "64"));
        int rounds = Integer.parseInt(options.get("--rounds"));
        int pairs = Integer.parseInt(options.get("--pairs"));
        int samples = Integer.parseInt(options.get("--samples"));
        int batch = Integer.parseInt(options.get("--batch"));
        int units = Integer.parseInt(options.get("--units"));

        List<Map<String, Object>> epochs = new ArrayList<>();
        try (var data = datasetFashionMnist();
             Tensor rows = data.train().x().rows(0, samples);
             Tensor flat = arrayReshape(rows, samples, 784);
             Tensor x = flat.div(255);
             Tensor labels = data.train().y().rows(0, samples);
             Tensor y = toCategorical(labels, 10)) {
            for (int round = 0; round < rounds; round++) {
                Map<String, Trained> models = new LinkedHashMap<>();
                for (String variant : List.of("java", "python")) {
                    setRandomSeed(round + 1);
                    models.put(variant, Trained.make(variant, units));
                }
                // One epoch each first: it traces (tensorflow, jax) and warms up; not measured.
                for (Trained m : models.values()) {
                    setRandomSeed(1000 * round);
                    m.epoch(x, y, batch);
                }
                for (int pair = 0; pair < pairs; pair++) {
                    // Alternate which goes first, so that neither always runs on a warmer (or hotter) machine.
                    List<String> order = pair % 2 == 0 ? List.of("java", "python") : List.of("python", "java");
                    for (String variant : order) {
                        setRandomSeed(1000 * round + pair + 1);   // the same batches for both
                        Map<String, Object> epoch = models.get(variant).epoch(x, y, batch);
                        epoch.put("round", round);
                        epoch.put("pair", pair);
                        epoch.put("variant", variant);
                        epochs.add(epoch);
                    }
                }
                System.out.printf("%s round %d: %s%n", backend(), round, epochs.subList(epochs.size() - 2 * pairs, epochs.size()));
                models.values().forEach(m -> m.model.close());
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("backend", backend());
        result.put("versions", PythonRuntime.get().versions());
        result.put("samples", samples);
        result.put("batch", batch);
        result.put("units", units);
        result.put("steps_per_epoch", (samples + batch - 1) / batch);
        result.put("epochs", epochs);
        Path out = Path.of(options.get("--out"));
        Files.writeString(out, new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create().toJson(result));
        System.out.println("wrote " + out);
    }

    /** One model of the comparison, trained an epoch at a time. */
    private static final class Trained {
        final Model model;
        final ResidualDense javaLayer;   // null for the Python one
        private final long[] start = new long[3];
        private final double[] measured = new double[3];
        private final jkeras.callbacks.Callback timer;

        private Trained(Model model, ResidualDense javaLayer) {
            this.model = model;
            this.javaLayer = javaLayer;
            this.timer = callbackLambda(c -> c
                    .onEpochBegin(e -> {
                        start[0] = System.nanoTime();
                        start[1] = cpuNanos();
                        start[2] = calls();
                    })
                    .onEpochEnd(e -> {
                        measured[0] = (System.nanoTime() - start[0]) / 1e9;
                        measured[1] = (cpuNanos() - start[1]) / 1e9;
                        measured[2] = calls() - start[2];
                    }));
        }

        static Trained make(String variant, int units) {
            Model model;
            ResidualDense layer = null;
            if (variant.equals("java")) {
                layer = new ResidualDense(units);
                KerasTensor input = kerasInput(784);
                model = kerasModel(input, layer.apply(input).layerDense(10, d -> d.activation("softmax")));
            } else {
                model = Model.wrap(PythonRuntime.get().call("jkeras.testing.extending_reference:residual_model", units, 10, 784));
            }
            model.compile("adam", "categorical_crossentropy");
            return new Trained(model, layer);
        }

        private long calls() {
            return javaLayer == null ? 0 : javaLayer.calls;
        }

        /** One epoch of fit: its wall and process CPU seconds, the Java call's runs, the loss. */
        Map<String, Object> epoch(Tensor x, Tensor y, int batch) {
            var history = model.fit(x, y, f -> f.epochs(1).batchSize(batch).verbose(0).callbacks(timer));
            Map<String, Object> epoch = new LinkedHashMap<>();
            epoch.put("wall_s", measured[0]);
            epoch.put("cpu_s", measured[1]);
            epoch.put("java_calls", (long) measured[2]);
            epoch.put("loss", history.last("loss"));
            return epoch;
        }
    }
}
