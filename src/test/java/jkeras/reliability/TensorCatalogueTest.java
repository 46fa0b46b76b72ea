package jkeras.reliability;

import static jkeras.Keras.arrayReshape;
import static jkeras.Keras.kerasModelSequential;
import static jkeras.Keras.toCategorical;
import static jkeras.reliability.Catalogue.accepted;
import static jkeras.reliability.Catalogue.expect;
import static jkeras.reliability.Catalogue.refused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import jkeras.models.Sequential;
import jkeras.tensor.DType;
import jkeras.tensor.Tensor;
import jkeras.tensor.TensorScope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The bad-input catalogue, tensors and scopes: each mistake fails in the calling thread with the
 * argument and the value named, or is a documented valid behaviour. NumPy's answers for the same
 * mistakes are noted where they differ.
 */
class TensorCatalogueTest {
    private static Tensor matrix;    // float32 [4, 3]
    private static Tensor closed;    // closed before the tests run
    private static Sequential model; // 3 features in, 2 out

    @BeforeAll
    static void make() {
        matrix = Tensor.fromFlatIndex(DType.FLOAT32, new long[] {4, 3}, i -> i);
        closed = Tensor.zeros(DType.FLOAT32, 2, 3);
        closed.close();
        model = kerasModelSequential(s -> s.inputShape(3)).layerDense(2);
    }

    @AfterAll
    static void release() {
        matrix.close();
        model.close();
    }

