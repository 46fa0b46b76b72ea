package jkeras.serving.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jkeras.internal.PythonRuntime;
import jkeras.models.Model;
import jkeras.serving.BatchingPredictor;
import jkeras.serving.Predictor;
import jkeras.serving.ServingTestModels;
import jkeras.tensor.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP endpoint against the real Keras: round trips equal in-process predictions, bad input gets a clear 4xx. */
class ModelServerTest {
    private static final Gson GSON = new Gson();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static Model model;
    private static Predictor plain;
    private static BatchingPredictor predictor;
    private static ModelServer server;

    @BeforeAll
    static void start() throws Exception {
        model = ServingTestModels.linear();
        plain = model.predictor();
        predictor = model.predictor(p -> p.maxBatchSize(16));
        server = ModelServer.start(predictor, new ServerOptions().port(0).maxBodyBytes(64 << 10), Map.of("model", "linear"));
    }

    @AfterAll
    static void stop() {
        server.close();
        predictor.close();
        plain.close();
        model.close();
    }

    private static URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    static HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> postJson(String json) throws Exception {
        return post("/predict", "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    private static float[][] expected(long first, int rows) {
        try (Tensor x = ServingTestModels.rows(first, rows); Tensor y = plain.predict(x)) {
            return y.toFloatMatrix();
        }
    }

    private static String rowsJson(long first, int rows) {
        List<float[]> out = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            out.add(ServingTestModels.row(first + r));
        }
        return GSON.toJson(out);
    }

    private static float[][] matrix(JsonArray rows) {
        float[][] m = new float[rows.size()][];
        for (int r = 0; r < rows.size(); r++) {
            JsonArray row = rows.get(r).getAsJsonArray();
            m[r] = new float[row.size()];
            for (int c = 0; c < row.size(); c++) {
                m[r][c] = row.get(c).getAsFloat();
            }
        }
        return m;
    }

    @Test
    void jsonInstancesAndInputsEqualInProcessPredict() throws Exception {
        HttpResponse<String> rows = postJson("{\"instances\": " + rowsJson(40, 3) + "}");
        assertEquals(200, rows.statusCode(), rows.body());
        assertArrayEquals(expected(40, 3), matrix(GSON.fromJson(rows.body(), JsonObject.class).getAsJsonArray("predictions")));

        HttpResponse<String> columns = postJson("{\"inputs\": " + rowsJson(7, 2) + "}");
        assertEquals(200, columns.statusCode(), columns.body());
        assertArrayEquals(expected(7, 2), matrix(GSON.fromJson(columns.body(), JsonObject.class).getAsJsonArray("outputs")));
    }

