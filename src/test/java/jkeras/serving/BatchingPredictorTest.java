package jkeras.serving;

import static jkeras.Keras.kerasModelSequential;
import static jkeras.Keras.setRandomSeed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jkeras.internal.PythonRuntime;
import jkeras.runtime.PythonException;
import jkeras.models.Model;
import jkeras.tensor.Tensor;
import jkeras.tensor.TensorScope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The batching predictor under many threads, against the real Keras: every answer checked against its own row. */
class BatchingPredictorTest {
    private static final int THREADS = 16;
    private static final int PER_THREAD = 1000;
    private static Model model;
    /** The model's output for every row id used here, computed in one plain call. */
    private static float[][] expected;

    @BeforeAll
    static void expectations() {
        model = ServingTestModels.linear();
        try (Predictor plain = model.predictor(); Tensor all = ServingTestModels.rows(0, THREADS * PER_THREAD);
             Tensor out = plain.predict(all)) {
            expected = out.toFloatMatrix();
        }
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static void assertRow(long id, float[] answer) {
        assertArrayEquals(expected[(int) id], answer, 1e-4f, "answer for row " + id);
    }

    @Test
    void sixteenThreadsOfAThousandRequestsEachGetTheirOwnRows() throws Exception {
        try (BatchingPredictor predictor = model.predictor(p -> p.maxBatchSize(32).maxDelay(Duration.ofMillis(2)))) {
            AtomicInteger right = new AtomicInteger();
            runThreads(THREADS, thread -> {
                for (int i = 0; i < PER_THREAD; i++) {
                    long id = (long) thread * PER_THREAD + i;
                    try (Tensor x = ServingTestModels.rows(id, 1); Tensor y = predictor.predict(x)) {
                        assertArrayEquals(new long[] {1, 3}, y.shape());
                        assertRow(id, y.toFloatArray());
                        right.incrementAndGet();
                    }
                }
            });
            assertEquals(THREADS * PER_THREAD, right.get(), "no request lost");
            BatchingPredictor.Stats stats = predictor.stats();
            assertEquals(THREADS * PER_THREAD, stats.requests());
            assertEquals(THREADS * PER_THREAD, stats.rows(), "every row ran once: none lost, none twice");
            assertTrue(stats.batches() < stats.requests(), "requests shared batches: " + stats);
        }
    }

    @Test
    void requestsOfMixedRowCountsGetExactlyTheirRows() throws Exception {
        try (BatchingPredictor predictor = model.predictor(p -> p.maxBatchSize(16))) {
            AtomicInteger rows = new AtomicInteger();
            runThreads(8, thread -> {
                long id = thread * 2000L;
                for (int i = 0; i < 150; i++) {
                    int count = 1 + (i * 7 + thread) % 5;
                    try (Tensor x = ServingTestModels.rows(id, count); Tensor y = predictor.predict(x)) {
                        assertEquals(count, y.dim(0));
                        float[][] answer = y.toFloatMatrix();
                        for (int r = 0; r < count; r++) {
                            assertRow(id + r, answer[r]);
                        }
                    }
                    rows.addAndGet(count);
                    id += count;
                }
            });
            assertEquals(rows.get(), predictor.stats().rows());
        }
    }

    @Test
    void aRequestLargerThanTheBatchRunsAlone() {
        try (BatchingPredictor predictor = model.predictor(p -> p.maxBatchSize(4));
             Tensor x = ServingTestModels.rows(100, 10); Tensor y = predictor.predict(x)) {
            float[][] answer = y.toFloatMatrix();
            for (int r = 0; r < 10; r++) {
                assertRow(100 + r, answer[r]);
            }
        }
    }

    @Test
    void modelsWithSeveralInputsAndOutputs() throws Exception {
        try (Model two = ServingTestModels.twoInTwoOut(); Predictor plain = two.predictor();
             BatchingPredictor predictor = two.predictor(p -> p.maxBatchSize(8))) {
            assertEquals(List.of("a", "b"), predictor.signature().inputs().stream().map(TensorSpec::name).toList());
            assertEquals(List.of("sum", "score"), predictor.signature().outputs().stream().map(TensorSpec::name).toList());
            runThreads(8, thread -> {
                for (int i = 0; i < 50; i++) {
                    long id = thread * 100L + i;
                    try (Tensor a = ServingTestModels.rows(id, 2); Tensor b = ServingTestModels.side(id, 2)) {
                        List<Tensor> want = plain.predict(List.of(a, b));
                        List<Tensor> got = predictor.predict(List.of(a, b));
                        assertEquals(2, got.size());
                        for (int k = 0; k < 2; k++) {
                            assertArrayEquals(want.get(k).shape(), got.get(k).shape());
                            assertArrayEquals(want.get(k).toFloatArray(), got.get(k).toFloatArray(), 1e-5f);
                        }
                        want.forEach(Tensor::close);
                        got.forEach(Tensor::close);
                    }
                }
            });
            try (Tensor a = ServingTestModels.rows(0, 1)) {
                assertThrows(IllegalStateException.class, () -> predictor.predictAsync(a), "one tensor for a two-input model");
            }
        }
    }

    @Test
    void aRequestOfTheWrongShapeFailsAloneAndAtOnce() throws Exception {
        try (BatchingPredictor predictor = model.predictor(p -> p.maxBatchSize(32))) {
            AtomicInteger refused = new AtomicInteger();
            runThreads(8, thread -> {
                for (int i = 0; i < 100; i++) {
                    long id = thread * 100L + i;
                    if (i % 10 == 3) {
                        try (Tensor wrong = ServingTestModels.zeros(1, 5)) {
                            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> predictor.predict(wrong));
                            assertTrue(e.getMessage().contains("(None, 4)") && e.getMessage().contains("(1, 5)"), e.getMessage());
                            refused.incrementAndGet();
                        }
                    }
                    try (Tensor x = ServingTestModels.rows(id, 1); Tensor y = predictor.predict(x)) {
                        assertRow(id, y.toFloatArray());
                    }
                }
            });
            assertEquals(80, refused.get());
            assertEquals(800, predictor.stats().requests(), "refused requests never joined a batch");
            try (Tensor flat = ServingTestModels.zeros(4)) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> predictor.predict(flat));
                assertTrue(e.getMessage().contains("add a first axis"), e.getMessage());
            }
        }
    }

    /**
     * A request that passes the signature check but fails in Python (an embedding index out of
     * range) fails alone: the requests that shared its batch get their right rows.
     */
    @Test
    void aRequestThatFailsInPythonFailsAloneAndItsBatchIsAnswered() throws Exception {
        setRandomSeed(7);
        CountDownLatch release = new CountDownLatch(1);
        try (Model lookup = kerasModelSequential(s -> s.inputShape(1)).layerEmbedding(10, 3).layerFlatten();
             Predictor plain = lookup.predictor();
             BatchingPredictor predictor = lookup.predictor(p -> p.maxBatchSize(32))) {
            Future<?> blocker = blockPythonThread(release);
            List<CompletableFuture<Tensor>> answers = new ArrayList<>();
            int bad = 5;
            for (int i = 0; i < 12; i++) {
                try (Tensor x = Tensor.of(new float[] {i == bad ? 99 : i % 10}, 1, 1)) {
                    answers.add(predictor.predictAsync(x));
                }
            }
            release.countDown();
            blocker.get(30, TimeUnit.SECONDS);
            for (int i = 0; i < answers.size(); i++) {
                if (i == bad) {
                    ExecutionException e = assertThrows(ExecutionException.class, answers.get(i)::get);
                    PythonException cause = assertInstanceOf(PythonException.class, e.getCause());
                    assertTrue(cause.getMessage().contains("99"), cause.getMessage());
                    continue;
                }
                try (Tensor x = Tensor.of(new float[] {i % 10}, 1, 1); Tensor want = plain.predict(x);
                     Tensor got = answers.get(i).get(30, TimeUnit.SECONDS)) {
                    assertArrayEquals(want.toFloatArray(), got.toFloatArray(), "request " + i);
                }
            }
            // Requests 1..11 queued together behind the blocked thread and shared a batch, which
            // failed and is not counted; each then ran alone: every good row counted once.
            assertEquals(11, predictor.stats().rows(), "every good row ran once: " + predictor.stats());
        } finally {
            release.countDown();
        }
    }

    @Test
    void inputsAreHeldSoTheCallerMayCloseThemAtOnce() throws Exception {
        try (BatchingPredictor predictor = model.predictor(p -> p.maxBatchSize(8))) {
            List<CompletableFuture<Tensor>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                try (Tensor x = ServingTestModels.rows(i, 1)) {
                    answers.add(predictor.predictAsync(x));
                }
            }
            for (int i = 0; i < 20; i++) {
                try (Tensor y = answers.get(i).get(30, TimeUnit.SECONDS)) {
                    assertRow(i, y.toFloatArray());
                }
            }
        }
    }

    @Test
    void answersJoinTheCallersScope() throws Exception {
        try (BatchingPredictor predictor = model.predictor(p -> p.maxBatchSize(8)); Tensor x = ServingTestModels.rows(5, 1)) {
            Tensor kept;
            try (TensorScope scope = TensorScope.open()) {
                kept = predictor.predict(x);
                Tensor later = predictor.predictAsync(x).get(30, TimeUnit.SECONDS);
                assertEquals(2, scope.openTensors());
                assertRow(5, later.toFloatArray());
            }
            assertTrue(kept.isClosed(), "closed with the scope it was made for");
        }
    }

    @Test
    void inputsOfAnotherDtypeAreCast() {
        try (BatchingPredictor predictor = model.predictor(p -> p.maxBatchSize(8));
             Tensor x = ServingTestModels.rows(9, 1); Tensor doubles = x.cast(jkeras.tensor.DType.FLOAT64);
             Tensor y = predictor.predict(doubles)) {
            assertRow(9, y.toFloatArray());
        }
    }

    @Test
    void paddedBatchesGiveTheSameRows() throws Exception {
        try (BatchingPredictor predictor = model.predictor(p -> p.maxBatchSize(16).batchSizes(4, 16))) {
            runThreads(8, thread -> {
                for (int i = 0; i < 50; i++) {
                    long id = thread * 100L + i;
                    int count = 1 + i % 3;
                    try (Tensor x = ServingTestModels.rows(id, count); Tensor y = predictor.predict(x)) {
                        assertEquals(count, y.dim(0), "padding rows are cut off");
                        float[][] answer = y.toFloatMatrix();
                        for (int r = 0; r < count; r++) {
                            assertRow(id + r, answer[r]);
                        }
                    }
                }
            });
        }
    }

    @Test
    void aFullQueueRefusesAtOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<CompletableFuture<Tensor>> accepted = new ArrayList<>();
        try (BatchingPredictor predictor = model.predictor(p -> p.maxBatchSize(1).queueCapacity(3).maxDelay(Duration.ZERO))) {
            Future<?> blocker = blockPythonThread(release);
            PredictionRejectedException refused = null;
            for (int i = 0; i < 10 && refused == null; i++) {
                try (Tensor x = ServingTestModels.rows(i, 1)) {
                    accepted.add(predictor.predictAsync(x));
                } catch (PredictionRejectedException e) {
                    refused = e;
                }
            }
            assertTrue(refused != null, "a request was refused");
            assertEquals(PredictionRejectedException.Reason.QUEUE_FULL, refused.reason());
            assertTrue(refused.getMessage().contains("queue is full"), refused.getMessage());
            // 3 waiting, at most one taken by the batcher (waiting for Python) and one held back.
            assertTrue(accepted.size() >= 3 && accepted.size() <= 5, "accepted " + accepted.size());
            release.countDown();
            blocker.get(30, TimeUnit.SECONDS);
            for (int i = 0; i < accepted.size(); i++) {
                try (Tensor y = accepted.get(i).get(30, TimeUnit.SECONDS)) {
                    assertRow(i, y.toFloatArray());
                }
            }
            assertEquals(1, predictor.stats().rejected());
        } finally {
            release.countDown();
        }
    }

    @Test
    void closeWithRequestsWaitingAnswersOrRefusesEachAndNeverHangs() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        BatchingPredictor predictor = model.predictor(p -> p.maxBatchSize(2).closeTimeout(Duration.ofMillis(300)));
        Future<?> blocker = blockPythonThread(release);
        List<CompletableFuture<Tensor>> pending = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            try (Tensor x = ServingTestModels.rows(i, 1)) {
                pending.add(predictor.predictAsync(x));
            }
        }
        ExecutorService closer = Executors.newSingleThreadExecutor();
        try {
            Future<?> closing = closer.submit(predictor::close);
            Thread.sleep(600); // past the close timeout, while Python is still busy
            release.countDown();
            blocker.get(30, TimeUnit.SECONDS);
            closing.get(30, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            closer.shutdownNow();
        }
        int answered = 0;
        int refused = 0;
        for (int i = 0; i < pending.size(); i++) {
            try (Tensor y = pending.get(i).get(30, TimeUnit.SECONDS)) {
                assertRow(i, y.toFloatArray());
                answered++;
            } catch (ExecutionException e) {
                PredictionRejectedException rejected = assertInstanceOf(PredictionRejectedException.class, e.getCause());
                assertEquals(PredictionRejectedException.Reason.CLOSED, rejected.reason());
                refused++;
            }
        }
        assertEquals(12, answered + refused);
        assertTrue(answered >= 1 && refused >= 1, answered + " answered, " + refused + " refused");
        try (Tensor x = ServingTestModels.rows(0, 1)) {
            PredictionRejectedException e = assertThrows(PredictionRejectedException.class, () -> predictor.predict(x));
            assertEquals(PredictionRejectedException.Reason.CLOSED, e.reason());
        }
        predictor.close(); // idempotent
        assertTrue(predictor.isClosed());
    }

    @Test
    void closeDrainsWhatIsQueued() throws Exception {
        BatchingPredictor predictor = model.predictor(p -> p.maxBatchSize(4));
        List<CompletableFuture<Tensor>> pending = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            try (Tensor x = ServingTestModels.rows(i, 1)) {
                pending.add(predictor.predictAsync(x));
            }
        }
        predictor.close();
        for (int i = 0; i < pending.size(); i++) {
            assertTrue(pending.get(i).isDone(), "answered before close returned");
            try (Tensor y = pending.get(i).get()) {
                assertRow(i, y.toFloatArray());
            }
        }
    }

    /** Occupies the Python thread until {@code release}: requests queue up meanwhile. */
    private static Future<?> blockPythonThread(CountDownLatch release) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "python-blocker");
            t.setDaemon(true);
            return t;
        });
        Future<?> done = pool.submit(() -> PythonRuntime.get().onPythonThread(() -> {
            started.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        pool.shutdown();
        assertTrue(started.await(30, TimeUnit.SECONDS));
        return done;
    }

    interface ThreadBody {
        void run(int thread) throws Exception;
    }

    /** Runs {@code body} on {@code threads} threads at once and rethrows the first failure. */
    static void runThreads(int threads, ThreadBody body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    go.await();
                    body.run(thread);
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                try {
                    f.get(300, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Exception cause) {
                        throw cause;
                    }
                    throw e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
