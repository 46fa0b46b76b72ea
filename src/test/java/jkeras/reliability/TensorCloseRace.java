package jkeras.reliability;

import static jkeras.Keras.kerasModelSequential;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import jkeras.models.Sequential;
import jkeras.tensor.DType;
import jkeras.tensor.Tensor;
import jkeras.tensor.TensorMemory;

/**
 * Issue 10, item 1, as a program: closes a tensor while other threads bulk-read it, take views of
 * it and hand it to Keras, at a random moment, round after round, for tensors made in Java and
 * tensors over NumPy's memory (a prediction). Each reader must either finish or get an
 * IllegalStateException ("closed"); anything else prints UNEXPECTED and exits 2, and a read of freed
 * memory crashes the JVM (TensorCloseRaceTest sees the exit status and the crash report).
 *
 * <p>Arguments: the number of rounds (each has one race per kind of tensor).
 */
public final class TensorCloseRace {
    private static final int READERS = 4;
    private static final int ROWS = 1024;
    private static final int COLUMNS = 4096; // 16 MB of float32: a bulk read takes milliseconds

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        ExecutorService readers = Executors.newFixedThreadPool(READERS);
        // Outputs [ROWS, COLUMNS] over NumPy's memory; and a model that takes such a tensor whole.
        Sequential widen = kerasModelSequential(s -> s.inputShape(8)).layerDense(COLUMNS);
        Sequential narrow = kerasModelSequential(s -> s.inputShape(COLUMNS)).layerDense(1);
        long completed = 0;
        long refused = 0;
        try (Tensor seed = Tensor.ones(DType.FLOAT32, ROWS, 8)) {
            for (int round = 0; round < rounds; round++) {
                long[] java = race(readers, Tensor.ones(DType.FLOAT32, ROWS, COLUMNS), narrow);
                long[] numpy = race(readers, widen.predictOnBatch(seed), narrow);
                completed += java[0] + numpy[0];
                refused += java[1] + numpy[1];
                System.out.println("ROUND " + round + " java=" + java[0] + "/" + java[1] + " numpy=" + numpy[0] + "/" + numpy[1]);
            }
        }
        readers.shutdown();
        widen.close();
        narrow.close();
        jkeras.Keras.setRandomSeed(1); // a call after the releases closing queued: they have run
        long left = TensorMemory.allocatedBytes();
        jkeras.internal.PythonRuntime.get().call("jkeras.selftest:collect_garbage");
        jkeras.internal.PythonRuntime.get().call("jkeras.selftest:collect_garbage");
        System.out.println("DONE rounds=" + rounds + " races=" + 2 * rounds + " completed=" + completed
                + " refused=" + refused + " javaBytesLeft=" + TensorMemory.allocatedBytes() + " beforeCollection=" + left);
    }

    /** One race: readers start, the tensor is closed at a random moment; [reads completed, reads refused]. */
    private static long[] race(ExecutorService readers, Tensor tensor, Sequential narrow) throws Exception {
        CountDownLatch started = new CountDownLatch(READERS);
        List<Future<long[]>> results = new ArrayList<>();
        for (int r = 0; r < READERS; r++) {
            int kind = r;
            results.add(readers.submit(() -> {
                started.countDown();
                long done = 0;
                while (true) {
                    try {
                        read(tensor, kind, narrow);
                        done++;
                    } catch (IllegalStateException closed) {
                        if (!String.valueOf(closed.getMessage()).contains("closed")) {
                            throw closed;
                        }
                        return new long[] {done, 1};
                    }
                }
            }));
        }
        started.await();
        TimeUnit.MICROSECONDS.sleep(ThreadLocalRandom.current().nextInt(20_000));
        tensor.close();
        long[] total = new long[2];
        for (Future<long[]> result : results) {
            try {
                long[] one = result.get(60, TimeUnit.SECONDS);
                total[0] += one[0];
                total[1] += one[1];
            } catch (Exception e) {
                System.out.println("UNEXPECTED " + e);
                e.printStackTrace(System.out);
                System.out.flush();
                Runtime.getRuntime().halt(2);
            }
        }
        return total;
    }

    /** One read of one kind: the whole array, a view's rows, elements, or a hand-over to Keras. */
    private static void read(Tensor tensor, int kind, Sequential narrow) {
        switch (kind) {
            case 0 -> {
                float[] all = tensor.toFloatArray();
                check(all[all.length - 1]);
            }
            case 1 -> {
                try (Tensor rows = tensor.rows(ROWS / 2, ROWS)) {
                    check(rows.toDoubleArray()[0]);
                }
            }
            case 2 -> {
                for (int i = 0; i < 10_000; i++) {
                    check(tensor.getFloat(ThreadLocalRandom.current().nextInt(ROWS), ThreadLocalRandom.current().nextInt(COLUMNS)));
                }
            }
            default -> {
                try (Tensor prediction = narrow.predictOnBatch(tensor)) {
                    check(prediction.getFloat(0, 0));
                }
            }
        }
    }

    private static void check(double value) {
        if (Double.isNaN(value)) {
            throw new AssertionError("NaN read");
        }
    }
}
