package jkeras.bench;

import static jkeras.Keras.*;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import jkeras.examples.MlpTutorial;
import jkeras.internal.PythonRuntime;
import jkeras.models.Sequential;
import jkeras.serving.BatchingPredictor;
import jkeras.serving.Predictor;
import jkeras.serving.http.ModelServer;
import jkeras.serving.http.ServerOptions;
import jkeras.tensor.Tensor;

/**
 * The serving benchmark's Java side ({@code scripts/bench serving}): the tutorial MLP served to 1, 4,
 * 16 and 64 client threads sending one-sample requests in a closed loop (each sends its next request
 * when the last is answered), through the one-at-a-time {@link Predictor}, the
 * {@link BatchingPredictor}, and over HTTP (keep-alive, JSON and binary bodies) with the load
 * generator in this JVM; requests per second and latency percentiles of each. Beside them: the time
 * of one call of 1 to 64 rows (the batch times the latency goal refers to) and the call-path
 * figures of {@link CallPathBenchmark}. The Python anchor is {@code bench/serving_anchor.py}.
 *
 * <pre>run_java jkeras.bench.ServingBenchmark OUT.json [--seconds S] [--threads 1,4,16,64] [--max-batch N] [--max-delay-ms N]</pre>
 */
public final class ServingBenchmark {
    private static final int FEATURES = 784;
    private static final int SAMPLES = 256;

    private final double seconds;
    private final double warmup;
    private final Tensor[] samples = new Tensor[SAMPLES];

    private ServingBenchmark(double seconds) {
        this.seconds = seconds;
        this.warmup = Math.min(2.0, Math.max(0.5, seconds / 4));
        Random random = new Random(1);
        for (int i = 0; i < SAMPLES; i++) {
            float[] row = new float[FEATURES];
            for (int j = 0; j < FEATURES; j++) {
                row[j] = random.nextFloat();
            }
            samples[i] = Tensor.of(row, 1, FEATURES);
        }
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            flags.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        double seconds = Double.parseDouble(flags.getOrDefault("seconds", "8"));
        int[] threadCounts = Arrays.stream(flags.getOrDefault("threads", "1,4,16,64").split(",")).mapToInt(Integer::parseInt).toArray();
        int maxBatch = Integer.parseInt(flags.getOrDefault("max-batch", "32"));
        int maxDelayMs = Integer.parseInt(flags.getOrDefault("max-delay-ms", "2"));
        int callRounds = Integer.parseInt(flags.getOrDefault("call-rounds", "30"));
        String parts = flags.getOrDefault("parts", "calls,inprocess,http");

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("versions", PythonRuntime.get().versions());
        result.put("seconds_per_point", seconds);
        result.put("max_batch", maxBatch);
        result.put("max_delay_ms", maxDelayMs);
        if (parts.contains("calls")) {
            result.put("call_path", CallPathBenchmark.measure(callRounds, 200));
        }

        ServingBenchmark bench = new ServingBenchmark(seconds);
        setRandomSeed(1);
        Sequential model = MlpTutorial.model();
        if (parts.contains("inprocess")) {
            bench.inProcess(model, threadCounts, maxBatch, maxDelayMs, result);
        }
        if (parts.contains("http")) {
            bench.overHttp(model, threadCounts, maxBatch, maxDelayMs, result);
        }
        model.close();
        for (Tensor t : bench.samples) {
            t.close();
        }
        Files.writeString(out, new GsonBuilder().setPrettyPrinting().create().toJson(result));
        System.err.println("wrote " + out);
        System.exit(0);
    }

