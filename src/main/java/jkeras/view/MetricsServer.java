package jkeras.view;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local web server of the live metrics page: one per program, started on first use, on
 * 127.0.0.1 only unless asked otherwise ({@code -Djkeras.view.host=0.0.0.0}), on port 7700 or the
 * next free one ({@code -Djkeras.view.port=N}; 0 for any). It serves:
 * <ul>
 *   <li>{@code /}: the newest fit, following each new one as it starts, with links to all;
 *   <li>{@code /fits/N/}: fit N; {@code /fits/N/history.json} its history so far;
 *       {@code /fits/N/events} its server-sent events (a snapshot first, then each epoch);
 *   <li>{@code /fits.json}: the fits; {@code /static/...}: the page's script, styles and chart library.
 * </ul>
 * Its threads are daemons: the page lives until the program ends, and never keeps it running.
 */
public final class MetricsServer implements AutoCloseable {
    /** The port tried first; taken, the next ones are tried. */
    public static final int DEFAULT_PORT = 7700;
    private static final int PORTS_TRIED = 50;
    private static final int QUEUE_PER_BROWSER = 10_000;
    private static final long KEEP_ALIVE_SECONDS = 15;
    private static final Gson GSON = new Gson();
    private static final Pattern FIT_PATH = Pattern.compile("/fits/(\\d+)(/|/history\\.json|/events)?");
    /** The files under /static/, by name: resource path and content type. Nothing else is served. */
    private static final Map<String, String[]> STATIC = Map.of(
            "view.js", new String[] {"jkeras/view/view.js", "text/javascript"},
            "charts.js", new String[] {"jkeras/view/charts.js", "text/javascript"},
            "view.css", new String[] {"jkeras/view/view.css", "text/css"},
            "uPlot.iife.min.js", new String[] {"jkeras/view/vendor/uPlot.iife.min.js", "text/javascript"},
            "uPlot.min.css", new String[] {"jkeras/view/vendor/uPlot.min.css", "text/css"},
            "uPlot-LICENSE.txt", new String[] {"jkeras/view/vendor/uPlot-LICENSE.txt", "text/plain"});
    /** Scripts only from this server, no inline script or handler: a second wall behind the page's escaping. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static MetricsServer shared;

    private final HttpServer http;
    private final ExecutorService threads;
    private final boolean loopbackOnly;
    private final URI url;
    private final AtomicInteger nextFitId = new AtomicInteger(1);
    private final List<LiveFit> fits = new ArrayList<>();

    private MetricsServer(HttpServer http, ExecutorService threads, boolean loopbackOnly, URI url) {
        this.http = http;
        this.threads = threads;
        this.loopbackOnly = loopbackOnly;
        this.url = url;
    }

    /**
     * The program's server, started on first call from {@code jkeras.view.host} (default
     * 127.0.0.1) and {@code jkeras.view.port} (default {@value #DEFAULT_PORT}, or the next free port).
     */
    public static synchronized MetricsServer shared() {
        if (shared == null) {
            shared = start(System.getProperty("jkeras.view.host", "127.0.0.1"),
                    Integer.getInteger("jkeras.view.port", DEFAULT_PORT));
        }
        return shared;
    }

