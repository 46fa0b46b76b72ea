package jkeras.serving;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import jkeras.tensor.DType;
import jkeras.tensor.Tensor;

/**
 * What a served model takes and gives: its inputs and outputs in order, each a {@link TensorSpec}.
 * Requests are checked against it in the caller's thread, before anything is queued, so a request of
 * the wrong shape fails alone with a message naming what was expected and what was received.
 */
public final class ModelSignature {
    private final List<TensorSpec> inputs;
    private final List<TensorSpec> outputs;

    public ModelSignature(List<TensorSpec> inputs, List<TensorSpec> outputs) {
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
    }

    /** The signature Python described: [[name, dtype, [dims, -1 for None]], ...] for inputs and outputs. */
    static ModelSignature fromPython(Map<?, ?> described) {
        return new ModelSignature(specs((List<?>) described.get("inputs")), specs((List<?>) described.get("outputs")));
    }

    private static List<TensorSpec> specs(List<?> described) {
        List<TensorSpec> out = new ArrayList<>();
        for (Object item : described) {
            List<?> spec = (List<?>) item;
            List<?> dims = (List<?>) spec.get(2);
            long[] shape = new long[dims.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = ((Number) dims.get(i)).longValue();
            }
            out.add(new TensorSpec((String) spec.get(0), DType.fromNumpy((String) spec.get(1)), shape));
        }
        return out;
    }

    public List<TensorSpec> inputs() {
        return inputs;
    }

    public List<TensorSpec> outputs() {
        return outputs;
    }

    /**
     * Checks one request (a tensor per input, in order) and returns its number of rows. Throws
     * {@link IllegalArgumentException} naming the argument, what the model expects and what was
     * received; a closed tensor throws {@link IllegalStateException}.
     */
    long checkRequest(List<Tensor> request, String argument) {
        if (request == null || request.size() != inputs.size()) {
            throw new IllegalArgumentException(argument + ": the model takes " + inputs.size() + " input"
                    + (inputs.size() == 1 ? "" : "s") + " " + names(inputs) + "; received "
                    + (request == null ? "null" : request.size() + " tensor" + (request.size() == 1 ? "" : "s")));
        }
        long rows = -1;
        for (int i = 0; i < inputs.size(); i++) {
            TensorSpec spec = inputs.get(i);
            Tensor x = request.get(i);
            String which = inputs.size() == 1 ? argument : argument + " input '" + spec.name() + "'";
            if (x == null) {
                throw new IllegalArgumentException(which + ": expected a tensor of shape " + spec.describeShape() + "; received null");
            }
            if (x.isClosed()) {
                throw new IllegalStateException(which + ": the tensor is closed");
            }
            checkShape(spec, x.shape(), x.dtype(), which);
            if (rows >= 0 && x.dim(0) != rows) {
                throw new IllegalArgumentException(argument + ": every input needs the same number of rows; input '"
                        + inputs.get(0).name() + "' has " + rows + ", input '" + spec.name() + "' has " + x.dim(0));
            }
            rows = x.dim(0);
        }
        return rows;
    }

    /** Checks one input's shape and dtype against its spec (a dtype other than the model's is cast, a bool or number alike). */
    static void checkShape(TensorSpec spec, long[] shape, DType dtype, String which) {
        long[] expected = spec.shape();
        boolean ok = shape.length == expected.length && shape.length > 0 && shape[0] > 0;
        for (int d = 1; ok && d < shape.length; d++) {
            ok = expected[d] < 0 || expected[d] == shape[d];
        }
        if (!ok) {
            String hint = shape.length == expected.length - 1 ? " (one sample is a batch of one: add a first axis of length 1)"
                    : shape.length > 0 && shape[0] == 0 ? " (no rows)" : "";
            throw new IllegalArgumentException(which + ": expected shape " + spec.describeShape() + " with at least one row; received "
                    + dtype.numpyName() + " " + TensorSpec.describe(shape) + hint);
        }
    }

    private static String names(List<TensorSpec> specs) {
        return Arrays.toString(specs.stream().map(TensorSpec::name).toArray());
    }

    @Override
    public String toString() {
        return "inputs " + inputs + ", outputs " + outputs;
    }
}
