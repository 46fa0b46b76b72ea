package jkeras.view;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's Chromium, headless, driven over the DevTools protocol through the JDK's WebSocket
 * client: a real browser for the metrics page's tests, with no test dependency added. Flags as
 * this project's machines need them (no sandbox as root, no background networking: the network
 * is closed), and a fresh profile each time.
 */
public final class Chromium implements AutoCloseable {
    private static final Gson GSON = new Gson();
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final Map<Integer, CompletableFuture<JsonObject>> replies = new ConcurrentHashMap<>();
    private final List<JsonObject> events = new ArrayList<>();

    /** The browser to use: $JKERAS_CHROMIUM, else chromium (or chromium-browser, google-chrome) on PATH. */
    public static Optional<Path> find() {
        String given = System.getenv("JKERAS_CHROMIUM");
        if (given != null && !given.isBlank()) {
            return Optional.of(Path.of(given));
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : path.split(":")) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A browser for a test: skips it when there is none, unless {@code JKERAS_REQUIRE_BROWSER=1}
     * (scripts/test sets it once chromium is installed), where a missing browser fails.
     */
    public static Chromium launchOrSkip() throws IOException, InterruptedException {
        Optional<Path> chromium = find();
        if (chromium.isEmpty()) {
            String why = "no chromium on PATH (scripts/test installs Debian's chromium when run as root; or set JKERAS_CHROMIUM)";
            if ("1".equals(System.getenv("JKERAS_REQUIRE_BROWSER"))) {
                org.junit.jupiter.api.Assertions.fail(why);
            }
            org.junit.jupiter.api.Assumptions.assumeTrue(false, why);
        }
        return launch(chromium.get());
    }

    public static Chromium launch(Path executable) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("jkeras-chromium-");
        Process process = new ProcessBuilder(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--remote-debugging-port=0",
                "--remote-allow-origins=*", "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        CompletableFuture<String> address = new CompletableFuture<>();
        Thread reader = new Thread(() -> drainStderr(process, address), "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        try {
            String ws = address.get(60, TimeUnit.SECONDS);
            return new Chromium(process, profile, ws);
        } catch (Exception e) {
            process.destroyForcibly();
            deleteTree(profile);
            throw new IOException("chromium did not start its DevTools endpoint: " + e, e);
        }
    }

    private static void drainStderr(Process process, CompletableFuture<String> address) {
        try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = err.readLine()) != null; ) {
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    address.complete(m.group(1));
                }
            }
        } catch (IOException ignored) {
            // the browser ended
        }
        address.completeExceptionally(new IOException("chromium exited (" + process.info() + ")"));
    }

    private Chromium(Process process, Path profile, String ws) throws Exception {
        this.process = process;
        this.profile = profile;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(ws), new Listener()).get(30, TimeUnit.SECONDS);
    }

    /** A new tab with a 1280×900 window, showing {@code url} once loaded. */
    public Tab open(String url) throws Exception {
        String target = send("Target.createTarget", Map.of("url", "about:blank"), null).get("targetId").getAsString();
        String session = send("Target.attachToTarget", Map.of("targetId", target, "flatten", true), null)
                .get("sessionId").getAsString();
        Tab tab = new Tab(target, session);
        tab.call("Page.enable", Map.of());
        tab.call("Runtime.enable", Map.of());
        tab.call("Emulation.setDeviceMetricsOverride", Map.of("width", 1280, "height", 900, "deviceScaleFactor", 1, "mobile", false));
        // Records what the page's security policy blocked: an injected inline handler would show up here.
        tab.call("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "window.__blocked = []; document.addEventListener('securitypolicyviolation',"
                        + " function (e) { window.__blocked.push(e.violatedDirective + ' ' + e.blockedURI); });"));
        tab.navigate(url);
        return tab;
    }

    public final class Tab {
        private final String target;
        private final String session;

        private Tab(String target, String session) {
            this.target = target;
            this.session = session;
        }

        public JsonObject call(String method, Map<String, ?> params) throws Exception {
            return send(method, params, session);
        }

        public void navigate(String url) throws Exception {
            call("Page.navigate", Map.of("url", url));
            waitFor("document.readyState === 'complete' && location.href === " + GSON.toJson(url), Duration.ofSeconds(30));
        }

        /** The value of a JavaScript expression, as JSON (the page stringifies it). */
        public JsonElement evaluate(String expression) throws Exception {
            JsonObject reply = call("Runtime.evaluate", Map.of(
                    "expression", "JSON.stringify((function () { return (" + expression + "); })())",
                    "returnByValue", true));
            if (reply.has("exceptionDetails")) {
                throw new IllegalStateException("page threw evaluating " + expression + ": " + reply.get("exceptionDetails"));
            }
            JsonElement value = reply.getAsJsonObject("result").get("value");
            return value == null || value.isJsonNull() ? null : JsonParser.parseString(value.getAsString());
        }

        /** Polls until the expression is true; fails naming it after {@code timeout}. */
        public void waitFor(String expression, Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                JsonElement value = evaluate("!!(" + expression + ")");
                if (value != null && value.getAsBoolean()) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the page never met " + expression + " within " + timeout);
                }
                Thread.sleep(100);
            }
        }

        /** The visible window as a PNG. */
        public Path screenshot(Path png) throws Exception {
            String data = call("Page.captureScreenshot", Map.of("format", "png")).get("data").getAsString();
            Files.createDirectories(png.toAbsolutePath().getParent());
            Files.write(png, Base64.getDecoder().decode(data));
            return png;
        }

        /** JavaScript dialogs (alert, confirm…) the page opened, by message. */
        public List<String> dialogs() {
            return eventsOf("Page.javascriptDialogOpening").stream().map(e -> e.get("message").getAsString()).toList();
        }

        /** Uncaught exceptions and console.error messages of the page. */
        public List<String> errors() {
            List<String> out = new ArrayList<>();
            eventsOf("Runtime.exceptionThrown").forEach(e -> out.add(e.get("exceptionDetails").toString()));
            eventsOf("Runtime.consoleAPICalled").stream()
                    .filter(e -> e.get("type").getAsString().equals("error"))
                    .forEach(e -> out.add(e.get("args").toString()));
            return out;
        }

        private List<JsonObject> eventsOf(String method) {
            synchronized (events) {
                return events.stream()
                        .filter(e -> method.equals(e.get("method").getAsString()))
                        .filter(e -> e.has("sessionId") && session.equals(e.get("sessionId").getAsString()))
                        .map(e -> e.getAsJsonObject("params"))
                        .toList();
            }
        }

        public void close() throws Exception {
            send("Target.closeTarget", Map.of("targetId", target), null);
        }
    }

    private JsonObject send(String method, Map<String, ?> params, String session) throws Exception {
        return send(method, params, session, REPLY_TIMEOUT);
    }

    private JsonObject send(String method, Map<String, ?> params, String session, Duration timeout) throws Exception {
        int id = nextId.getAndIncrement();
        JsonObject message = new JsonObject();
        message.addProperty("id", id);
        message.addProperty("method", method);
        message.add("params", GSON.toJsonTree(params));
        if (session != null) {
            message.addProperty("sessionId", session);
        }
        CompletableFuture<JsonObject> reply = new CompletableFuture<>();
        replies.put(id, reply);
        socket.sendText(GSON.toJson(message), true).get(30, TimeUnit.SECONDS);
        JsonObject answer = reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (answer.has("error")) {
            throw new IllegalStateException(method + " failed: " + answer.get("error"));
        }
        return answer.getAsJsonObject("result");
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonObject message = JsonParser.parseString(partial.toString()).getAsJsonObject();
                partial.setLength(0);
                if (message.has("id")) {
                    CompletableFuture<JsonObject> reply = replies.remove(message.get("id").getAsInt());
                    if (reply != null) {
                        reply.complete(message);
                    }
                } else {
                    synchronized (events) {
                        events.add(message);
                    }
                    if ("Page.javascriptDialogOpening".equals(message.get("method").getAsString())) {
                        dismissDialog(message.get("sessionId").getAsString());
                    }
                }
            }
            webSocket.request(1);
            return null;
        }
    }

    /** A dialog blocks the page's scripts: answer it (from another thread: this one delivers the reply). */
    private void dismissDialog(String session) {
        CompletableFuture.runAsync(() -> {
            try {
                send("Page.handleJavaScriptDialog", Map.of("accept", true), session);
            } catch (Exception ignored) {
                // the tab went away
            }
        });
    }

    @Override
    public void close() throws Exception {
        try {
            send("Browser.close", Map.of(), null, Duration.ofSeconds(5));
        } catch (Exception alreadyGone) {
            // fall through to ending the process
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        deleteTree(profile);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary profile left behind is harmless
        }
    }
}
