package jkeras.serving;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import jkeras.internal.PythonRuntime;
import jkeras.runtime.PythonException;
import jkeras.runtime.PythonObject;
import jkeras.tensor.Tensor;
import jkeras.tensor.TensorScope;

/**
 * A predictor for many request threads: requests from any thread are gathered into one batch, run
 * once on the Python thread, and each caller gets its own rows back. Made by
 * {@code model.predictor(p -> p.maxBatchSize(32).maxDelay(Duration.ofMillis(2)).queueCapacity(1024))}.
 *
 * <pre>{@code
 * try (BatchingPredictor predictor = model.predictor(p -> p.maxBatchSize(32))) {
 *     // on any number of threads:
 *     try (Tensor y = predictor.predict(x)) { ... }                     // blocks
 *     CompletableFuture<Tensor> later = predictor.predictAsync(x);      // does not
 * }
 * }</pre>
 *
 * <p>A request is a batch of one or more rows (a tensor per model input); it is checked against the
 * model's {@link #signature()} in the caller's thread, so a request of the wrong shape fails at once
 * and alone, never the batch it would have joined. Its inputs are held (not copied, unless their
 * dtype differs from the model's) until it has run, so the caller may close them meanwhile. Answers
 * are new tensors in the caller's {@link TensorScope} (if one was open when it asked): the caller
 * closes them.
 *
 * <p><b>Batching.</b> One thread ("jkeras-batcher-N") forms batches. A batch starts as soon as the
 * Python thread is free and either {@code maxBatchSize} rows are waiting, or as many rows as the
 * previous batch had, or its oldest request has waited {@code maxDelay}; requests that arrive while a
 * batch runs make the next one. So a single client is never delayed, and N clients are served about
 * N rows per call. On JAX, which compiles the model for each input shape, batches are padded to a
 * few fixed sizes ({@link BatchingOptions#batchSizes}); TensorFlow's compiled function has a free
 * batch axis and torch runs eagerly, so neither needs padding. If a batch of several requests fails
 * in Python, each request is run again alone, so that only a request that fails by itself fails.
 *
 * <p><b>Back-pressure.</b> At most {@code queueCapacity} requests wait; one more is refused at once
 * with {@link PredictionRejectedException} ({@code QUEUE_FULL}): memory never grows without bound.
 *
 * <p><b>Closing.</b> {@link #close()} refuses new requests, lets the queued ones run (for at most
 * {@code closeTimeout}; any still waiting then fail with {@link PredictionRejectedException},
 * {@code CLOSED}), then frees the compiled function. It is idempotent and never leaves a caller
 * waiting forever.
 *
 * <p>Dependent stages added to a future with non-async methods ({@code thenApply}) run on the
 * batcher thread and delay the next batch: use the {@code ...Async} forms for heavy work there.
 */
public final class BatchingPredictor implements AutoCloseable {
    private static final AtomicInteger NUMBERS = new AtomicInteger();

    private final Predictor predictor;
    private final ModelSignature signature;
    private final BatchingOptions options;
    private final int maxBatchSize;
    private final long maxDelayNanos;
    private final BatchSizes padding; // null: batches run at the size they have
    private final ArrayBlockingQueue<BatchRequest> queue;
    private final Thread batcher;
    private volatile boolean closed;
    private volatile boolean abandon; // the close timeout ran out: fail what still waits
    private BatchRequest carried;     // did not fit the previous batch (batcher thread only)
    private long lastBatchRows = 1;   // batcher thread only
    private final LongAdder requests = new LongAdder();
    private final LongAdder batches = new LongAdder();
    private final LongAdder rowsRun = new LongAdder();
    private final LongAdder rejected = new LongAdder();

    private BatchingPredictor(Predictor predictor, BatchingOptions options) {
        this.predictor = predictor;
        this.signature = predictor.signature();
        this.options = options;
        this.maxBatchSize = options.maxBatchSize();
        this.maxDelayNanos = options.maxDelay().toNanos();
        long[] sizes = options.batchSizes();
        this.padding = sizes != null ? BatchSizes.of(sizes) : predictor.padsBatches() ? BatchSizes.powersOfTwo(maxBatchSize) : null;
        this.queue = new ArrayBlockingQueue<>(options.queueCapacity());
        this.batcher = new Thread(this::serve, "jkeras-batcher-" + NUMBERS.incrementAndGet());
        this.batcher.setDaemon(true); // a predictor nobody closed must not keep the JVM alive
        this.batcher.start();
    }

