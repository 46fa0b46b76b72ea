package jkeras.bench;

import static jkeras.Keras.*;

import com.google.gson.GsonBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jkeras.examples.MlpTutorial;
import jkeras.internal.PythonRuntime;
import jkeras.models.Sequential;
import jkeras.serving.Predictor;
import jkeras.tensor.Tensor;

/**
 * The cost of one call through the bridge, side by side with the same work timed inside Python (on
 * the same Python thread, in the same minute): a no-op call, and the serving call of the tutorial MLP
 * on one sample ({@code model.predictor()}). Blocks of calls alternate between the two sides; each
 * side reports the median wall time per call and the process CPU time per call (all threads: the
 * spinning hand-off costs CPU that wall time does not show).
 *
 * <p>The "inline" sides make the same Java calls from the Python thread itself (no hand-off): the
 * difference to the plain Java side is what handing a call to the Python thread costs.
 *
 * <pre>run_java jkeras.bench.CallPathBenchmark [ROUNDS] [CALLS_PER_BLOCK] [OUT.json]</pre>
 */
public final class CallPathBenchmark {
    private CallPathBenchmark() {}

    /** Per-call wall times (ns) of every block, and CPU ns per call of each block. */
    private static final class Side {
        final List<Long> wall = new ArrayList<>();
        final List<Double> cpuPerCall = new ArrayList<>();

        Map<String, Object> summary() {
            long[] w = wall.stream().mapToLong(Long::longValue).sorted().toArray();
            double[] c = cpuPerCall.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("calls", w.length);
            out.put("wall_us_p50", w[w.length / 2] / 1e3);
            out.put("wall_us_p10", w[w.length / 10] / 1e3);
            out.put("wall_us_p90", w[w.length * 9 / 10] / 1e3);
            out.put("cpu_us_per_call_median_block", c[c.length / 2] / 1e3);
            return out;
        }
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int perBlock = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        String json = new GsonBuilder().setPrettyPrinting().create().toJson(measure(rounds, perBlock));
        System.out.println(json);
        if (args.length > 2) {
            Files.writeString(Path.of(args[2]), json);
        }
        System.exit(0);
    }

    /** Alternating blocks of each side, {@code rounds} times (after two rounds of warm-up); the summary of each. */
    static Map<String, Object> measure(int rounds, int perBlock) {
        PythonRuntime python = PythonRuntime.get();
        setRandomSeed(1);
        Sequential model = MlpTutorial.model();
        Predictor predictor = model.predictor();
        List<?> made = (List<?>) python.call("jkeras.benchmarks:make_sample", 784, 1);
        Map<String, Side> sides = new LinkedHashMap<>();
        for (String name : List.of("java_noop", "java_noop_inline", "python_noop", "java_serving", "java_serving_inline", "python_serving")) {
            sides.put(name, new Side());
        }
        try (Tensor sample = (Tensor) made.get(0)) {
            for (int round = -2; round < rounds; round++) { // two rounds of warm-up
                boolean keep = round >= 0;
                javaBlock(keep ? sides.get("java_noop") : new Side(), perBlock, () -> python.call("jkeras.benchmarks:noop"));
                Side inline = keep ? sides.get("java_noop_inline") : new Side();
                python.onPythonThread(() -> {
                    javaBlock(inline, perBlock, () -> python.call("jkeras.benchmarks:noop"));
                    return null;
                });
                pythonBlock(keep ? sides.get("python_noop") : new Side(), (List<?>) python.call("jkeras.benchmarks:time_noop", perBlock));
                javaBlock(keep ? sides.get("java_serving") : new Side(), perBlock, () -> predictor.predict(sample).close());
                Side servingInline = keep ? sides.get("java_serving_inline") : new Side();
                python.onPythonThread(() -> {
                    javaBlock(servingInline, perBlock, () -> predictor.predict(sample).close());
                    return null;
                });
                pythonBlock(keep ? sides.get("python_serving") : new Side(),
                        (List<?>) python.call("jkeras.benchmarks:time_predictor", predictor, sample, perBlock));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        sides.forEach((name, side) -> out.put(name, side.summary()));
        double javaServing = (double) ((Map<?, ?>) out.get("java_serving")).get("wall_us_p50");
        double pythonServing = (double) ((Map<?, ?>) out.get("python_serving")).get("wall_us_p50");
        out.put("serving_overhead_us_p50", javaServing - pythonServing);
        predictor.close();
        model.close();
        return out;
    }

    private static void javaBlock(Side side, int calls, Runnable call) {
        long[] wall = new long[calls];
        long cpu = processCpuNanos();
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            call.run();
            wall[i] = System.nanoTime() - start;
        }
        side.cpuPerCall.add((processCpuNanos() - cpu) / (double) calls);
        for (long w : wall) {
            side.wall.add(w);
        }
    }

    /** The process' CPU time (all threads, native ones too), precise to the ns: Python's process_time_ns. */
    private static long processCpuNanos() {
        return ((Number) PythonRuntime.get().call("jkeras.benchmarks:process_cpu_ns")).longValue();
    }

    private static void pythonBlock(Side side, List<?> timed) {
        for (int i = 0; i < timed.size() - 1; i++) {
            side.wall.add(((Number) timed.get(i)).longValue());
        }
        side.cpuPerCall.add(((Number) timed.get(timed.size() - 1)).doubleValue() / (timed.size() - 1));
    }
}
