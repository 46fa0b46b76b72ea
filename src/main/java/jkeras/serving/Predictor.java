package jkeras.serving;

import java.util.List;
import jkeras.internal.PythonFunctions;
import jkeras.internal.PythonRuntime;
import jkeras.runtime.PythonObject;
import jkeras.tensor.Tensor;

/**
 * A model compiled once for inference: the serving path. Faster than {@code predictOnBatch} for
 * small batches because it skips Keras' per-call data handling: on TensorFlow it is a concrete
 * {@code tf.function} with the model's input signature, on JAX a jit-compiled stateless call, on
 * torch a call without gradients. It uses the model's current weights at every call. Safe to call
 * from many threads (calls run one at a time on the Python thread). Close it when done: it holds the
 * compiled function.
 */
public final class Predictor extends PythonObject {
    private Predictor(PythonObject handle) {
        super(handle);
    }

    /** The compiled inference path of {@code model} (a Keras model handle with a known input shape). */
    public static Predictor forModel(PythonObject model) {
        return new Predictor(PythonObject.wrap(PythonRuntime.get().call(PythonFunctions.SERVING_PREDICTOR, model)));
    }

    /** The model's output for a batch (one sample is a batch of one), over the memory Keras returned. */
    public Tensor predict(Tensor x) {
        return (Tensor) PythonRuntime.get().call(PythonFunctions.SERVING_PREDICT, this, x);
    }

    /** Outputs for a model with several inputs, in the order of the model's inputs. */
    public Object predict(List<Tensor> inputs) {
        return PythonRuntime.get().call(PythonFunctions.SERVING_PREDICT_MANY, this, inputs);
    }
}
