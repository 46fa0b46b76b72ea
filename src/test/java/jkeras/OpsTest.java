package jkeras;

import static jkeras.Keras.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import jkeras.layers.KerasTensor;
import jkeras.layers.Shape;
import jkeras.models.Model;
import jkeras.runtime.PythonException;
import jkeras.runtime.PythonObject;
import jkeras.internal.PythonRuntime;
import jkeras.tensor.DType;
import jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The generated ops (keras.ops, keras.ops.image, keras.random) from Java: eager on Java tensors and
 * numbers, equal to NumPy's own results; symbolic on KerasTensors and other Python tensor handles,
 * building functional models and traced functions.
 */
class OpsTest {
    private static final PythonRuntime PYTHON = PythonRuntime.get();

    /** NumPy's own {@code name(*args, **kwargs)}, computed in Python. */
    private static Tensor numpy(String name, List<?> args, Map<String, ?> kwargs) {
        return (Tensor) PYTHON.call("jkeras.testing.ops_reference:numpy", name, args, kwargs);
    }

    private static Tensor numpy(String name, Object... args) {
        return numpy(name, List.of(args), Map.of());
    }

    private static double[] doubles(Tensor t) {
        try (Tensor d = t.cast(DType.FLOAT64)) {
            return d.toDoubleArray();
        }
    }

