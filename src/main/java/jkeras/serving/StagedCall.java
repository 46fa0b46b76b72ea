package jkeras.serving;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jkeras.internal.PythonFunctions;
import jkeras.internal.PythonRuntime;
import jkeras.runtime.PythonObject;
import jkeras.tensor.DType;
import jkeras.tensor.Tensor;
import org.apache.arrow.memory.util.MemoryUtil;

/**
 * The Java half of the staged serving call ({@code python/jkeras/serving.py}, {@code run_staged}):
 * the Python predictor owns one aligned buffer per input and a small int64 header; on the Python
 * thread, Java copies the request rows into the buffers and describes them in the header, makes one
 * call, and copies the outputs the header then describes into new tensors. No tensor is lent to
 * NumPy or wrapped around NumPy memory, so nothing is left for Python to release afterwards.
 *
 * <p>Every method runs on the Python thread, which also is the only thread that may replace a
 * buffer: the addresses kept here stay valid while the Python predictor lives, and the handle that
 * keeps it alive is checked open by the call that uses them.
 */
final class StagedCall {
    private static final DType[] DTYPES = DType.values();
    /** Sanity bounds on what Python writes into the header. */
    private static final int MAX_OUTPUTS = 1024;
    private static final int MAX_RANK = 64;

    private final PythonObject predictor;
    private final long header;
    private final int inSlots;
    private final int outSlots;
    private final long[] stagingAddress;
    private final long[] stagingBytes;

    StagedCall(PythonObject predictor, ModelSignature signature, Map<?, ?> described) {
        this.predictor = predictor;
        List<?> h = (List<?>) described.get("header");
        this.header = ((Number) h.get(0)).longValue();
        this.inSlots = ((Number) h.get(1)).intValue();
        this.outSlots = ((Number) h.get(2)).intValue();
        this.stagingAddress = new long[signature.inputs().size()];
        this.stagingBytes = new long[signature.inputs().size()];
    }

    /** NumPy's names of jkeras' dtypes, by ordinal: what the header's dtype fields index. */
    static List<String> dtypeNames() {
        List<String> names = new ArrayList<>();
        for (DType type : DTYPES) {
            names.add(type.numpyName());
        }
        return names;
    }

    /**
     * Runs one batch: the rows of each request (a tensor per input, already checked against the
     * signature, all with the same row shape and dtype), in order, then zero rows up to
     * {@code paddedRows}. Returns each output with the requests' {@code rows} rows (padding cut off),
     * in new memory of the current tensor scope. The request tensors must stay open meanwhile.
     */
    List<Tensor> run(List<List<Tensor>> requests, long rows, long paddedRows) {
        PythonRuntime python = PythonRuntime.get();
        if (!python.isPythonThread()) {
            throw new IllegalStateException("the staged call runs on the Python thread only");
        }
        if (predictor.isClosed()) {
            // Checked on the Python thread, before the buffers are touched: a close after this
            // point releases the Python predictor only once this call has returned.
            throw new IllegalStateException("the predictor is closed");
        }
        List<Tensor> first = requests.get(0);
        int slot = 0;
        put(slot++, first.size());
        for (int i = 0; i < first.size(); i++) {
            Tensor model = first.get(i);
            long rowBytes = model.nbytes() / model.dim(0);
            long total = rowBytes * paddedRows;
            ensureStaging(python, i, total);
            long at = stagingAddress[i];
            for (List<Tensor> request : requests) {
                Tensor x = request.get(i);
                MemoryUtil.copyMemory(x.address(), at, x.nbytes());
                at += x.nbytes();
            }
            long end = stagingAddress[i] + total;
            if (at < end) {
                MemoryUtil.setMemory(at, end - at, (byte) 0);
            }
            long[] shape = model.shape();
            shape[0] = paddedRows;
            if (slot + 2 + shape.length > inSlots) {
                throw new IllegalStateException("the inputs need more header slots than the predictor has (" + inSlots + ")");
            }
            put(slot++, model.dtype().ordinal());
            put(slot++, shape.length);
            for (long d : shape) {
                put(slot++, d);
            }
        }
        python.call(PythonFunctions.SERVING_RUN_STAGED, predictor);
        return readOutputs(requests.size() == 1, rows, paddedRows);
    }

    private List<Tensor> readOutputs(boolean oneRequest, long rows, long paddedRows) {
        int slot = inSlots;
        int end = inSlots + outSlots;
        long count = get(slot++);
        if (count < 0 || count > MAX_OUTPUTS) {
            throw new IllegalStateException("the staged call described " + count + " outputs");
        }
        List<Tensor> outputs = new ArrayList<>((int) count);
        try {
            for (int k = 0; k < count; k++) {
                long address = get(slot);
                long nbytes = get(slot + 1);
                long ordinal = get(slot + 2);
                long rank = get(slot + 3);
                slot += 4;
                if (ordinal < 0 || ordinal >= DTYPES.length || rank < 0 || rank > MAX_RANK || slot + rank > end) {
                    throw new IllegalStateException("the staged call described output " + k + " badly: dtype " + ordinal + ", rank " + rank);
                }
                long[] shape = new long[(int) rank];
                long elements = 1;
                for (int d = 0; d < rank; d++) {
                    shape[d] = get(slot++);
                    elements *= shape[d];
                }
                DType dtype = DTYPES[(int) ordinal];
                if (elements * dtype.byteSize() != nbytes) {
                    throw new IllegalStateException("the staged call described output " + k + " as " + nbytes + " bytes of shape "
                            + TensorSpec.describe(shape));
                }
                boolean batched = rank > 0 && shape[0] == paddedRows;
                if (!batched && !(oneRequest && rows == paddedRows)) {
                    throw new IllegalStateException("output " + k + " of shape " + TensorSpec.describe(shape) + " has no batch axis of "
                            + paddedRows + " rows, so it cannot be split between requests; serve this model one request at a time"
                            + " (maxBatchSize(1))");
                }
                long bytes = nbytes;
                if (batched && rows != paddedRows) {
                    bytes = nbytes / paddedRows * rows;
                    shape[0] = rows;
                }
                Tensor out = Tensor.zeros(dtype, shape);
                outputs.add(out);
                MemoryUtil.copyMemory(address, out.address(), bytes);
            }
        } catch (RuntimeException e) {
            outputs.forEach(Tensor::close);
            throw e;
        }
        return outputs;
    }

    private void ensureStaging(PythonRuntime python, int input, long bytes) {
        if (stagingBytes[input] >= bytes) {
            return;
        }
        List<?> grown = (List<?>) python.call(PythonFunctions.SERVING_STAGING, predictor, input, bytes);
        stagingAddress[input] = ((Number) grown.get(0)).longValue();
        stagingBytes[input] = ((Number) grown.get(1)).longValue();
        if (stagingBytes[input] < bytes) {
            throw new IllegalStateException("the staging buffer of input " + input + " did not grow to " + bytes + " bytes");
        }
    }

    private void put(int slot, long value) {
        MemoryUtil.putLong(header + 8L * slot, value);
    }

    private long get(int slot) {
        return MemoryUtil.getLong(header + 8L * slot);
    }
}