    /** A batching predictor over {@code model}'s compiled inference function (a model with a known input shape). */
    public static BatchingPredictor forModel(PythonObject model, BatchingOptions options) {
        return new BatchingPredictor(Predictor.forModel(model), options);
    }

    /** The model's inputs and outputs: names, dtypes and shapes. */
    public ModelSignature signature() {
        return signature;
    }

    public BatchingOptions options() {
        return options;
    }

    // ------------------------------------------------------------------ requests

    /** The output for {@code x}, for a model of one input and one output; waits for the batch it joins. */
    public Tensor predict(Tensor x) {
        return await(predictAsync(x));
    }

    /** The outputs (one per model output) for one tensor per model input; waits for the batch it joins. */
    public List<Tensor> predict(List<Tensor> inputs) {
        return await(predictAsync(inputs));
    }

    /**
     * Queues {@code x} (a model of one input and one output) and returns at once. A request of the
     * wrong shape throws {@link IllegalArgumentException}, a full queue or a closed predictor
     * {@link PredictionRejectedException}, here, before anything is queued.
     */
    public CompletableFuture<Tensor> predictAsync(Tensor x) {
        if (signature.inputs().size() != 1 || signature.outputs().size() > 1) {
            throw new IllegalStateException("predictAsync(x) serves models of one input and one output; this one has "
                    + signature.inputs().size() + " inputs and " + signature.outputs().size() + " outputs: use predictAsync(List)");
        }
        @SuppressWarnings("unchecked")
        CompletableFuture<Tensor> future = (CompletableFuture<Tensor>) (CompletableFuture<?>) submit(List.of(x), "predictAsync(x)", true);
        return future;
    }

    /** Queues one tensor per model input and returns at once; the future holds one tensor per model output. */
    public CompletableFuture<List<Tensor>> predictAsync(List<Tensor> inputs) {
        @SuppressWarnings("unchecked")
        CompletableFuture<List<Tensor>> future = (CompletableFuture<List<Tensor>>) (CompletableFuture<?>) submit(inputs, "predictAsync(inputs)", false);
        return future;
    }

    private CompletableFuture<Object> submit(List<Tensor> inputs, String argument, boolean single) {
        if (closed) {
            rejected.increment();
            throw closedException();
        }
        long rows = signature.checkRequest(inputs, argument);
        BatchRequest request = new BatchRequest(RequestInputs.hold(inputs, signature), rows, TensorScope.current(), single);
        if (!queue.offer(request)) {
            request.release();
            rejected.increment();
            throw new PredictionRejectedException(PredictionRejectedException.Reason.QUEUE_FULL,
                    "the prediction queue is full (" + options.queueCapacity() + " requests waiting): try again later");
        }
        // close() may have run between the check above and the offer, and the batcher may have
        // drained the queue and stopped: take the request back if it is still there.
        if (closed && queue.remove(request)) {
            request.release();
            rejected.increment();
            throw closedException();
        }
        requests.increment();
        return request.future;
    }

    private static PredictionRejectedException closedException() {
        return new PredictionRejectedException(PredictionRejectedException.Reason.CLOSED, "the batching predictor is closed");
    }

