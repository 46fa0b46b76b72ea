package jkeras.serving.http;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import jkeras.Keras;
import jkeras.internal.PythonRuntime;
import jkeras.models.Model;
import jkeras.serving.BatchingPredictor;
import sun.misc.Signal;

/**
 * {@code scripts/serve MODEL.keras [--port N] [--host H] [--max-batch N] [--max-delay-ms N]
 * [--queue N] [--max-body-mb N] [--threads N]}: serves a saved Keras model over HTTP
 * ({@link ModelServer}) until SIGTERM or Ctrl-C, which stop it gracefully: no new connections,
 * requests in progress answered, queued predictions run, then the JVM exits.
 */
public final class ServeCommand {
    private ServeCommand() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> flags = new LinkedHashMap<>();
        Path modelPath = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                usage(0, null);
            } else if (a.startsWith("--")) {
                if (i + 1 >= args.length) {
                    usage(2, a + " needs a value");
                }
                flags.put(a.substring(2), args[++i]);
            } else if (modelPath == null) {
                modelPath = Path.of(a);
            } else {
                usage(2, "one model only; received " + a + " too");
            }
        }
        if (modelPath == null) {
            usage(2, "no model given");
        }
        if (!Files.isRegularFile(modelPath)) {
            usage(2, "no model file at " + modelPath);
        }
        ServerOptions server = new ServerOptions()
                .host(flags.getOrDefault("host", "127.0.0.1"))
                .port(intFlag(flags, "port", 8501))
                .maxBodyBytes((long) intFlag(flags, "max-body-mb", 16) << 20)
                .threads(intFlag(flags, "threads", 128));
        int maxBatch = intFlag(flags, "max-batch", 32);
        int maxDelayMs = intFlag(flags, "max-delay-ms", 2);
        int queue = intFlag(flags, "queue", 1024);
        for (String known : new String[] {"host", "port", "max-body-mb", "threads", "max-batch", "max-delay-ms", "queue"}) {
            flags.remove(known);
        }
        if (!flags.isEmpty()) {
            usage(2, "unknown option --" + flags.keySet().iterator().next());
        }

        Model model = Keras.loadModel(modelPath, l -> l.compile(false));
        BatchingPredictor predictor = model.predictor(p -> p.maxBatchSize(maxBatch)
                .maxDelay(Duration.ofMillis(maxDelayMs)).queueCapacity(queue));
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("model", modelPath.getFileName().toString());
        about.put("backend", PythonRuntime.get().backend());
        ModelServer http = ModelServer.start(predictor, server, about);

        CountDownLatch stopped = new CountDownLatch(1);
        Runnable stop = () -> {
            System.err.println("jkeras serve: stopping (answering the requests in progress)");
            http.close();
            predictor.close();
            model.close();
            stopped.countDown();
        };
        // Our own handlers, not a shutdown hook: hooks run in no set order, and Python's own hook
        // refuses new calls at once, which would fail the requests still in progress.
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> new Thread(stop, "jkeras-serve-stop").start());
        }
        System.out.println("jkeras serve: " + modelPath.getFileName() + " on http://" + server.host() + ":" + http.port()
                + " (POST /predict, GET /metadata, GET /healthz); inputs " + predictor.signature().inputs()
                + "; max batch " + maxBatch + ", max delay " + maxDelayMs + " ms");
        System.out.flush();
        stopped.await();
        System.exit(0);
    }

    private static int intFlag(Map<String, String> flags, String name, int fallback) {
        String v = flags.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            usage(2, "--" + name + ": expected a whole number; received " + v);
            return fallback;
        }
    }

    private static void usage(int status, String problem) {
        if (problem != null) {
            System.err.println("jkeras serve: " + problem);
        }
        System.err.println("usage: scripts/serve MODEL.keras [--port N (8501)] [--host H (127.0.0.1)] [--max-batch N (32)]"
                + " [--max-delay-ms N (2)] [--queue N (1024)] [--max-body-mb N (16)] [--threads N (128)]");
        System.exit(status);
    }
}
