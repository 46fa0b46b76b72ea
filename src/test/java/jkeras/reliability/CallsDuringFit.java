package jkeras.reliability;

import static jkeras.Keras.callbackLambda;
import static jkeras.Keras.kerasModelSequential;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import jkeras.models.Sequential;
import jkeras.tensor.DType;
import jkeras.tensor.Tensor;

/**
 * Issue 10, item 3, as a program, in two independent parts (CallsDuringFitTest reads what it prints):
 *
 * <p>{@code head-of-line}: while one thread fits a model, another asks an unrelated model for
 * one-row predictions (and the model being trained too). Before the fix each waited for the whole
 * fit (12 s in the issue). Prints the batch times, each prediction's latency, and when the fit ended.
 *
 * <p>{@code deadlock}: a Java callback waits for another thread's jkeras call, which can only run on
 * the Python thread the callback holds. Before the fix this hung forever; now that call fails after
 * {@code -Djkeras.upcallBlockedLimitMillis} with a KerasException naming the cause, which reaches
 * fit's caller. Prints what fit threw and when, then checks jkeras still answers.
 */
public final class CallsDuringFit {
    private static final int EPOCHS = 10;

    public static void main(String[] args) throws Exception {
        Sequential trained = kerasModelSequential(s -> s.inputShape(256))
                .layerDense(256, d -> d.activation("relu"))
                .layerDense(10, d -> d.activation("softmax"));
        trained.compile("adam", "sparse_categorical_crossentropy");
        Sequential unrelated = kerasModelSequential(s -> s.inputShape(8)).layerDense(2);
        try (Tensor x = Tensor.fromFlatIndex(DType.FLOAT32, new long[] {8192, 256}, i -> (i % 17) / 17.0);
             Tensor y = Tensor.fromFlatIndex(DType.INT32, new long[] {8192}, i -> i % 10);
             Tensor row = Tensor.ones(DType.FLOAT32, 1, 8);
             Tensor trainedRow = x.rows(0, 1)) {
            if (args[0].equals("head-of-line")) {
                headOfLine(trained, unrelated, x, y, row, trainedRow);
            } else {
                deadlock(trained, unrelated, x, y, row);
            }
        }
        System.out.println("END");
    }

    private static void headOfLine(Sequential trained, Sequential unrelated, Tensor x, Tensor y, Tensor row, Tensor trainedRow)
            throws Exception {
        unrelated.predictOnBatch(row).close(); // traced once, as a server would have it
        float[] before;
        try (Tensor p = trained.predictOnBatch(trainedRow)) {
            before = p.toFloatArray();
        }
        List<Long> batchEnds = new ArrayList<>();
        // From the third epoch on: Keras makes the second epoch's data iterator for up to a second,
        // with no batch boundary to serve calls at (the same in plain Python).
        CountDownLatch twoEpochs = new CountDownLatch(2);
        AtomicLong fitEnded = new AtomicLong();
        long fitStarted = System.nanoTime();
        Thread trainer = new Thread(() -> {
            trained.fit(x, y, f -> f.epochs(EPOCHS).batchSize(32).verbose(0).callbacks(callbackLambda(c -> c
                    .onBatchEnd(e -> batchEnds.add(System.nanoTime()))
                    .onEpochEnd(e -> twoEpochs.countDown()))));
            fitEnded.set(System.nanoTime());
        }, "trainer");
        trainer.start();
        twoEpochs.await();
        TimeUnit.MILLISECONDS.sleep(100);
        List<Long> latencies = new ArrayList<>();
        long lastAnswer = 0;
        for (int i = 0; i < 30; i++) {
            TimeUnit.MILLISECONDS.sleep(5 + ThreadLocalRandom.current().nextInt(20));
            long start = System.nanoTime();
            unrelated.predictOnBatch(row).close();
            lastAnswer = System.nanoTime();
            latencies.add(lastAnswer - start);
        }
        float[] during;
        long trainedStart = System.nanoTime();
        try (Tensor p = trained.predictOnBatch(trainedRow)) {
            during = p.toFloatArray();
        }
        long trainedAnswer = System.nanoTime();
        trainer.join();
        List<Long> batchTimes = new ArrayList<>();
        for (int i = 1; i < batchEnds.size(); i++) {
            batchTimes.add(batchEnds.get(i) - batchEnds.get(i - 1));
        }
        System.out.println("BATCHES count=" + batchEnds.size() + " median_ms=" + ms(quantile(batchTimes, 0.5)));
        System.out.println("PREDICTIONS count=" + latencies.size() + " median_ms=" + ms(quantile(latencies, 0.5))
                + " p99_ms=" + ms(quantile(latencies, 0.99)) + " max_ms=" + ms(quantile(latencies, 1.0)));
        System.out.println("FIT ms=" + ms(fitEnded.get() - fitStarted) + " ends_after_last_answer_ms=" + ms(fitEnded.get() - Math.max(lastAnswer, trainedAnswer))
                + " trained_model_answer_ms=" + ms(trainedAnswer - trainedStart)
                + " trained_model_prediction_changed=" + !Arrays.equals(before, during));
    }

    private static void deadlock(Sequential trained, Sequential unrelated, Tensor x, Tensor y, Tensor row) throws Exception {
        ExecutorService other = Executors.newSingleThreadExecutor();
        long start = System.nanoTime();
        try {
            trained.fit(x, y, f -> f.epochs(3).batchSize(256).verbose(0).callbacks(callbackLambda(c -> c.onEpochEnd(e -> {
                try {
                    // The mistake: waiting, on the Python thread, for a call only the Python thread can run.
                    other.submit(() -> unrelated.predictOnBatch(row).close()).get();
                } catch (ExecutionException failed) {
                    throw (RuntimeException) failed.getCause();
                } catch (InterruptedException interrupted) {
                    throw new IllegalStateException(interrupted);
                }
            }))));
            System.out.println("DEADLOCK none: fit ended normally");
        } catch (RuntimeException thrown) {
            System.out.println("DEADLOCK thrown=" + thrown.getClass().getName() + " after_ms=" + ms(System.nanoTime() - start));
            System.out.println("MESSAGE " + String.valueOf(thrown.getMessage()).replace('\n', ' '));
        } finally {
            other.shutdown();
        }
        try (Tensor p = unrelated.predictOnBatch(row)) {
            System.out.println("AFTER answered shape=" + Arrays.toString(p.shape()));
        }
    }

    /** The q-quantile (nearest rank) of {@code values}. */
    static long quantile(List<Long> values, double q) {
        List<Long> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank)));
    }

    private static String ms(long nanos) {
        return String.format("%.2f", nanos / 1e6);
    }
}
