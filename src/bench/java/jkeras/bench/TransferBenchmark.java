package jkeras.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import jep.NDArray;
import jkeras.internal.PythonRuntime;
import jkeras.tensor.DType;
import jkeras.tensor.Tensor;
import jkeras.tensor.TensorMemory;
import org.apache.arrow.c.ArrowArray;
import org.apache.arrow.c.ArrowSchema;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.ForeignAllocation;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;

/**
 * Handing float32 arrays between Java and NumPy, three ways, at 1 MB, 16 MB, 188 MB (Fashion-MNIST's
 * training set as float32) and 1 GB:
 * <ul>
 *   <li><b>jkeras</b>: a {@link Tensor} to a NumPy array over the same memory, and back;</li>
 *   <li><b>Arrow C Data</b>: the same memory through the Arrow C Data Interface and pyarrow;</li>
 *   <li><b>Jep NDArray</b>: Jep's own conversion of a {@code float[]}, which copies.</li>
 * </ul>
 * Each time is one call from a Java thread that returns once Python holds the array (Java → NumPy)
 * or Java holds it (NumPy → Java), thread hand-off included. Run: {@code scripts/bench transfer}.
 */
public final class TransferBenchmark {
    private static final long MB = 1_000_000;
    private static final long[] SIZES = {MB, 16 * MB, 188_160_000L, 1_000 * MB};
    private static final String[] SIZE_NAMES = {"1 MB", "16 MB", "188 MB", "1 GB"};

    private final PythonRuntime python = PythonRuntime.get();
    private final int repeats;

    private TransferBenchmark(int repeats) {
        this.repeats = repeats;
    }

    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        new TransferBenchmark(repeats).run();
    }

    private void run() {
        System.out.printf(Locale.ROOT, "Handing a float32 array between Java and NumPy: median (min) of %d calls, ms%n%n", repeats);
        Stats noop = time(repeats * 10, () -> python.call("jkeras.benchmarks:noop"));
        System.out.printf(Locale.ROOT, "A call with no array (the hand-off to the Python thread itself): %s%n%n", noop);
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"size", "Java→NumPy jkeras", "Java→NumPy Arrow C Data", "Java→NumPy Jep NDArray (copy)",
                "NumPy→Java jkeras", "NumPy→Java Arrow C Data", "NumPy→Java Jep NDArray (copy)"});
        for (int s = 0; s < SIZES.length; s++) {
            int count = (int) (SIZES[s] / 4);
            int copyRepeats = SIZES[s] >= 1_000 * MB ? 3 : repeats;
            String[] row = new String[7];
            row[0] = SIZE_NAMES[s];
            try (Tensor tensor = Tensor.fromFlatIndex(DType.FLOAT32, new long[] {count}, i -> i)) {
                row[1] = time(repeats, () -> checkSame(tensor.address(), python.call("jkeras.benchmarks:pointer", tensor))).toString();
                row[2] = time(repeats, () -> arrowCToNumpy(tensor)).toString();
            }
            row[3] = copyToNumpy(count, copyRepeats).toString();
            String key = "array-" + s;
            python.call("jkeras.benchmarks:prepare", key, count);
            row[4] = time(repeats, () -> {
                try (Tensor t = (Tensor) python.call("jkeras.benchmarks:hand_over", key)) {
                    return t.size();
                }
            }).toString();
            row[5] = time(repeats, () -> arrowCToJava(key)).toString();
            row[6] = time(copyRepeats, () -> ((List<?>) python.call("jkeras.benchmarks:hand_over_copied", key)).size()).toString();
            python.call("jkeras.benchmarks:discard", key);
            rows.add(row);
            System.out.printf(Locale.ROOT, "%s done%n", row[0]);
        }
        System.out.println();
        printMarkdown(rows);
        System.out.printf(Locale.ROOT, "%nArrow memory still allocated: %d bytes%n", TensorMemory.allocatedBytes());
    }

    private Stats copyToNumpy(int count, int copyRepeats) {
        float[] heap = new float[count];
        return time(copyRepeats, () -> python.call("jkeras.benchmarks:pointer", new NDArray<>(heap, count)));
    }

    /** The Arrow C Data route's own allocator, as a program using that route would have. */
    private static final BufferAllocator ARROW_C_ALLOCATOR = new org.apache.arrow.memory.RootAllocator();

    /** Exports the tensor's memory as an Arrow float32 vector into C structs; pyarrow imports it. */
    private Object arrowCToNumpy(Tensor tensor) {
        BufferAllocator allocator = ARROW_C_ALLOCATOR;
        try (ArrowArray array = ArrowArray.allocateNew(allocator);
             ArrowSchema schema = ArrowSchema.allocateNew(allocator);
             Float4Vector vector = new Float4Vector("x", allocator)) {
            ArrowBuf data = borrow(allocator, tensor.address(), tensor.nbytes());
            ArrowBuf validity = allocator.getEmpty();
            vector.loadFieldBuffers(new ArrowFieldNode(tensor.size(), 0), List.of(validity, data));
            data.close();
            Data.exportVector(allocator, vector, null, array, schema);
            Object pointer = python.call("jkeras.benchmarks:import_arrow_c", array.memoryAddress(), schema.memoryAddress(),
                    new int[] {(int) tensor.size()});
            return checkSame(tensor.address(), pointer);
        }
    }

    /** pyarrow exports the kept NumPy array into structs Java allocated; Java imports it as a vector. */
    private Object arrowCToJava(String key) {
        BufferAllocator allocator = ARROW_C_ALLOCATOR;
        ArrowArray array = ArrowArray.allocateNew(allocator);
        ArrowSchema schema = ArrowSchema.allocateNew(allocator);
        Object pointer = python.call("jkeras.benchmarks:export_arrow_c", key, array.memoryAddress(), schema.memoryAddress());
        FieldVector vector = Data.importVector(allocator, array, schema, null);
        checkSame(vector.getDataBuffer().memoryAddress(), pointer);
        // pyarrow's release callback needs the GIL: release on the Python thread.
        python.onPythonThread(() -> {
            vector.close();
            array.close();
            schema.close();
            return null;
        });
        return pointer;
    }

    private static ArrowBuf borrow(BufferAllocator allocator, long address, long bytes) {
        return allocator.wrapForeignAllocation(new ForeignAllocation(bytes, address) {
            @Override
            protected void release0() {
                // the tensor owns the memory
            }
        });
    }

    private static Object checkSame(long expected, Object pointer) {
        if (((Number) pointer).longValue() != expected) {
            throw new IllegalStateException("the array was copied: " + pointer + " != " + expected);
        }
        return pointer;
    }

    record Stats(double medianMs, double minMs) {
        @Override
        public String toString() {
            return medianMs < 0.1
                    ? String.format(Locale.ROOT, "%.3f (%.3f)", medianMs, minMs)
                    : String.format(Locale.ROOT, "%.2f (%.2f)", medianMs, minMs);
        }
    }

    private static Stats time(int repeats, java.util.function.Supplier<Object> work) {
        for (int i = 0; i < Math.min(3, repeats); i++) {
            work.get();
        }
        double[] ms = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            work.get();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return new Stats(ms[repeats / 2], ms[0]);
    }

    private static void printMarkdown(List<String[]> rows) {
        for (int r = 0; r < rows.size(); r++) {
            System.out.println("| " + String.join(" | ", rows.get(r)) + " |");
            if (r == 0) {
                System.out.println("|" + "---|".repeat(rows.get(0).length));
            }
        }
    }
}