    private void inProcess(Sequential model, int[] threadCounts, int maxBatch, int maxDelayMs, Map<String, Object> result)
            throws InterruptedException {
        ServingBenchmark bench = this;
        try (Predictor plain = model.predictor()) {
            result.put("batch_call_us", bench.batchTimes(plain));
            Map<String, Object> oneAtATime = new LinkedHashMap<>();
            for (int threads : threadCounts) {
                oneAtATime.put(Integer.toString(threads), bench.closedLoop(threads, x -> plain.predict(x).close()).toMap());
                System.err.println("one-at-a-time, " + threads + " threads: " + oneAtATime.get(Integer.toString(threads)));
            }
            result.put("one_at_a_time", oneAtATime);
        }
        Map<String, Object> batching = new LinkedHashMap<>();
        for (int threads : threadCounts) {
            try (BatchingPredictor predictor = model.predictor(p -> p.maxBatchSize(maxBatch).maxDelay(Duration.ofMillis(maxDelayMs)))) {
                Map<String, Object> point = bench.closedLoop(threads, x -> predictor.predict(x).close()).toMap();
                point.put("mean_batch_rows", predictor.stats().meanBatchRows());
                batching.put(Integer.toString(threads), point);
                System.err.println("batching, " + threads + " threads: " + point);
            }
        }
        result.put("batching", batching);
    }

    private void overHttp(Sequential model, int[] threadCounts, int maxBatch, int maxDelayMs, Map<String, Object> result)
            throws Exception {
        ServingBenchmark bench = this;
        try (BatchingPredictor predictor = model.predictor(p -> p.maxBatchSize(maxBatch).maxDelay(Duration.ofMillis(maxDelayMs)));
             ModelServer server = ModelServer.start(predictor, new ServerOptions().port(0), Map.of("model", "mlp"))) {
            for (String format : List.of("json", "binary")) {
                Map<String, Object> http = new LinkedHashMap<>();
                byte[][] requests = bench.httpRequests(format);
                for (int threads : threadCounts) {
                    long batchesBefore = predictor.stats().batches();
                    long rowsBefore = predictor.stats().rows();
                    Map<String, Object> point = bench.httpLoop(server.port(), threads, requests).toMap();
                    long batches = predictor.stats().batches() - batchesBefore;
                    point.put("mean_batch_rows", batches == 0 ? 0 : (double) (predictor.stats().rows() - rowsBefore) / batches);
                    http.put(Integer.toString(threads), point);
                    System.err.println("http " + format + ", " + threads + " clients: " + point);
                }
                result.put("http_" + format, http);
            }
        }
    }