    @Test
    void binaryBodiesEqualInProcessPredict() throws Exception {
        int rows = 5;
        ByteBuffer body = ByteBuffer.allocate(rows * ServingTestModels.FEATURES * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < rows; r++) {
            for (float v : ServingTestModels.row(100 + r)) {
                body.putFloat(v);
            }
        }
        HttpRequest request = HttpRequest.newBuilder(uri("/predict"))
                .header("Content-Type", "application/octet-stream").header("X-Shape", rows + ",4")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.array())).build();
        HttpResponse<byte[]> answer = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, answer.statusCode());
        assertEquals("5,3", answer.headers().firstValue("X-Shape").orElseThrow());
        assertEquals("float32", answer.headers().firstValue("X-Dtype").orElseThrow());
        ByteBuffer out = ByteBuffer.wrap(answer.body()).order(ByteOrder.LITTLE_ENDIAN);
        float[][] want = expected(100, rows);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(want[r][c], out.getFloat(), "row " + r + " column " + c);
            }
        }
        // Shape in the query instead; JSON answer when asked for.
        HttpRequest query = HttpRequest.newBuilder(uri("/predict?shape=" + rows + ",4&dtype=float32"))
                .header("Content-Type", "application/octet-stream").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.array())).build();
        HttpResponse<String> json = CLIENT.send(query, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, json.statusCode(), json.body());
        assertArrayEquals(want, matrix(GSON.fromJson(json.body(), JsonObject.class).getAsJsonArray("outputs")));
    }

    @Test
    void metadataAndHealth() throws Exception {
        HttpResponse<String> meta = CLIENT.send(HttpRequest.newBuilder(uri("/metadata")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, meta.statusCode());
        JsonObject m = GSON.fromJson(meta.body(), JsonObject.class);
        assertEquals("linear", m.get("model").getAsString());
        JsonObject input = m.getAsJsonArray("inputs").get(0).getAsJsonObject();
        assertEquals("float32", input.get("dtype").getAsString());
        assertEquals("[null,4]", input.get("shape").toString());
        assertEquals("[null,3]", m.getAsJsonArray("outputs").get(0).getAsJsonObject().get("shape").toString());
        HttpResponse<String> health = CLIENT.send(HttpRequest.newBuilder(uri("/healthz")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
    }

    /** Each bad request: its status, and a phrase its JSON error must contain. */
    @Test
    void badInputGetsAClearClientErrorAndTheServerGoesOn() throws Exception {
        String good = rowsJson(1, 1);
        byte[] huge = new byte[(64 << 10) + 1];
        Object[][] catalogue = {
            {"malformed JSON", "application/json", "{\"instances\": [[1, 2, 3, 4]", 400, "malformed JSON"},
            {"not an object", "application/json", "[1, 2]", 400, "expected a JSON object"},
            {"wrong shape", "application/json", "{\"instances\": [[1, 2, 3]]}", 400, "expected shape (None, 4)"},
            {"ragged", "application/json", "{\"instances\": [[1, 2, 3, 4], [1, 2]]}", 400, "ragged"},
            {"string value", "application/json", "{\"instances\": [[1, \"two\", 3, 4]]}", 400, "the string \\\"two\\\""},
            {"boolean value", "application/json", "{\"instances\": [[1, true, 3, 4]]}", 400, "the boolean true"},
            {"null value", "application/json", "{\"inputs\": [[1, null, 3, 4]]}", 400, "received null"},
            {"NaN", "application/json", "{\"inputs\": [[1, NaN, 3, 4]]}", 400, "malformed JSON"},
            {"unknown field", "application/json", "{\"rows\": " + good + "}", 400, "unknown field"},
            {"no rows", "application/json", "{\"instances\": []}", 400, "empty"},
            {"too deep", "application/json", "{\"inputs\": " + "[".repeat(40) + "1" + "]".repeat(40) + "}", 400, "deeper than"},
            {"wrong dtype", "application/octet-stream?shape=1,4&dtype=int8", new byte[4], 400, "float32"},
            {"binary length", "application/octet-stream?shape=1,4", new byte[15], 400, "needs 16 bytes"},
            {"binary shape", "application/octet-stream", new byte[16], 400, "X-Shape"},
            {"binary bad shape", "application/octet-stream?shape=1,-4", new byte[16], 400, "positive lengths"},
            {"unknown type", "text/csv", "1,2,3,4", 415, "Content-Type"},
            {"too large", "application/json", huge, 413, "at most"},
        };
        for (Object[] c : catalogue) {
            String type = (String) c[1];
            String path = "/predict";
            int q = type.indexOf('?');
            if (q >= 0) {
                path += type.substring(q);
                type = type.substring(0, q);
            }
            byte[] body = c[2] instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) c[2];
            HttpResponse<String> r = post(path, type, body);
            assertEquals(c[3], r.statusCode(), c[0] + ": " + r.body());
            JsonObject error = GSON.fromJson(r.body(), JsonObject.class);
            assertEquals((int) c[3], error.get("status").getAsInt(), c[0].toString());
            assertTrue(r.body().contains((String) c[4]), c[0] + ": " + r.body());
        }
        HttpResponse<String> notFound = CLIENT.send(HttpRequest.newBuilder(uri("/nowhere")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, notFound.statusCode(), notFound.body());
        HttpResponse<String> wrongMethod = CLIENT.send(HttpRequest.newBuilder(uri("/predict")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, wrongMethod.statusCode());
        assertEquals("POST", wrongMethod.headers().firstValue("Allow").orElseThrow());
        HttpResponse<String> postHealth = post("/healthz", "application/json", new byte[0]);
        assertEquals(405, postHealth.statusCode());
        // Still serving, and right.
        HttpResponse<String> after = postJson("{\"instances\": " + rowsJson(3, 1) + "}");
        assertEquals(200, after.statusCode(), after.body());
        assertArrayEquals(expected(3, 1), matrix(GSON.fromJson(after.body(), JsonObject.class).getAsJsonArray("predictions")));
    }

    @Test
    void severalInputsAndOutputsByName() throws Exception {
        try (Model two = ServingTestModels.twoInTwoOut(); Predictor local = two.predictor();
             BatchingPredictor batching = two.predictor(p -> p.maxBatchSize(8));
             ModelServer twoServer = ModelServer.start(batching, new ServerOptions().port(0), Map.of());
             Tensor a = ServingTestModels.rows(5, 1); Tensor b = ServingTestModels.side(5, 1)) {
            String body = "{\"instances\": [{\"a\": " + GSON.toJson(ServingTestModels.row(5)) + ", \"b\": " + GSON.toJson(b.toFloatArray()) + "}]}";
            HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + twoServer.port() + "/predict"))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            JsonObject first = GSON.fromJson(r.body(), JsonObject.class).getAsJsonArray("predictions").get(0).getAsJsonObject();
            List<Tensor> want = local.predict(List.of(a, b));
            assertArrayEquals(want.get(0).toFloatArray(), matrix(wrap(first.getAsJsonArray("sum")))[0]);
            assertArrayEquals(want.get(1).toFloatArray(), matrix(wrap(first.getAsJsonArray("score")))[0]);
            want.forEach(Tensor::close);
            String missing = "{\"instances\": [{\"a\": [1, 2, 3, 4]}]}";
            HttpResponse<String> bad = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + twoServer.port() + "/predict"))
                    .POST(HttpRequest.BodyPublishers.ofString(missing)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, bad.statusCode());
            assertTrue(bad.body().contains("input \\\"b\\\" is missing"), bad.body());
        }
    }

    private static JsonArray wrap(JsonArray row) {
        JsonArray rows = new JsonArray();
        rows.add(row);
        return rows;
    }

    @Test
    void closeAnswersTheRequestsInProgress() throws Exception {
        try (BatchingPredictor own = model.predictor(p -> p.maxBatchSize(4))) {
            ModelServer stopping = ModelServer.start(own, new ServerOptions().port(0), Map.of());
            URI predict = URI.create("http://127.0.0.1:" + stopping.port() + "/predict");
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch blocked = new CountDownLatch(1);
            Thread blocker = new Thread(() -> PythonRuntime.get().onPythonThread(() -> {
                blocked.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            blocker.start();
            assertTrue(blocked.await(30, TimeUnit.SECONDS));
            List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                inFlight.add(CLIENT.sendAsync(HttpRequest.newBuilder(predict)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"instances\": " + rowsJson(i, 1) + "}")).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            Thread.sleep(500); // the requests reach the server and wait for Python
            Thread closer = new Thread(stopping::close);
            closer.start();
            Thread.sleep(300);
            assertTrue(stopping.isStopping());
            release.countDown();
            closer.join(30_000);
            blocker.join(30_000);
            for (int i = 0; i < inFlight.size(); i++) {
                HttpResponse<String> r = inFlight.get(i).get(30, TimeUnit.SECONDS);
                assertEquals(200, r.statusCode(), r.body());
                assertArrayEquals(expected(i, 1), matrix(GSON.fromJson(r.body(), JsonObject.class).getAsJsonArray("predictions")));
            }
        }
    }
}
