package jkeras.reliability;

import static jkeras.Keras.callbackLambda;
import static jkeras.Keras.kerasModelSequential;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jkeras.callbacks.Callback;
import jkeras.models.Sequential;
import jkeras.tensor.DType;
import jkeras.tensor.Tensor;

/**
 * Issue 10, item 2, as a program: starts a long fit on a daemon thread and, once batches run, ends
 * the JVM one way. Arguments: how ({@code exit} = System.exit(3), {@code halt} = Runtime.halt(4),
 * {@code uncaught} = an exception out of main, {@code signal} = nothing: the test sends SIGINT or
 * SIGTERM), and where the Python thread is meanwhile ({@code fit}: in Keras' batches, Java called
 * once an epoch only; {@code callback}: mostly inside a Java callback, which works 20 ms per batch).
 *
 * <p>Prints {@code READY} once batches run, and {@code TRIGGER} right before ending the JVM itself.
 */
public final class ExitDuringFit {
    public static void main(String[] args) throws Exception {
        String how = args[0];
        boolean inCallback = args[1].equals("callback");
        Sequential model = kerasModelSequential(s -> s.inputShape(32))
                .layerDense(64, d -> d.activation("relu"))
                .layerDense(1);
        model.compile("adam", "mse");
        Tensor x = Tensor.fromFlatIndex(DType.FLOAT32, new long[] {4096, 32}, i -> (i % 13) / 13.0);
        Tensor y = Tensor.fromFlatIndex(DType.FLOAT32, new long[] {4096, 1}, i -> i % 2);
        CountDownLatch batchesRun = new CountDownLatch(1);
        // In "fit", Java runs once per epoch (128 batches); in "callback", after every batch, 20 ms.
        Callback events = inCallback
                ? callbackLambda(c -> c.onBatchEnd(e -> {
                    batchesRun.countDown();
                    busy(TimeUnit.MILLISECONDS.toNanos(20));
                }))
                : callbackLambda(c -> c.onEpochEnd(e -> batchesRun.countDown()));
        Thread trainer = new Thread(() -> model.fit(x, y, f -> f.epochs(100_000).batchSize(32).verbose(0).callbacks(events)), "trainer");
        trainer.setDaemon(true);
        trainer.start();
        if (!batchesRun.await(120, TimeUnit.SECONDS)) {
            System.out.println("NEVER STARTED");
            System.exit(70);
        }
        Thread.sleep(500); // well into the fit
        System.out.println("READY");
        switch (how) {
            case "exit" -> {
                System.out.println("TRIGGER");
                System.exit(3);
            }
            case "halt" -> {
                System.out.println("TRIGGER");
                System.out.flush();
                Runtime.getRuntime().halt(4);
            }
            case "uncaught" -> {
                System.out.println("TRIGGER");
                throw new IllegalStateException("uncaught, on purpose, while fit runs");
            }
            default -> trainer.join(); // the test signals this process
        }
    }

    /** Works (does not sleep) for {@code nanos}: the Python thread is running Java code meanwhile. */
    private static void busy(long nanos) {
        long until = System.nanoTime() + nanos;
        double sink = 0;
        while (System.nanoTime() < until) {
            sink += Math.sqrt(sink + 1);
        }
        if (sink < 0) {
            System.out.println(sink);
        }
    }
}