    private static void assertClose(Tensor expected, Tensor actual) {
        assertArrayEquals(expected.shape(), actual.shape(), "shape");
        double[] e = doubles(expected);
        double[] a = doubles(actual);
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], 1e-5 * Math.max(1, Math.abs(e[i])), "element " + i);
        }
    }

    private static long keptArrays() {
        return ((Number) PYTHON.call("jkeras.arrays:kept_count")).longValue();
    }

    // ------------------------------------------------------------------ eager: Java tensors in, tensors out

    @Test
    void opsOnJavaTensorsEqualNumpysOwnResults() {
        try (Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
             Tensor b = Tensor.of(new float[] {0.5f, -1, 2, 3, 0, -2}, 3, 2);
             Tensor c = Tensor.of(new float[] {6, 5, 4, 3, 2, 1}, 2, 3);
             Tensor sum = opAdd(a, c);
             Tensor sumExpected = numpy("add", a, c);
             Tensor product = opMatmul(a, b);
             Tensor productExpected = numpy("matmul", a, b);
             Tensor rows = opSum(a, s -> s.axis(1).keepdims(true));
             Tensor rowsExpected = numpy("sum", List.of(a), Map.of("axis", 1, "keepdims", true));
             Tensor means = opMean(a, m -> m.axis(0, 1));
             Tensor meansExpected = numpy("mean", List.of(a), Map.of("axis", new int[] {0, 1}));  // a tuple
             Tensor exp = opExp(a);
             Tensor expExpected = numpy("exp", a);
             Tensor transposed = opTranspose(a);
             Tensor transposedExpected = numpy("transpose", a);
             Tensor reshaped = opReshape(a, shape(3, 2));
             Tensor reshapedExpected = numpy("reshape", a, List.of(3, 2));
             Tensor joined = opConcatenate(List.of(a, c), j -> j.axis(1));
             Tensor joinedExpected = numpy("concatenate", List.of(List.of(a, c)), Map.of("axis", 1));
             Tensor clipped = opClip(a, 2, 4.5);
             Tensor clippedExpected = numpy("clip", a, 2, 4.5);
             Tensor einsum = opEinsum("ij,jk->ik", List.of(a, b));         // *operands: a List
             Tensor einsumExpected = numpy("einsum", "ij,jk->ik", a, b)) {
            assertClose(sumExpected, sum);
            assertClose(productExpected, product);
            assertClose(rowsExpected, rows);
            assertClose(meansExpected, means);
            assertClose(expExpected, exp);
            assertClose(transposedExpected, transposed);
            assertClose(reshapedExpected, reshaped);
            assertClose(joinedExpected, joined);
            assertClose(clippedExpected, clipped);
            assertClose(einsumExpected, einsum);
            assertEquals(DType.FLOAT32, product.dtype());
        }
    }

    @Test
    void javaNumbersAndListsAreArgumentsToo() {
        try (Tensor a = Tensor.of(new float[] {1, 4, 9}, 3);
             Tensor plusOne = opAdd(a, 1);
             Tensor roots = opSqrt(a);
             Tensor fromList = opMaximum(List.of(1.0, 5.0, 2.0), 3);
             Tensor big = opGreater(a, 2);
             Tensor where = opWhere(big, w -> w.x1(a).x2(0))) {
            assertEquals(DType.BOOL, big.dtype());
            assertArrayEquals(new float[] {2, 5, 10}, plusOne.toFloatArray());
            assertArrayEquals(new float[] {1, 2, 3}, roots.toFloatArray());
            assertArrayEquals(new double[] {3, 5, 3}, doubles(fromList));
            assertArrayEquals(new float[] {0, 4, 9}, where.toFloatArray());
        }
    }

    @Test
    void pythonScalarsTuplesAndZeroDimensionalResultsComeBackAsJavaValues() {
        try (Tensor a = Tensor.of(new float[] {3, 1, 2, 5}, 2, 2)) {
            Long rank = opNdim(a);
            assertEquals(2L, rank);
            List<Long> dims = opShape(a);
            assertEquals(List.of(2L, 2L), dims);
            assertEquals("float32", opDtype(a));

            List<Tensor> top = opTopK(a, 1);                                // a Python tuple: a List
            try (Tensor values = top.get(0); Tensor indices = top.get(1)) {
                assertArrayEquals(new float[] {3, 5}, values.toFloatArray());
                assertArrayEquals(new double[] {0, 1}, doubles(indices));
            }
            try (Tensor total = opSum(a); Tensor same = opAllclose(a, a)) {   // 0-d tensors
                assertEquals(0, total.rank());
                assertEquals(11.0, total.getDouble(), 1e-6);
                assertTrue(same.getBoolean());
            }
        }
    }

    @Test
    void eagerResultsAreTensorsOverNumpysMemoryReleasedOnClose() {
        long before = keptArrays();
        try (Tensor a = Tensor.of(new float[] {1, 2, 3}, 3)) {
            Tensor doubled = opMultiply(a, 2);
            assertEquals(before + 1, keptArrays(), "the result holds the NumPy array it lies over");
            doubled.close();
            assertEquals(before, keptArrays(), "closing it lets Python free the array");
        }
    }

    @Test
    void randomFunctionsAreSeededAndDrawFromTheirDistribution() {
        try (Tensor first = randomUniform(shape(1000), r -> r.seed(3));
             Tensor again = randomUniform(shape(1000), r -> r.seed(3));
             Tensor normal = randomNormal(shape(20000), r -> r.seed(1).mean(2.0).stddev(0.5));
             Tensor integers = randomInteger(shape(500), 0, 10, r -> r.seed(2))) {
            assertTrue(first.contentEquals(again), "the same seed gives the same draw");
            double[] u = doubles(first);
            assertTrue(java.util.Arrays.stream(u).allMatch(v -> v >= 0 && v < 1));
            double[] n = doubles(normal);
            double mean = java.util.Arrays.stream(n).average().orElseThrow();
            double sd = Math.sqrt(java.util.Arrays.stream(n).map(v -> (v - mean) * (v - mean)).sum() / n.length);
            assertEquals(2.0, mean, 0.02);   // standard error 0.0035
            assertEquals(0.5, sd, 0.02);
            int[] k = java.util.Arrays.stream(doubles(integers)).mapToInt(v -> (int) v).toArray();
            assertTrue(java.util.Arrays.stream(k).allMatch(v -> v >= 0 && v < 10));
            assertEquals(10, java.util.Arrays.stream(k).distinct().count());
        }
    }

    @Test
    void imageOpsWorkOnJavaTensors() {
        try (Tensor image = Tensor.fromIndex(DType.FLOAT32, new long[] {1, 4, 4, 1}, i -> i[1] * 4 + i[2]);
             Tensor small = opImageResize(image, List.of(2, 2), r -> r.interpolation("nearest"))) {
            assertArrayEquals(new long[] {1, 2, 2, 1}, small.shape());
        }
    }

    @Test
    void aWrongArgumentIsKerasOwnErrorNamingIt() {
        try (Tensor a = Tensor.of(new float[] {1, 2, 3}, 3)) {
            PythonException e = assertThrows(PythonException.class, () -> opReshape(a, List.of(2, 2)));
            assertTrue(e.getMessage().contains("reshape") || e.getMessage().contains("shape"), e.getMessage());
            PythonException unknown = assertThrows(PythonException.class, () -> opSum(a, s -> s.kwarg("axes", 0)));
            assertTrue(unknown.getMessage().contains("axes"), unknown.getMessage());
        }
    }

    // ------------------------------------------------------------------ symbolic: handles in, handles out

    @Test
    void opsOnKerasTensorsBuildAFunctionalModel() {
        // Weights in Python's memory (a Keras variable): a Java tensor would be lent to the model's
        // graph for the model's life. A nested list has no shape for Keras' symbolic matmul.
        PythonObject weights = pythonObject("keras.Variable", v -> v.kwarg("initializer",
                List.of(List.of(1.0, 0.0), List.of(0.0, 2.0), List.of(1.0, 1.0))));
        KerasTensor input = kerasInput(3);
        KerasTensor scaled = opMatmul(input, weights);
        KerasTensor output = opAdd(opRelu(scaled), 1);
        assertEquals(Shape.of(null, 2), output.shape());
        Model model = kerasModel(input, output);
        try (Tensor x = Tensor.of(new float[] {1, 2, 3, -4, 0, 1}, 2, 3);
             Tensor w = Tensor.of(new float[] {1, 0, 0, 2, 1, 1}, 3, 2);
             Tensor xw = numpy("matmul", x, w);
             Tensor relu = numpy("maximum", xw, 0);
             Tensor expected = numpy("add", relu, 1);
             Tensor predicted = model.predict(x)) {
            assertClose(expected, predicted);
        }
    }

    @Test
    void aPlainPythonTensorHandleGivesAHandleBack() {
        PythonObject variable = pythonObject("keras.Variable", v -> v.kwarg("initializer", List.of(1.0, 2.0, 3.0)));
        KerasTensor tripled = opMultiply(variable, 3);        // a backend tensor, not a KerasTensor
        KerasTensor shifted = opAdd(tripled, List.of(1.0, 1.0, 1.0));
        assertEquals("float32", opDtype(shifted));
        assertEquals(Shape.of(3), shifted.shape());
        try (Tensor values = opConvertToNumpy(shifted)) {
            assertArrayEquals(new float[] {4, 7, 10}, values.toFloatArray());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void insideATracedFunctionOpsGetAndGiveSymbolicTensors() {
        // What a Java layer's call will see while Keras traces a model (tf.function, jax.jit).
        // torch runs a layer's call eagerly: nothing is traced there.
        assumeTrue(List.of("tensorflow", "jax").contains(backend()), "no tracing on " + backend());
        Consumer<Object> body = x -> {
            Object y = opAdd(opMultiply(x, 2), 1);   // an Object: as call's only varargs value it would be an Object[]
            PYTHON.call("jkeras.testing.ops_reference:keep", y);
        };
        try (Tensor input = Tensor.of(new float[] {1, 2, 3}, 3)) {
            List<Object> result = (List<Object>) PYTHON.call("jkeras.testing.ops_reference:trace_with_java", body, input);
            try (Tensor value = (Tensor) result.get(0)) {
                assertArrayEquals(new float[] {3, 5, 7}, value.toFloatArray());
            }
            assertEquals(true, result.get(1), "the trace gave Java a symbolic tensor");
            assertEquals(true, result.get(2), "Java's ops gave a symbolic tensor back");
        }
    }

    @Test
    void aResultTakenAsTheWrongTypeFailsAtTheAssignment() {
        KerasTensor input = kerasInput(2);
        assertThrows(ClassCastException.class, () -> {
            Tensor wrong = opAdd(input, 1);     // symbolic in, symbolic out: not a Tensor
            wrong.close();
        });
        Object any = opAdd(input, 1);           // an Object is always fine
        assertInstanceOf(KerasTensor.class, any);
    }
}
