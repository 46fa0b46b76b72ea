package jkeras.serving;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import jkeras.tensor.Tensor;
import jkeras.tensor.TensorScope;

/** One request waiting in a {@link BatchingPredictor}: its held inputs, where its answer goes. */
final class BatchRequest {
    final List<Tensor> inputs;     // held (RequestInputs): released once the request has run
    final long rows;
    final TensorScope scope;       // the caller's: the answer's tensors join it
    final long enqueuedNanos;
    /** Holds the list of outputs, or for a one-output request made with a tensor, the tensor itself. */
    final CompletableFuture<Object> future = new CompletableFuture<>();
    private final boolean single;

    BatchRequest(List<Tensor> inputs, long rows, TensorScope scope, boolean single) {
        this.inputs = inputs;
        this.single = single;
        this.rows = rows;
        this.scope = scope;
        this.enqueuedNanos = System.nanoTime();
    }

    /** Whether both can share a batch: same dtype and row shape for every input (only free axes can differ). */
    boolean fitsWith(BatchRequest other) {
        for (int i = 0; i < inputs.size(); i++) {
            Tensor a = inputs.get(i);
            Tensor b = other.inputs.get(i);
            if (a.dtype() != b.dtype() || !Arrays.equals(rowShape(a), rowShape(b))) {
                return false;
            }
        }
        return true;
    }

    private static long[] rowShape(Tensor t) {
        long[] shape = t.shape();
        return Arrays.copyOfRange(shape, 1, shape.length);
    }

    void release() {
        RequestInputs.release(inputs);
    }

    /** Completes with {@code outputs}; if the caller cancelled meanwhile, closes them instead. */
    void answer(List<Tensor> outputs) {
        release();
        if (!future.complete(single ? outputs.get(0) : outputs)) {
            outputs.forEach(Tensor::close);
        }
    }

    void fail(Throwable error) {
        release();
        future.completeExceptionally(error);
    }
}