    @TestFactory
    List<DynamicTest> creation() {
        return List.of(
                refused("Tensor.of: data shorter than the shape", IllegalArgumentException.class,
                        () -> Tensor.of(new float[3], 2, 2), "shape [2, 2]", "data has 3"),
                // NumPy: "negative dimensions are not allowed".
                refused("Tensor.zeros: a negative dimension", IllegalArgumentException.class,
                        () -> Tensor.zeros(DType.FLOAT32, -1, 3), "negative dimension", "[-1, 3]"),
                refused("Tensor.zeros: more elements than a long counts", IllegalArgumentException.class,
                        () -> Tensor.zeros(DType.FLOAT32, Long.MAX_VALUE / 2, 4), "more elements", "[4611686018427387903, 4]"),
                refused("Tensor.of(null)", NullPointerException.class, () -> Tensor.of((float[]) null), "\"data\" is null"),
                refused("Tensor.fromArray(null)", IllegalArgumentException.class, () -> Tensor.fromArray(null),
                        "fromArray(javaArray)", "received null"),
                refused("Tensor.fromArray of strings", IllegalArgumentException.class,
                        () -> Tensor.fromArray(new String[] {"a"}), "String"),
                refused("Tensor.fromArray of boxed Floats", IllegalArgumentException.class,
                        () -> Tensor.fromArray(new Float[] {1f}), "Float"),
                refused("Tensor.fromArray of chars", IllegalArgumentException.class,
                        () -> Tensor.fromArray(new char[] {'a'}), "char"),
                refused("Tensor.fromArray of an empty matrix", IllegalArgumentException.class,
                        () -> Tensor.fromArray(new float[0][]), "float[][] of length 0"),
                refused("Tensor.fromArray of a ragged matrix", IllegalArgumentException.class,
                        () -> Tensor.fromArray(new float[][] {{1, 2}, {3}}), "ragged", "axis 1", "2 and 1"),
                refused("Tensor.fromBuffer over a heap buffer", IllegalArgumentException.class,
                        () -> Tensor.fromBuffer(ByteBuffer.allocate(8), DType.FLOAT32, 2), "direct ByteBuffer"),
                refused("Tensor.fromBuffer shaped larger than the buffer", IllegalArgumentException.class,
                        () -> Tensor.fromBuffer(ByteBuffer.allocateDirect(4), DType.FLOAT32, 2), "needs 8 bytes", "has 4"),
                accepted("Tensor.fromFlatIndex whose function throws: that exception, nothing allocated", () -> {
                    ArithmeticException thrown = new ArithmeticException("from the function");
                    assertEquals(thrown, expect(ArithmeticException.class,
                            () -> Tensor.fromFlatIndex(DType.FLOAT32, new long[] {3}, i -> { throw thrown; })));
                }),
                accepted("Tensor.fromBuffer over a read-only buffer: reads work, writes refused", () -> {
                    ByteBuffer bytes = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder()).putFloat(0, 2.5f).asReadOnlyBuffer();
                    try (Tensor t = Tensor.fromBuffer(bytes, DType.FLOAT32, 2)) {
                        assertEquals(2.5f, t.getFloat(0));
                        expect(IllegalStateException.class, () -> t.set(1, 0), "read-only");
                    }
                }));
    }

    @TestFactory
    List<DynamicTest> indexingAndShapes() {
        return List.of(
                refused("getFloat: row past the end", IndexOutOfBoundsException.class, () -> matrix.getFloat(4, 0),
                        "index 4", "axis 0", "length 4"),
                refused("getFloat: negative index", IndexOutOfBoundsException.class, () -> matrix.getFloat(-1, 0), "index -1"),
                refused("getFloat: too few indices", IndexOutOfBoundsException.class, () -> matrix.getFloat(1), "1 axes", "has 2"),
                refused("set: column past the end", IndexOutOfBoundsException.class, () -> matrix.set(1, 0, 3),
                        "index 3", "axis 1", "length 3"),
                refused("rows: from after to", IndexOutOfBoundsException.class, () -> matrix.rows(3, 1), "rows [3, 1)", "[4, 3]"),
                refused("row past the end", IndexOutOfBoundsException.class, () -> matrix.row(9), "row 9", "[4, 3]"),
                // NumPy: "cannot reshape array of size 12 into shape (5,5)".
                refused("reshape to another element count", IllegalArgumentException.class, () -> matrix.reshape(5, 5),
                        "cannot reshape 12 elements", "[5, 5]"),
                refused("arrayReshape with two free dimensions", IllegalArgumentException.class,
                        () -> arrayReshape(matrix, -1, -1), "[-1, -1]"),
                accepted("div(0): infinities, as NumPy gives", () -> {
                    try (Tensor row = matrix.row(1); Tensor quotient = row.div(0)) {
                        assertTrue(Float.isInfinite(quotient.getFloat(0)));
                    }
                }));
    }

    @TestFactory
    List<DynamicTest> labels() {
        return List.of(
                refused("toCategorical with 0 classes", IllegalArgumentException.class, () -> oneHot(new int[] {1}, 0), "numClasses=0"),
                // Keras' to_categorical([-1], 3) silently gives class 2 (NumPy's negative index).
                refused("toCategorical of a negative label", IllegalArgumentException.class,
                        () -> oneHot(new int[] {-1}, 3), "label -1", "position 0", "[0, 3)"),
                // Keras: "index 5 is out of bounds for axis 1 with size 3", without the position.
                refused("toCategorical of a label past the classes", IllegalArgumentException.class,
                        () -> oneHot(new int[] {0, 5}, 3), "label 5", "position 1", "[0, 3)"),
                refused("toCategorical of fractional labels", IllegalArgumentException.class, () -> {
                    try (Tensor fractions = Tensor.of(new float[] {0.5f})) {
                        fractions.oneHot(3);
                    }
                }, "label 0.5"));
    }

    private static void oneHot(int[] labels, int classes) {
        try (Tensor t = Tensor.of(labels); Tensor encoded = toCategorical(t, classes)) {
            throw new AssertionError("accepted: " + encoded);
        }
    }

    @TestFactory
    List<DynamicTest> afterClose() {
        return List.of(
                refused("getFloat after close", IllegalStateException.class, () -> closed.getFloat(0, 0), "closed", "float32 [2, 3]"),
                refused("toFloatArray after close", IllegalStateException.class, closed::toFloatArray, "closed"),
                refused("reshape after close", IllegalStateException.class, () -> closed.reshape(6), "closed"),
                refused("rows after close", IllegalStateException.class, () -> closed.rows(0, 1), "closed"),
                refused("div after close", IllegalStateException.class, () -> closed.div(2), "closed"),
                refused("cast after close", IllegalStateException.class, () -> closed.cast(DType.FLOAT64), "closed"),
                refused("set after close", IllegalStateException.class, () -> closed.set(1, 0, 0), "closed"),
                refused("a closed tensor passed to predict: refused in the caller's thread", IllegalStateException.class,
                        () -> model.predict(closed), "closed", "float32 [2, 3]"),
                accepted("close twice: the second does nothing", () -> {
                    Tensor t = Tensor.zeros(DType.INT32, 2);
                    t.close();
                    t.close();
                    assertTrue(t.isClosed());
                }),
                accepted("a view outlives the tensor it came from", () -> {
                    Tensor parent = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
                    try (Tensor view = parent.row(1)) {
                        parent.close();
                        assertArrayEquals(new float[] {3, 4}, view.toFloatArray());
                    }
                }));
    }

    @TestFactory
    List<DynamicTest> scopes() {
        return List.of(
                refused("a tensor used after its scope closed", IllegalStateException.class, () -> {
                    Tensor inside;
                    try (TensorScope scope = TensorScope.open()) {
                        inside = Tensor.zeros(DType.FLOAT32, 2);
                    }
                    inside.getFloat(0);
                }, "closed"),
                refused("detach a tensor the scope did not make", IllegalArgumentException.class, () -> {
                    try (TensorScope scope = TensorScope.open("catalogue")) {
                        scope.detach(matrix);
                    }
                }, "detach(tensor)", "not made in scope catalogue"),
                accepted("close a scope twice: the second does nothing", () -> {
                    TensorScope scope = TensorScope.open();
                    Tensor.zeros(DType.FLOAT32, 3);
                    scope.close();
                    scope.close();
                    assertEquals(0, scope.allocatedBytes());
                }));
    }
}
