package jkeras.serving;

import java.util.ArrayList;
import java.util.List;
import jkeras.tensor.Tensor;
import jkeras.tensor.TensorScope;

/**
 * A request's input tensors, held for as long as the request waits and runs: each is a view of the
 * caller's tensor (or, for another dtype than the model's, a cast copy), made outside any tensor
 * scope. The view keeps the memory alive even if the caller closes its tensor or its scope meanwhile,
 * so the Python thread never reads freed memory; releasing closes the views.
 */
final class RequestInputs {
    private RequestInputs() {}

    static List<Tensor> hold(List<Tensor> inputs, ModelSignature signature) {
        List<Tensor> held = new ArrayList<>(inputs.size());
        try {
            TensorScope.runIn(null, () -> {
                for (int i = 0; i < inputs.size(); i++) {
                    Tensor x = inputs.get(i);
                    var dtype = signature.inputs().get(i).dtype();
                    held.add(x.dtype() == dtype ? x.reshape(x.shape()) : x.cast(dtype));
                }
                return null;
            });
        } catch (RuntimeException e) {
            release(held);
            throw e;
        }
        return held;
    }

    static void release(List<Tensor> held) {
        for (Tensor t : held) {
            t.close();
        }
    }
}
