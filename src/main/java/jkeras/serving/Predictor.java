package jkeras.serving;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jkeras.internal.PythonFunctions;
import jkeras.internal.PythonRuntime;
import jkeras.runtime.PythonException;
import jkeras.runtime.PythonObject;
import jkeras.tensor.Tensor;
import jkeras.tensor.TensorScope;

/**
 * A model compiled once for inference: the serving path, one request at a time. Faster than
 * {@code predictOnBatch} for small batches because it skips Keras' per-call data handling: on
 * TensorFlow it is a concrete {@code tf.function} with the model's input signature, on JAX a
 * jit-compiled stateless call, on torch a call without gradients. It uses the model's current
 * weights at every call.
 *
 * <p>A request up to {@value #STAGED_LIMIT_BYTES} bytes is copied into memory the Python predictor
 * keeps for it and the outputs copied back into new tensors, in one crossing into Python; a larger
 * one is handed over without copying (as {@code model.predict} does). Results belong to the
 * caller's {@link TensorScope}, if one is open.
 *
 * <p>Safe to call from many threads, but the calls run one after another on the Python thread: for
 * many request threads, a {@link BatchingPredictor} runs their requests together. Close it when done:
 * it holds the compiled function.
 */
public final class Predictor extends PythonObject {
    /** Requests up to this size go through the predictor's staging memory; larger ones are lent without a copy. */
    static final long STAGED_LIMIT_BYTES = 8L << 20;

    private final ModelSignature signature;
    private final StagedCall staged;
    private final boolean padsBatches;

    private Predictor(PythonObject handle, Map<?, ?> described) {
        super(handle);
        this.signature = ModelSignature.fromPython(described);
        this.staged = new StagedCall(this, signature, described);
        this.padsBatches = Boolean.TRUE.equals(described.get("pads_batches"));
    }

    /** The compiled inference path of {@code model} (a Keras model handle with a known input shape). */
    public static Predictor forModel(PythonObject model) {
        List<?> made = (List<?>) PythonRuntime.get().call(PythonFunctions.SERVING_PREDICTOR, model, StagedCall.dtypeNames());
        return new Predictor(PythonObject.wrap(made.get(0)), (Map<?, ?>) made.get(1));
    }

    /** The model's inputs and outputs: names, dtypes and shapes. */
    public ModelSignature signature() {
        return signature;
    }

    /**
     * The output of a model with one input and one output, for a batch (one sample is a batch of
     * one, shape {@code (1, ...)}).
     */
    public Tensor predict(Tensor x) {
        requireSingle("predict(x)");
        List<Tensor> outputs = predict(List.of(x), "predict(x)");
        return outputs.get(0);
    }

    /** The outputs (one tensor per model output, in order) for one tensor per model input, in order. */
    public List<Tensor> predict(List<Tensor> inputs) {
        return predict(inputs, "predict(inputs)");
    }

    private List<Tensor> predict(List<Tensor> inputs, String argument) {
        long rows = signature.checkRequest(inputs, argument);
        long bytes = 0;
        for (Tensor x : inputs) {
            bytes += x.nbytes();
        }
        if (bytes > STAGED_LIMIT_BYTES) {
            return lent(inputs);
        }
        long padded = padsBatches ? BatchSizes.powerOfTwoAtLeast(rows) : rows;
        List<Tensor> held = RequestInputs.hold(inputs, signature);
        try {
            return PythonRuntime.get().onPythonThread(() -> staged.run(List.of(held), rows, padded));
        } catch (PythonException e) {
            e.fillInStackTrace(); // point at the caller, not at the Python thread
            throw e;
        } finally {
            RequestInputs.release(held);
        }
    }

    /** A large request: lent to NumPy without a copy, outputs wrapped around NumPy's memory. */
    private List<Tensor> lent(List<Tensor> inputs) {
        Object result = PythonRuntime.get().call(PythonFunctions.SERVING_PREDICT_MANY, this, inputs);
        List<Tensor> outputs = new ArrayList<>();
        if (result instanceof List<?> list) {
            for (Object o : list) {
                outputs.add((Tensor) o);
            }
        } else {
            outputs.add((Tensor) result);
        }
        return outputs;
    }

    private void requireSingle(String argument) {
        if (signature.inputs().size() != 1 || signature.outputs().size() > 1) {
            throw new IllegalStateException(argument + " serves models of one input and one output; this one has "
                    + signature.inputs().size() + " inputs and " + signature.outputs().size() + " outputs: use predict(List)");
        }
    }

    StagedCall staged() {
        return staged;
    }

    boolean padsBatches() {
        return padsBatches;
    }
}
