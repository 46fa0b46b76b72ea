package jkeras.serving.http;

import com.google.gson.Gson;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jkeras.serving.BatchingPredictor;
import jkeras.serving.PredictionRejectedException;
import jkeras.serving.TensorSpec;
import jkeras.tensor.Tensor;

/**
 * Predictions over HTTP/1.1 on the JDK's own {@code com.sun.net.httpserver}, in front of a
 * {@link BatchingPredictor} (so concurrent clients share batches):
 * <ul>
 * <li>{@code POST /predict}: a JSON body ({@code {"instances": [...]}} or {@code {"inputs": ...}},
 * see {@link JsonBodies}), or a raw little-endian float32 body ({@code Content-Type:
 * application/octet-stream} with its shape in {@code X-Shape} or {@code ?shape=1,784}).</li>
 * <li>{@code GET /metadata}: input and output names, shapes and dtypes; the batching settings.</li>
 * <li>{@code GET /healthz}: 200 while serving, 503 once stopping.</li>
 * </ul>
 * A bad request gets a 4xx with {@code {"error": "...", "status": N}}: malformed JSON, wrong shape,
 * wrong dtype or a non-numeric value (400), a body over {@link ServerOptions#maxBodyBytes} (413),
 * an unknown path (404), a wrong method (405), an unknown content type (415); a full queue 503 with
 * {@code Retry-After}. Nothing a client sends stops or stalls the server. {@link #close()} stops
 * accepting, lets the requests in progress finish (within {@link ServerOptions#shutdownGrace}),
 * then returns; the predictor stays the caller's to close.
 */
public final class ModelServer implements AutoCloseable {
    static {
        // The JDK server writes headers and body apart; with Nagle's algorithm on, the body then
        // waits for the client's delayed ACK: 40 ms a request on keep-alive connections. Read once,
        // when the server's configuration class loads, so it is set before any server exists.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final Gson GSON = new Gson();
    /** Read as JSON: JSON's own types, none, and what curl -d sends by default. */
    private static final java.util.Set<String> JSON_TYPES =
            java.util.Set.of("", "application/json", "text/json", "text/plain", "application/x-www-form-urlencoded");
    private static final byte[] HEALTHY = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] STOPPING = "{\"status\":\"stopping\"}".getBytes(StandardCharsets.UTF_8);

    private final BatchingPredictor predictor;
    private final ServerOptions options;
    private final HttpServer server;
    private final ExecutorService handlers;
    private final byte[] metadata;
    private final java.util.concurrent.atomic.AtomicInteger inProgress = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean stopping;
    private boolean stopped;

