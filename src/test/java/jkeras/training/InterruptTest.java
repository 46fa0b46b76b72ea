package jkeras.training;

import static jkeras.Keras.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import jkeras.models.Sequential;
import jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Interrupting the Java thread in fit stops training at the next batch; the model stays usable. */
class InterruptTest {
    @Test
    void interruptedFitStopsAndTheModelStillPredicts() throws Exception {
        try (FashionMnist data = new FashionMnist(4096)) {
            Sequential model = kerasModelSequential(s -> s.inputShape(784))
                    .layerDense(64, d -> d.activation("relu"))
                    .layerDense(10, d -> d.activation("softmax"));
            model.compile("adam", "categorical_crossentropy", "accuracy");

            CountDownLatch firstEpochDone = new CountDownLatch(1);
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
            Thread trainer = new Thread(() -> {
                try {
                    model.fit(data.x, data.y, f -> f.epochs(1000).batchSize(32).verbose(0)
                            .callbacks(callbackLambda(c -> c.onEpochEnd(e -> firstEpochDone.countDown()))));
                } catch (Throwable t) {
                    thrown.set(t);
                }
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            });
            trainer.start();
            assertTrue(firstEpochDone.await(120, TimeUnit.SECONDS), "training did not start");
            trainer.interrupt();
            trainer.join(60_000);
            assertTrue(!trainer.isAlive(), "fit did not stop after the interrupt");

            assertTrue(thrown.get() instanceof TrainingInterruptedException, String.valueOf(thrown.get()));
            History partial = ((TrainingInterruptedException) thrown.get()).history();
            assertNotNull(partial);
            assertTrue(partial.epochCount() >= 1 && partial.epochCount() < 1000);
            assertEquals(Boolean.TRUE, stillInterrupted.get(), "the interrupt status is kept");

            try (Tensor one = data.xTest.rows(0, 2); Tensor p = model.predict(one, q -> q.verbose(0))) {
                assertEquals(2, p.dim(0));
            }
            History more = model.fit(data.x, data.y, f -> f.epochs(1).verbose(0));
            assertEquals(1, more.epochCount(), "the model trains again");
        }
    }
}