    /**
     * A server of its own on {@code host}, at {@code preferredPort} or the next free one (0: any
     * free port). A host other than a loopback address serves other machines too: only when asked.
     */
    public static MetricsServer start(String host, int preferredPort) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (IOException e) {
            throw new IllegalArgumentException("host=" + host + " is not an address of this machine: " + e.getMessage(), e);
        }
        if (preferredPort < 0 || preferredPort > 65535) {
            throw new IllegalArgumentException("preferredPort=" + preferredPort + " is not a port (0 to 65535)");
        }
        HttpServer http = bind(address, preferredPort);
        ExecutorService threads = Executors.newCachedThreadPool(daemonThreads());
        String shownHost = address.isAnyLocalAddress() ? "127.0.0.1" : address.getHostAddress();
        if (shownHost.contains(":")) {
            shownHost = "[" + shownHost + "]";
        }
        URI url = URI.create("http://" + shownHost + ":" + http.getAddress().getPort() + "/");
        MetricsServer server = new MetricsServer(http, threads, address.isLoopbackAddress(), url);
        http.createContext("/", server::handle);
        http.setExecutor(threads);
        // HttpServer's dispatcher thread takes the daemon flag of the thread that starts it.
        Thread starter = new Thread(http::start, "jkeras-view-start");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return server;
    }

    private static HttpServer bind(InetAddress address, int preferredPort) {
        IOException last = null;
        int tries = preferredPort == 0 ? 1 : PORTS_TRIED;
        for (int i = 0; i < tries && preferredPort + i <= 65535; i++) {
            try {
                return HttpServer.create(new InetSocketAddress(address, preferredPort + i), 0);
            } catch (BindException taken) {
                last = taken;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot serve the metrics page on " + address + ":" + (preferredPort + i), e);
            }
        }
        try {
            return HttpServer.create(new InetSocketAddress(address, 0), 0); // all taken: any free port
        } catch (IOException e) {
            e.addSuppressed(last);
            throw new UncheckedIOException("cannot serve the metrics page on " + address + ": no free port", e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return work -> {
            Thread t = new Thread(work, "jkeras-view-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The address of the page that follows the newest fit. */
    public URI url() {
        return url;
    }

    public int port() {
        return url.getPort();
    }

    /** A new page, waiting for its fit. */
    LiveFit newFit(String title, int batchInterval) {
        int id = nextFitId.getAndIncrement();
        LiveFit fit = new LiveFit(id, title, url.resolve("fits/" + id + "/"), batchInterval);
        synchronized (fits) {
            fits.add(fit);
        }
        return fit;
    }

    LiveFit fit(int id) {
        synchronized (fits) {
            return fits.stream().filter(f -> f.id() == id).findFirst().orElse(null);
        }
    }

    List<LiveFit> fits() {
        synchronized (fits) {
            return List.copyOf(fits);
        }
    }

    /** Stops serving (the shared server is never stopped: it ends with the program). */
    @Override
    public void close() {
        http.stop(0);
        threads.shutdownNow();
    }

    // ---------------------------------------------------------------- requests

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                sendText(exchange, 405, "only GET");
                return;
            }
            if (loopbackOnly && !fromThisMachine(exchange)) {
                // A page elsewhere could point a name of its own at 127.0.0.1 (DNS rebinding): only our names pass.
                sendText(exchange, 403, "this page answers to 127.0.0.1 and localhost only");
                return;
            }
            route(exchange, exchange.getRequestURI().getPath());
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange, String path) throws IOException {
        if (path.equals("/") || path.equals("/index.html")) {
            sendResource(exchange, "jkeras/view/page.html", "text/html");
            return;
        }
        if (path.equals("/fits.json")) {
            JsonArray list = new JsonArray();
            fits().forEach(f -> list.add(f.summaryJson()));
            sendJson(exchange, GSON.toJson(list));
            return;
        }
        if (path.startsWith("/static/")) {
            String[] file = STATIC.get(path.substring("/static/".length()));
            if (file != null) {
                sendResource(exchange, file[0], file[1]);
            } else {
                sendText(exchange, 404, "no such file");
            }
            return;
        }
        Matcher m = FIT_PATH.matcher(path);
        LiveFit fit = m.matches() && m.group(1).length() < 10 ? fit(Integer.parseInt(m.group(1))) : null;
        if (fit == null) {
            sendText(exchange, 404, "no such page; the fits are listed at /");
            return;
        }
        String rest = m.group(2);
        if (rest == null) {
            exchange.getResponseHeaders().set("Location", fit.url().getPath());
            exchange.sendResponseHeaders(308, -1);
        } else if (rest.equals("/")) {
            sendResource(exchange, "jkeras/view/page.html", "text/html");
        } else if (rest.equals("/history.json")) {
            sendJson(exchange, GSON.toJson(fit.snapshot()));
        } else {
            stream(exchange, fit);
        }
    }

    private boolean fromThisMachine(HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host == null) {
            return true; // HTTP/1.0 clients (curl -0): no name to rebind
        }
        String port = ":" + port();
        Set<String> ours = Set.of("127.0.0.1" + port, "localhost" + port, "[::1]" + port);
        return ours.contains(host.toLowerCase(Locale.ROOT));
    }

    /** Server-sent events: the snapshot, then each event as it comes; comments keep idle connections alive. */
    private void stream(HttpExchange exchange, LiveFit fit) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "text/event-stream; charset=utf-8");
        headers.set("Cache-Control", "no-store");
        headers.set("X-Accel-Buffering", "no");
        exchange.sendResponseHeaders(200, 0);
        if (exchange.getRequestMethod().equals("HEAD")) {
            return;
        }
        EventStream events = fit.subscribe(QUEUE_PER_BROWSER);
        try {
            OutputStream out = exchange.getResponseBody();
            out.write("retry: 1000\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (!events.overflowed()) {
                String event = events.next(KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
                if (EventStream.isEnd(event)) {
                    break;
                }
                out.write((event == null ? ": keep-alive\n\n" : event).getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException browserLeft) {
            // the tab closed or reloaded: it reconnects with a new stream if it wants more
        } finally {
            fit.unsubscribe(events);
        }
    }

    private static void sendResource(HttpExchange exchange, String resource, String type) throws IOException {
        byte[] body;
        try (InputStream in = MetricsServer.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                sendText(exchange, 500, "missing from the jar: " + resource);
                return;
            }
            body = in.readAllBytes();
        }
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.set("Cache-Control", "no-cache");
        send(exchange, 200, type + "; charset=utf-8", body);
    }

    private static void sendJson(HttpExchange exchange, String json) throws IOException {
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        send(exchange, 200, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8));
    }

    private static void sendText(HttpExchange exchange, int status, String text) throws IOException {
        send(exchange, status, "text/plain; charset=utf-8", (text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", type);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head) {
            exchange.getResponseBody().write(body);
        }
    }
}