    private ModelServer(BatchingPredictor predictor, ServerOptions options, Map<String, ?> about) throws IOException {
        this.predictor = predictor;
        this.options = options;
        this.metadata = GSON.toJson(metadata(predictor, options, about)).getBytes(StandardCharsets.UTF_8);
        AtomicInteger numbers = new AtomicInteger();
        this.handlers = Executors.newFixedThreadPool(options.threads(), r -> {
            Thread t = new Thread(r, "jkeras-http-" + numbers.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.server = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 1024);
        this.server.createContext("/", this::route);
        this.server.setExecutor(handlers);
    }

    /** Starts serving {@code predictor}; {@code about} adds fields to /metadata (the model's file, say). */
    public static ModelServer start(BatchingPredictor predictor, ServerOptions options, Map<String, ?> about) throws IOException {
        ModelServer s = new ModelServer(predictor, options, about);
        s.server.start();
        return s;
    }

    /** The port listened on (the one chosen when the options said 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    public String host() {
        return options.host();
    }

    // ------------------------------------------------------------------ routing

    private void route(HttpExchange exchange) {
        inProgress.incrementAndGet();
        try {
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/predict" -> {
                    requireMethod(exchange, "POST");
                    if (stopping) {
                        exchange.getResponseHeaders().set("Connection", "close");
                        throw new HttpError(503, "the server is stopping");
                    }
                    predict(exchange);
                }
                case "/healthz" -> {
                    requireMethod(exchange, "GET");
                    send(exchange, stopping ? 503 : 200, "application/json", stopping ? STOPPING : HEALTHY);
                }
                case "/metadata" -> {
                    requireMethod(exchange, "GET");
                    send(exchange, 200, "application/json", metadata);
                }
                default -> throw new HttpError(404, "no such path: " + cut(path) + " (try POST /predict, GET /metadata, GET /healthz)");
            }
        } catch (HttpError e) {
            sendError(exchange, e.status, e.getMessage());
        } catch (IOException e) {
            // the client went away: nothing to answer
        } catch (RuntimeException | Error e) {
            sendError(exchange, 500, "internal error: " + e);
        } finally {
            exchange.close();
            inProgress.decrementAndGet();
        }
    }

    private static void requireMethod(HttpExchange exchange, String allowed) {
        if (!exchange.getRequestMethod().equals(allowed)) {
            exchange.getResponseHeaders().set("Allow", allowed);
            throw new HttpError(405, exchange.getRequestMethod() + " is not allowed on " + exchange.getRequestURI().getPath()
                    + "; use " + allowed);
        }
    }

    // ------------------------------------------------------------------ predictions

    private void predict(HttpExchange exchange) throws IOException {
        byte[] body = readBody(exchange);
        String type = contentType(exchange);
        boolean binary = type.equals(BinaryBodies.CONTENT_TYPE);
        List<Tensor> inputs;
        boolean rows = false;
        if (binary) {
            Map<String, String> query = query(exchange);
            String shape = exchange.getRequestHeaders().getFirst("X-Shape");
            inputs = List.of(BinaryBodies.parse(body, shape != null ? shape : query.get("shape"), query.get("dtype"), predictor.signature()));
        } else if (JSON_TYPES.contains(type)) {
            JsonBodies.Request parsed = JsonBodies.parse(body, predictor.signature());
            inputs = parsed.inputs();
            rows = parsed.rows();
        } else {
            throw new HttpError(415, "Content-Type " + cut(type) + " is not served: send application/json, or "
                    + BinaryBodies.CONTENT_TYPE + " (little-endian float32) with X-Shape");
        }
        List<Tensor> outputs;
        try {
            outputs = predictor.predict(inputs);
        } catch (IllegalArgumentException e) {
            // The predictor names its Java argument; over HTTP the request is the argument.
            throw HttpError.badRequest(e.getMessage().replaceFirst("^predictAsync\\(inputs\\)(: | )", ""));
        } catch (PredictionRejectedException e) {
            if (e.reason() == PredictionRejectedException.Reason.QUEUE_FULL) {
                exchange.getResponseHeaders().set("Retry-After", "1");
            }
            throw new HttpError(503, e.getMessage());
        } finally {
            inputs.forEach(Tensor::close);
        }
        try {
            boolean answerBinary = binary && outputs.size() == 1 && !acceptsOnlyJson(exchange);
            if (answerBinary) {
                Tensor out = outputs.get(0);
                exchange.getResponseHeaders().set("X-Shape", BinaryBodies.shapeHeader(out.shape()));
                exchange.getResponseHeaders().set("X-Dtype", BinaryBodies.wireDtype(out.dtype()).numpyName());
                send(exchange, 200, BinaryBodies.CONTENT_TYPE, BinaryBodies.write(out));
            } else {
                send(exchange, 200, "application/json", JsonBodies.write(outputs, predictor.signature(), rows));
            }
        } finally {
            outputs.forEach(Tensor::close);
        }
    }

    private byte[] readBody(HttpExchange exchange) throws IOException {
        long limit = options.maxBodyBytes();
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                throw HttpError.badRequest("Content-Length is not a number: " + cut(declared));
            }
            if (length > limit) {
                exchange.getResponseHeaders().set("Connection", "close");
                throw new HttpError(413, "the body has " + length + " bytes; this server takes at most " + limit);
            }
        }
        InputStream in = exchange.getRequestBody();
        byte[] body = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
        if (body.length > limit) {
            exchange.getResponseHeaders().set("Connection", "close");
            throw new HttpError(413, "the body has more than " + limit + " bytes; this server takes at most " + limit);
        }
        return body;
    }

    private static String contentType(HttpExchange exchange) {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null) {
            return "";
        }
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean acceptsOnlyJson(HttpExchange exchange) {
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        return accept != null && accept.contains("application/json") && !accept.contains(BinaryBodies.CONTENT_TYPE);
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(key, value);
        }
        return out;
    }

    // ------------------------------------------------------------------ answers

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void sendError(HttpExchange exchange, int status, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("error", message);
        error.put("status", status);
        try {
            send(exchange, status, "application/json", GSON.toJson(error).getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            // headers already sent, or the client went away
        }
    }

    private static Map<String, Object> metadata(BatchingPredictor predictor, ServerOptions options, Map<String, ?> about) {
        Map<String, Object> m = new LinkedHashMap<>(about);
        m.put("inputs", specs(predictor.signature().inputs()));
        m.put("outputs", specs(predictor.signature().outputs()));
        Map<String, Object> batching = new LinkedHashMap<>();
        batching.put("options", predictor.options().toString());
        m.put("batching", batching);
        m.put("max_body_bytes", options.maxBodyBytes());
        return m;
    }

    private static List<Map<String, Object>> specs(List<TensorSpec> specs) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (TensorSpec spec : specs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", spec.name());
            m.put("dtype", spec.dtype().numpyName());
            List<Long> shape = new ArrayList<>();
            for (long d : spec.shape()) {
                shape.add(d < 0 ? null : d);
            }
            m.put("shape", shape);
            out.add(m);
        }
        return out;
    }

    private static String cut(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    // ------------------------------------------------------------------ stopping

    /** Whether {@link #close()} has begun. */
    public boolean isStopping() {
        return stopping;
    }

    /**
     * Stops: /healthz and new predictions answer 503, the predictions in progress are answered (for
     * at most the shutdown grace), then connections close and the handler threads end. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopping = true;
        stopped = true;
        // Our own count, not HttpServer.stop(delay)'s wait: on JDK 17 that waits the whole delay
        // whenever a keep-alive connection is open, busy or not.
        long deadline = System.nanoTime() + options.shutdownGrace().toNanos();
        while (inProgress.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        server.stop(0);
        handlers.shutdown();
        try {
            handlers.awaitTermination(options.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