    /** Median time of one call of {@code rows} rows through the one-at-a-time predictor. */
    private Map<String, Double> batchTimes(Predictor plain) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int rows : new int[] {1, 4, 16, 32, 64}) {
            float[] data = new float[rows * FEATURES];
            Arrays.fill(data, 0.5f);
            try (Tensor x = Tensor.of(data, rows, FEATURES)) {
                long[] times = new long[60];
                for (int i = -20; i < times.length; i++) {
                    long start = System.nanoTime();
                    plain.predict(x).close();
                    if (i >= 0) {
                        times[i] = System.nanoTime() - start;
                    }
                }
                Arrays.sort(times);
                out.put(Integer.toString(rows), times[times.length / 2] / 1e3);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ closed-loop clients

    interface Call {
        void run(Tensor x) throws Exception;
    }

    /** Requests answered in the measured window and their latencies. */
    record Point(long requests, double seconds, long[] latenciesNanos, long errors) {
        Map<String, Object> toMap() {
            long[] sorted = latenciesNanos.clone();
            Arrays.sort(sorted);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("requests_per_second", requests / seconds);
            m.put("p50_ms", percentile(sorted, 0.50) / 1e6);
            m.put("p90_ms", percentile(sorted, 0.90) / 1e6);
            m.put("p99_ms", percentile(sorted, 0.99) / 1e6);
            m.put("requests", requests);
            m.put("errors", errors);
            return m;
        }

        private static double percentile(long[] sorted, double q) {
            return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
        }
    }

    private Point closedLoop(int threads, Call call) throws InterruptedException {
        return run(threads, (thread, n) -> {
            call.run(samples[(int) ((thread * 37 + n) % SAMPLES)]);
            return true;
        }, null);
    }

    interface Client {
        /** Sends request {@code n} of client {@code thread}; whether it succeeded. */
        boolean request(int thread, long n) throws Exception;
    }

    interface Setup {
        AutoCloseable open(int thread) throws Exception;
    }

    private Point run(int threads, Client client, Setup setup) throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmup * 1e9);
        long measureTo = measureFrom + (long) (seconds * 1e9);
        List<long[]> latencies = new ArrayList<>();
        long[] counts = new long[threads];
        AtomicLong errors = new AtomicLong();
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            long[] mine = new long[1 << 20];
            latencies.add(mine);
            Thread worker = new Thread(() -> {
                try (AutoCloseable resource = setup == null ? null : setup.open(thread)) {
                    long n = 0;
                    while (true) {
                        long begin = System.nanoTime();
                        if (begin >= measureTo) {
                            break;
                        }
                        boolean ok = client.request(thread, n++);
                        long end = System.nanoTime();
                        if (!ok) {
                            errors.incrementAndGet();
                        } else if (begin >= measureFrom && end <= measureTo && counts[thread] < mine.length) {
                            mine[(int) counts[thread]++] = end - begin;
                        }
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                    e.printStackTrace();
                } finally {
                    done.countDown();
                }
            }, "bench-client-" + t);
            worker.setDaemon(true);
            worker.start();
        }
        done.await();
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        long[] all = new long[(int) total];
        int at = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(latencies.get(t), 0, all, at, (int) counts[t]);
            at += (int) counts[t];
        }
        return new Point(total, seconds, all, errors.get());
    }

    // ------------------------------------------------------------------ HTTP load generator (keep-alive, raw sockets)

    /** One ready-made request per sample. */
    private byte[][] httpRequests(String format) {
        byte[][] out = new byte[SAMPLES][];
        for (int i = 0; i < SAMPLES; i++) {
            float[] row = samples[i].toFloatArray();
            byte[] body;
            String head;
            if (format.equals("json")) {
                StringBuilder s = new StringBuilder("{\"instances\":[[");
                for (int j = 0; j < row.length; j++) {
                    s.append(j > 0 ? "," : "").append(row[j]);
                }
                body = s.append("]]}").toString().getBytes(StandardCharsets.UTF_8);
                head = "Content-Type: application/json\r\n";
            } else {
                ByteBuffer b = ByteBuffer.allocate(row.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                b.asFloatBuffer().put(row);
                body = b.array();
                head = "Content-Type: application/octet-stream\r\nX-Shape: 1," + FEATURES + "\r\n";
            }
            byte[] start = ("POST /predict HTTP/1.1\r\nHost: 127.0.0.1\r\n" + head + "Content-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            out[i] = new byte[start.length + body.length];
            System.arraycopy(start, 0, out[i], 0, start.length);
            System.arraycopy(body, 0, out[i], start.length, body.length);
        }
        return out;
    }

    /** One keep-alive connection of a client, with its own read buffer. */
    private static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final byte[] buffer = new byte[1 << 16];
        private int start;
        private int end;

        Connection(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        /** Sends one request and reads its response (Content-Length framed); the status. */
        int exchange(byte[] request) throws IOException {
            out.write(request);
            int headerEnd;
            while ((headerEnd = find(buffer, start, end)) < 0) {
                fill();
            }
            String head = new String(buffer, start, headerEnd - start, StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(head.substring(9, 12));
            long length = 0;
            int at = head.toLowerCase(java.util.Locale.ROOT).indexOf("\r\ncontent-length:");
            if (at >= 0) {
                int lineEnd = head.indexOf('\r', at + 2);
                length = Long.parseLong(head.substring(at + 17, lineEnd < 0 ? head.length() : lineEnd).trim());
            }
            start = headerEnd + 4;
            while (end - start < length) {
                fill();
            }
            start += (int) length;
            return status;
        }

        private void fill() throws IOException {
            if (start == end) {
                start = end = 0;
            } else if (end == buffer.length) {
                System.arraycopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            int n = in.read(buffer, end, buffer.length - end);
            if (n < 0) {
                throw new IOException("connection closed");
            }
            end += n;
        }

        private static int find(byte[] b, int from, int to) {
            for (int i = from; i + 3 < to; i++) {
                if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private Point httpLoop(int port, int threads, byte[][] requests) throws InterruptedException {
        Connection[] connections = new Connection[threads];
        return run(threads, (thread, n) -> connections[thread].exchange(requests[(int) ((thread * 37 + n) % SAMPLES)]) == 200,
                thread -> connections[thread] = new Connection(port));
    }
}
