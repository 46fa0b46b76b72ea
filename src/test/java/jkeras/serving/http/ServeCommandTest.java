package jkeras.serving.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jkeras.models.Model;
import jkeras.runtime.JvmRequirements;
import jkeras.serving.ServingTestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/serve's program in its own JVM: it serves a saved model, and SIGTERM stops it gracefully. */
class ServeCommandTest {
    @Test
    void servesASavedModelAndStopsGracefullyOnSigterm(@TempDir Path dir) throws Exception {
        Path saved = dir.resolve("linear.keras");
        try (Model model = ServingTestModels.linear()) {
            model.saveModel(saved);
        }
        Process child = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                JvmRequirements.ADD_OPENS, "-Xss4m",
                "-cp", System.getProperty("java.class.path"),
                ServeCommand.class.getName(), saved.toString(), "--port", "0", "--max-batch", "8")
                .redirectErrorStream(true)
                .start();
        StringBuilder log = new StringBuilder();
        CountDownLatch listening = new CountDownLatch(1);
        int[] port = {0};
        Thread reader = new Thread(() -> {
            Pattern url = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)");
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (log) {
                        log.append(line).append('\n');
                    }
                    Matcher m = url.matcher(line);
                    if (line.startsWith("jkeras serve:") && m.find()) {
                        port[0] = Integer.parseInt(m.group(1));
                        listening.countDown();
                    }
                }
            } catch (IOException e) {
                // the child ended
            }
        });
        reader.start();
        try {
            assertTrue(listening.await(120, TimeUnit.SECONDS), "the server did not start:\n" + log);
            URI predict = URI.create("http://127.0.0.1:" + port[0] + "/predict");
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String body = "{\"instances\": [[0.1, 0.2, 0.3, 1.0]]}";
            HttpResponse<String> first = client.send(HttpRequest.newBuilder(predict).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, first.statusCode(), first.body());

            // Clients keep sending while the server is told to stop.
            AtomicBoolean sending = new AtomicBoolean(true);
            AtomicInteger ok = new AtomicInteger();
            ConcurrentHashMap<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
            ExecutorService clients = Executors.newFixedThreadPool(8);
            for (int c = 0; c < 8; c++) {
                clients.submit(() -> {
                    while (sending.get()) {
                        try {
                            HttpResponse<String> r = client.send(HttpRequest.newBuilder(predict)
                                    .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(java.time.Duration.ofSeconds(30)).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            statuses.computeIfAbsent(r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
                            if (r.statusCode() == 200) {
                                ok.incrementAndGet();
                            }
                        } catch (IOException e) {
                            return null; // the server has closed its connections: stopped
                        }
                    }
                    return null;
                });
            }
            // One request provably in progress across the signal: its headers and half its body are
            // sent (the server's handler has begun and waits for the rest), the rest only once the
            // server has begun to stop.
            String head = "POST /predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Connection: close\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n";
            int half = body.length() / 2;
            try (Socket inFlight = new Socket("127.0.0.1", port[0])) {
                inFlight.setSoTimeout(60_000);
                OutputStream out = inFlight.getOutputStream();
                out.write((head + body.substring(0, half)).getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(1000);
                int beforeSignal = ok.get();
                child.toHandle().destroy(); // SIGTERM (Process.destroy would also close our end of its output)
                long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!logContains(log, "stopping") && System.nanoTime() < waitUntil) {
                    Thread.sleep(10);
                }
                assertTrue(logContains(log, "stopping"), "SIGTERM did not begin the stop:\n" + log);
                Thread.sleep(300); // the stop is under way: new requests are refused meanwhile
                out.write(body.substring(half).getBytes(StandardCharsets.UTF_8));
                out.flush();
                String answer = new String(inFlight.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(answer.startsWith("HTTP/1.1 200"), "the request in progress at SIGTERM: " + answer);
                assertTrue(answer.endsWith(first.body()), "its answer: " + answer + "\nexpected " + first.body());
                assertTrue(beforeSignal > 0, "served under load before the signal");
            }
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the server did not stop:\n" + log);
            sending.set(false);
            clients.shutdown();
            assertTrue(clients.awaitTermination(60, TimeUnit.SECONDS), "a client hung");
            assertEquals(0, child.exitValue(), log.toString());
            for (Integer status : statuses.keySet()) {
                assertTrue(List.of(200, 503).contains(status), "status " + status + " while stopping: " + statuses);
            }
            reader.join(10_000); // the child has exited: its output ends
        } finally {
            child.destroyForcibly();
            reader.join(10_000);
        }
    }

    private static boolean logContains(StringBuilder log, String text) {
        synchronized (log) {
            return log.toString().contains(text);
        }
    }
}
