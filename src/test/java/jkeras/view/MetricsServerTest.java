package jkeras.view;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The page's server on its own, fed events directly (the browser tests feed it from a real fit). */
class MetricsServerTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private MetricsServer server;

    @BeforeEach
    void start() {
        server = MetricsServer.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aTakenPortGivesTheNextFreeOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             MetricsServer next = MetricsServer.start("127.0.0.1", taken.getLocalPort())) {
            int port = taken.getLocalPort();
            assertNotEquals(port, next.port());
            assertTrue(next.port() > port && next.port() <= port + 50, "next free port after " + port + ": " + next.port());
            assertEquals(200, get(next.url().resolve("/")).statusCode());
        }
    }

    @Test
    void servesOnLoopbackOnlyAndRefusesOtherHostNames() throws Exception {
        assertTrue(InetAddress.getByName(server.url().getHost()).isLoopbackAddress(), server.url().toString());
        // A page elsewhere that rebinds its own name to 127.0.0.1 sends that name: refused.
        assertTrue(rawGet("/fits.json", "attacker.example:" + server.port()).startsWith("HTTP/1.1 403"));
        assertTrue(rawGet("/fits.json", "localhost:" + server.port()).startsWith("HTTP/1.1 200"));
    }

    @Test
    void servesTheVendoredChartLibraryByteForByteWithAPolicyAgainstInlineScript() throws Exception {
        HttpResponse<byte[]> js = client.send(HttpRequest.newBuilder(server.url().resolve("/static/uPlot.iife.min.js")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, js.statusCode());
        assertArrayEquals(Files.readAllBytes(Path.of("src/main/resources/jkeras/view/vendor/uPlot.iife.min.js")), js.body(),
                "the jar must carry uPlot unchanged (no resource filtering)");
        HttpResponse<String> page = get(server.url().resolve("/"));
        String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(policy.contains("script-src 'self'"), policy);
        assertTrue(page.body().contains("/static/view.js"));
        assertEquals(404, get(server.url().resolve("/static/../pom.xml")).statusCode());
        assertEquals(404, get(server.url().resolve("/fits/99/")).statusCode());
        assertEquals(405, client.send(HttpRequest.newBuilder(server.url().resolve("/fits.json"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void aBrowserThatReconnectsGetsTheHistorySoFarThenEachEpochOnce() throws Exception {
        LiveFit fit = server.newFit("reconnects", 0);
        fit.trainBegin();
        fit.epochEnd(0, Map.of("loss", 0.9, "val_loss", 1.0));

        List<JsonObject> first = new ArrayList<>();
        try (Stream<String> lines = openEvents(fit)) {
            Iterator<String[]> events = events(lines.iterator());
            String[] snapshot = events.next();
            assertEquals("snapshot", snapshot[0]);
            first.add(JsonParser.parseString(snapshot[1]).getAsJsonObject());
            fit.epochEnd(1, Map.of("loss", 0.8, "val_loss", 0.95));
            String[] epoch = events.next();
            assertEquals("epoch", epoch[0]);
            assertEquals(1, JsonParser.parseString(epoch[1]).getAsJsonObject().get("epoch").getAsInt());
        }
        assertEquals(1, first.get(0).getAsJsonArray("epochs").size());

        fit.epochEnd(2, Map.of("loss", 0.7, "val_loss", 0.9)); // while no browser watches
        try (Stream<String> lines = openEvents(fit)) {
            Iterator<String[]> events = events(lines.iterator());
            JsonObject snapshot = JsonParser.parseString(events.next()[1]).getAsJsonObject();
            JsonArray epochs = snapshot.getAsJsonArray("epochs");
            assertEquals(3, epochs.size());
            for (int i = 0; i < 3; i++) {
                assertEquals(i, epochs.get(i).getAsJsonObject().get("epoch").getAsInt());
            }
            assertEquals(0.7, epochs.get(2).getAsJsonObject().getAsJsonObject("logs").get("loss").getAsDouble());
            assertEquals("training", snapshot.get("status").getAsString());
            fit.trainEnd();
            String[] end = events.next();
            assertEquals("status", end[0]);
            assertTrue(end[1].contains("finished"));
            assertFalse(events.hasNext(), "the stream ends with the fit");
        }
    }

    @Test
    void nonFiniteValuesTravelAsStringsInValidJson() throws Exception {
        LiveFit fit = server.newFit("diverges", 0);
        fit.trainBegin();
        fit.epochEnd(0, Map.of("loss", Double.NaN, "val_loss", Double.POSITIVE_INFINITY));
        JsonObject history = JsonParser.parseString(get(fit.url().resolve("history.json")).body()).getAsJsonObject();
        JsonObject logs = history.getAsJsonArray("epochs").get(0).getAsJsonObject().getAsJsonObject("logs");
        assertEquals("NaN", logs.get("loss").getAsString());
        assertEquals("Infinity", logs.get("val_loss").getAsString());
    }

    @Test
    void aBrowserTooSlowToKeepUpIsDroppedNotWaitedFor() {
        EventStream slow = new EventStream(2);
        assertTrue(slow.offer("a"));
        assertTrue(slow.offer("b"));
        assertFalse(slow.offer("c"), "a full queue refuses at once");
        assertTrue(slow.overflowed());
    }

    @Test
    void itsThreadsNeverKeepTheProgramRunning() {
        MetricsServer.shared();
        List<Thread> ours = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("HTTP-Dispatcher") || t.getName().startsWith("jkeras-view"))
                .toList();
        assertFalse(ours.isEmpty());
        ours.forEach(t -> assertTrue(t.isDaemon(), t.getName() + " is not a daemon"));
        assertNull(server.fit(12345));
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Stream<String> openEvents(LiveFit fit) throws Exception {
        return client.send(HttpRequest.newBuilder(fit.url().resolve("events")).build(), HttpResponse.BodyHandlers.ofLines()).body();
    }

    /** Server-sent events as [name, data] pairs. */
    private static Iterator<String[]> events(Iterator<String> lines) {
        return new Iterator<>() {
            private String[] next;

            @Override
            public boolean hasNext() {
                if (next != null) {
                    return true;
                }
                String event = null;
                String data = null;
                while (lines.hasNext()) {
                    String line = lines.next();
                    if (line.startsWith("event: ")) {
                        event = line.substring(7);
                    } else if (line.startsWith("data: ")) {
                        data = line.substring(6);
                    } else if (line.isEmpty() && event != null) {
                        next = new String[] {event, data};
                        return true;
                    }
                }
                return false;
            }

            @Override
            public String[] next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                String[] out = next;
                next = null;
                return out;
            }
        };
    }

    private String rawGet(String path, String host) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII)).readLine();
        }
    }
}