    /** Waits for a future uninterruptibly (a batch ends within maxDelay plus a batch time); the cause is rethrown as itself. */
    private static <T> T await(CompletableFuture<T> future) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException r) {
                        throw r;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ------------------------------------------------------------------ the batcher thread

    private void serve() {
        try {
            while (true) {
                List<BatchRequest> batch = nextBatch();
                if (batch == null) {
                    break;
                }
                run(batch);
            }
        } finally {
            failWaiting();
            predictor.close();
        }
    }

    /** The next batch, or null once closed and nothing waits. */
    private List<BatchRequest> nextBatch() {
        BatchRequest first = carried;
        carried = null;
        while (first == null) {
            if (abandon || closed && queue.isEmpty()) {
                return null;
            }
            try {
                first = queue.poll(closed ? 0 : 20, TimeUnit.MILLISECONDS); // close() is seen within 20 ms
            } catch (InterruptedException e) {
                // Nobody should interrupt the batcher; it stops only through close().
            }
        }
        List<BatchRequest> batch = new ArrayList<>();
        batch.add(first);
        long rows = first.rows;
        long enough = Math.min(maxBatchSize, lastBatchRows);
        long deadline = first.enqueuedNanos + maxDelayNanos;
        while (rows < maxBatchSize) {
            BatchRequest next = queue.poll();
            if (next == null) {
                long left = deadline - System.nanoTime();
                if (rows >= enough || closed || left <= 0) {
                    break;
                }
                try {
                    next = queue.poll(left, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    break;
                }
                if (next == null) {
                    break;
                }
            }
            if (rows + next.rows > maxBatchSize || !next.fitsWith(first)) {
                carried = next;
                break;
            }
            batch.add(next);
            rows += next.rows;
        }
        lastBatchRows = Math.max(1, rows);
        return batch;
    }

    private void run(List<BatchRequest> batch) {
        if (abandon) {
            batch.forEach(r -> r.fail(closedWhileWaiting()));
            return;
        }
        long rows = 0;
        List<List<Tensor>> inputs = new ArrayList<>(batch.size());
        for (BatchRequest r : batch) {
            rows += r.rows;
            inputs.add(r.inputs);
        }
        long total = rows;
        long padded = padding != null ? padding.padded(rows) : rows;
        List<Tensor> outputs;
        try {
            outputs = TensorScope.runIn(null, () -> PythonRuntime.get().onPythonThreadParked(
                    () -> predictor.staged().run(inputs, total, padded)));
        } catch (PythonException e) {
            if (batch.size() > 1) {
                // Find the request that fails by itself: run each alone.
                for (BatchRequest r : batch) {
                    run(List.of(r));
                }
            } else {
                batch.get(0).fail(e);
            }
            return;
        } catch (Throwable e) {
            batch.forEach(r -> r.fail(e));
            return;
        }
        batches.increment();
        rowsRun.add(rows);
        try {
            long from = 0;
            for (BatchRequest r : batch) {
                r.answer(rowsOf(outputs, r, from, batch.size() == 1));
                from += r.rows;
            }
        } finally {
            outputs.forEach(Tensor::close);
        }
    }

    /** The request's rows of each output, views over the batch's memory, made in the request's scope. */
    private static List<Tensor> rowsOf(List<Tensor> outputs, BatchRequest r, long from, boolean whole) {
        List<Tensor> mine = new ArrayList<>(outputs.size());
        try {
            for (Tensor out : outputs) {
                mine.add(viewIn(r.scope, () -> whole ? out.reshape(out.shape()) : out.rows(from, from + r.rows)));
            }
        } catch (RuntimeException e) {
            mine.forEach(Tensor::close);
            throw e;
        }
        return mine;
    }

    private static Tensor viewIn(TensorScope scope, java.util.function.Supplier<Tensor> view) {
        try {
            return TensorScope.runIn(scope, view);
        } catch (IllegalStateException scopeClosedMeanwhile) {
            return TensorScope.runIn(null, view);
        }
    }

    private void failWaiting() {
        BatchRequest r = carried;
        carried = null;
        if (r != null) {
            r.fail(closedWhileWaiting());
        }
        while ((r = queue.poll()) != null) {
            r.fail(closedWhileWaiting());
        }
    }

    private static PredictionRejectedException closedWhileWaiting() {
        return new PredictionRejectedException(PredictionRejectedException.Reason.CLOSED,
                "the batching predictor was closed before this request ran (its close timeout ran out)");
    }

    // ------------------------------------------------------------------ state

    /** Counts so far: requests accepted, batches run, rows run, requests refused. */
    public Stats stats() {
        return new Stats(requests.sum(), batches.sum(), rowsRun.sum(), rejected.sum());
    }

    /** Counts of a batching predictor's work; {@link #meanBatchRows()} is what batching achieved. */
    public record Stats(long requests, long batches, long rows, long rejected) {
        public double meanBatchRows() {
            return batches == 0 ? 0 : (double) rows / batches;
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Refuses new requests, lets the queued ones run for at most {@code closeTimeout} (those still
     * waiting then fail with {@link PredictionRejectedException}), waits for the batch in progress,
     * and frees the compiled function. Idempotent; from the batcher thread itself (a future's
     * callback) it only starts the close.
     */
    @Override
    public void close() {
        closed = true;
        if (Thread.currentThread() == batcher) {
            return;
        }
        try {
            batcher.join(Math.max(1, options.closeTimeout().toMillis()));
            if (batcher.isAlive()) {
                abandon = true;
                batcher.join();
            }
        } catch (InterruptedException e) {
            abandon = true;
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "BatchingPredictor(" + options + (closed ? ", closed)" : ")");
    }
}
