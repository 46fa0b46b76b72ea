package jkeras.extending;

import static jkeras.Keras.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import jkeras.internal.HandleScope;
import jkeras.layers.KerasTensor;
import jkeras.layers.Layer;
import jkeras.layers.Shape;
import jkeras.models.Model;
import jkeras.models.Sequential;
import jkeras.tensor.Tensor;
import jkeras.training.History;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Layers written in Java, in the test JVM's backend (tensorflow); jax and torch: {@link BackendParityTest}. */
class CustomLayerTest {
    private static ParityData data;

    @BeforeAll
    static void load() {
        data = new ParityData(2048);
    }

    @AfterAll
    static void close() {
        data.close();
    }

    @Test
    void aJavaLayerTrainsLikeTheSameLayerWrittenInPython() {
        ParityChecks.residualLayerTrainsLikeItsPythonTwin(data);
    }

    @Test
    void inASequentialModelItsNestedLayerIsTrackedAndTrained() {
        setRandomSeed(3);
        ResidualDense residual = new ResidualDense(8);
        Sequential model = kerasModelSequential(s -> s.inputShape(784)).add(residual).layerDense(10, d -> d.activation("softmax"));
        long expected = 784 * 8 + 1 + (784 * 8 + 8) + (8 * 10 + 10);
        assertEquals(expected, model.countParams());
        assertTrue(model.summary().contains("(ResidualDense)"), model.summary());
        assertEquals(List.of("sequential/residual_dense/projection", "sequential/residual_dense/scale",
                "sequential/residual_dense/dense/kernel", "sequential/residual_dense/dense/bias"), stripped(ParityChecks.python("weight_paths", residual)));
        Weight kernel = Weight.of(residual.dense(), "kernel");
        try (Tensor scaleBefore = residual.scale().toTensor(); Tensor kernelBefore = kernel.toTensor()) {
            model.compile("adam", "categorical_crossentropy");
            model.fit(data.x, data.y, f -> f.epochs(1).batchSize(256).verbose(0));
            try (Tensor scaleAfter = residual.scale().toTensor(); Tensor kernelAfter = kernel.toTensor()) {
                assertNotEquals(scaleBefore.getFloat(), scaleAfter.getFloat(), "the trainable scale trained");
                assertFalse(kernelBefore.contentEquals(kernelAfter), "the nested Dense's kernel trained");
            }
        }
    }

    @Test
    void theServingPathTracesTheJavaLayerOnceAndAnswersFromAnyThread() throws Exception {
        Recorder recorder = new Recorder();
        KerasTensor input = kerasInput(784);
        Model model = kerasModel(input, recorder.apply(input).layerDense(10, d -> d.activation("softmax")));
        int tracedBefore = recorder.training.size();
        try (var predictor = model.predictor(); Tensor probe = data.x.rows(0, 4); Tensor expected = model.predict(probe, a -> a.verbose(0))) {
            var pool = java.util.concurrent.Executors.newFixedThreadPool(3);
            try {
                List<java.util.concurrent.Future<float[]>> answers = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    answers.add(pool.submit(() -> {
                        try (Tensor p = predictor.predict(probe)) {
                            return p.toFloatArray();
                        }
                    }));
                }
                for (var answer : answers) {
                    assertArrayEquals(expected.toFloatArray(), answer.get(), 1e-6f);
                }
            } finally {
                pool.shutdown();
            }
        }
        assertTrue(recorder.training.size() - tracedBefore <= 3, "traced, not run per request: " + recorder.training);
    }

    /** Weight paths without Keras' uniquifying suffixes (dense_3 → dense). */
    private static List<String> stripped(Object paths) {
        List<String> out = new ArrayList<>();
        for (Object p : (List<?>) paths) {
            out.add(((String) p).replaceAll("_\\d+(?=/|$)", ""));
        }
        return out;
    }

    /** Two Java layers in a Java layer's list field: tracked, their weights the block's. */
    static final class Block extends CustomLayer {
        private final List<Layer> stages = List.of(new ResidualDense(16), new ResidualDense(8));

        @Override
        protected Object call(Object inputs) {
            Object x = inputs;
            for (Layer stage : stages) {
                x = callLayer(stage, x);
            }
            return x;
        }
    }

    @Test
    void javaLayersNestInJavaLayers() {
        KerasTensor input = kerasInput(20);
        Block block = new Block();
        Model model = kerasModel(input, block.apply(input));
        long first = 20 * 16 + 1 + 20 * 16 + 16;
        long second = 16 * 8 + 1 + 16 * 8 + 8;
        assertEquals(first + second, block.countParams(), "the block's weights are its stages' (built by tracing call)");
        assertEquals(Shape.of(null, 8), model.outputs().get(0).shape());
    }

    /** The guide's Linear, with a frozen weight, a regularized one and Keras' base arguments. */
    static final class Linear extends CustomLayer {
        private final int units;
        private final double l2;
        private Weight w;
        private Weight offset;

        Linear(int units, double l2, java.util.function.Consumer<LayerOptions> options) {
            super(options);
            this.units = units;
            this.l2 = l2;
        }

        @Override
        protected void build(Shape inputShape) {
            w = addWeight("w", shapeOf(lastDim(inputShape), units), a -> a.initializer("ones")
                    .regularizer(l2 > 0 ? regularizerL2(r -> r.l2(l2)) : null));
            offset = addWeight("offset", shapeOf(units), a -> a.initializer("ones").trainable(false));
        }

        @Override
        protected Object call(Object inputs) {
            return opAdd(opMatmul(inputs, w), offset);
        }
    }

    @Test
    void weightsMayBeFrozenAndRegularizedAndTheLayerNamedAndShapedByItsOptions() throws Exception {
        Linear linear = new Linear(3, 0, o -> o.name("my_linear").inputShape(4));
        Sequential model = kerasModelSequential().add(linear);   // the input shape came with the layer
        assertEquals("my_linear", linear.name());
        assertEquals(List.of(12L, 3L), ParityChecks.python("weight_counts", linear));

        Linear regularized = new Linear(3, 0.25, o -> o.inputShape(4));
        Sequential penalized = kerasModelSequential().add(regularized);
        model.compile("sgd", "mse");
        penalized.compile("sgd", "mse");
        try (Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 0, 1, 0, 1}, 2, 4);
             Tensor y = Tensor.of(new float[] {1, 1, 1, 0, 0, 0}, 2, 3)) {
            double plain = model.evaluate(x, y).get("loss");
            double withPenalty = penalized.evaluate(x, y).get("loss");
            assertEquals(0.25 * 12, withPenalty - plain, 1e-4, "the regularizer's 0.25 * sum(w²) joined the loss");
        }
    }

    /** A layer that says its output shape, and counts the calls Keras makes. */
    static final class Doubler extends CustomLayer {
        int calls;

        @Override
        protected Object call(Object inputs) {
            calls++;
            return opConcatenate(List.of(inputs, inputs), c -> c.axis(-1));
        }

        @Override
        protected Shape computeOutputShape(Shape inputShape) {
            return Shape.of(null, (int) (2 * lastDim(inputShape)));
        }
    }

    @Test
    void computeOutputShapeAnswersWithoutTracingCall() {
        Doubler doubler = new Doubler();
        KerasTensor output = doubler.apply(kerasInput(5));
        assertEquals(Shape.of(null, 10), output.shape());
        assertEquals(0, doubler.calls, "Keras asked computeOutputShape instead of tracing call");
    }

    /** A layer that records the training flag and every handle its call is given or makes. */
    static final class Recorder extends CustomLayer {
        final List<Boolean> training = new ArrayList<>();
        final List<KerasTensor> handles = new ArrayList<>();

        @Override
        protected Object call(Object inputs, Boolean training) {
            this.training.add(training);
            KerasTensor doubled = opMultiply(inputs, 2);
            handles.add((KerasTensor) inputs);
            handles.add(doubled);
            return doubled;
        }
    }

    @Test
    void callSeesTheTrainingFlagAndItsHandlesAreClosedWhenItReturns() {
        Recorder recorder = new Recorder();
        KerasTensor input = kerasInput(784);
        Model model = kerasModel(input, recorder.apply(input).layerDense(10, d -> d.activation("softmax")));
        model.compile("adam", "categorical_crossentropy");
        try (Tensor x = data.x.rows(0, 256); Tensor y = data.y.rows(0, 256)) {
            model.fit(x, y, f -> f.epochs(2).batchSize(128).verbose(0));
            try (Tensor p = model.predict(x, a -> a.verbose(0))) {
                assertEquals(256, p.shape()[0]);
            }
        }
        assertTrue(recorder.training.contains(Boolean.TRUE), "fit traced call with training=True: " + recorder.training);
        assertTrue(recorder.training.contains(Boolean.FALSE), "predict traced it with training=False: " + recorder.training);
        assertTrue(recorder.training.size() < 8, "call ran once per trace, not once per step: " + recorder.training);
        assertFalse(recorder.handles.isEmpty());
        assertTrue(recorder.handles.stream().allMatch(KerasTensor::isClosed), "every handle made in call was closed when it returned");
    }

    @Test
    void aHandleScopeClosesWhatWasMadeInsideItOnly() {
        KerasTensor outside = kerasInput(3);
        KerasTensor inside;
        KerasTensor kept;
        try (HandleScope scope = HandleScope.open()) {
            inside = opAdd(outside, 1);
            try (HandleScope keep = HandleScope.keepAll()) {
                kept = opAdd(outside, 2);
            }
            assertEquals(1, scope.size());
        }
        assertTrue(inside.isClosed());
        assertFalse(kept.isClosed());
        assertFalse(outside.isClosed());
    }

    @Test
    void tracingLeavesNoSymbolicTensorsBehind() {
        long before = ((Number) ParityChecks.python("live_tensors")).longValue();
        for (int i = 0; i < 3; i++) {
            KerasTensor input = kerasInput(32);
            Model model = kerasModel(input, new ResidualDense(8).apply(input));
            try (Tensor x = Tensor.zeros(jkeras.tensor.DType.FLOAT32, 4, 32); Tensor p = model.predict(x, q -> q.verbose(0))) {
                assertEquals(8, p.shape()[1]);
            }
            model.close();
            input.close();
        }
        long after = ((Number) ParityChecks.python("live_tensors")).longValue();
        // Without the handle scope around call, each of these models leaves about 40 behind.
        assertTrue(after - before < 10, "symbolic tensors held after three traced models: " + (after - before));
    }

    @Test
    void aClosedJavaLayerIsFreedWithItsModel() throws InterruptedException {
        java.lang.ref.WeakReference<ResidualDense> layer = usedAndClosed();
        for (int i = 0; i < 50 && layer.get() != null; i++) {
            ParityChecks.python("live_tensors");   // a Python collection
            System.gc();
            Thread.sleep(20);
        }
        assertTrue(layer.get() == null, "the Java layer was freed once it and its model were closed");
    }

    private static java.lang.ref.WeakReference<ResidualDense> usedAndClosed() {
        ResidualDense layer = new ResidualDense(4);
        KerasTensor input = kerasInput(8);
        KerasTensor output = layer.apply(input);
        Model model = kerasModel(input, output);
        try (Tensor x = Tensor.zeros(jkeras.tensor.DType.FLOAT32, 2, 8); Tensor p = model.predict(x, a -> a.verbose(0))) {
            assertEquals(4, p.shape()[1]);
        }
        for (jkeras.runtime.PythonObject handle : List.of(model, output, input, layer)) {
            handle.close();
        }
        return new java.lang.ref.WeakReference<>(layer);
    }

    @Test
    void itsConfigRoundTripsThroughJava() {
        ResidualDense layer = new ResidualDense(12);
        var config = layer.getConfig();
        assertEquals("jkeras.extending.ResidualDense", config.get("java_class").getAsString());
        assertEquals(12, config.getAsJsonObject("java_config").get("units").getAsInt());
        jkeras.runtime.PythonObject copy = jkeras.runtime.PythonObject.wrap(ParityChecks.python("config_round_trip", layer));
        ResidualDense made = CustomObjects.javaObjectOf(copy, ResidualDense.class);
        assertTrue(made != null && made != layer);
        assertEquals(12, made.getConfig().getAsJsonObject("java_config").get("units").getAsInt());
        assertEquals(layer.name(), made.name(), "the name came back with the config");
        assertSame(layer, CustomObjects.javaObjectOf(layer, ResidualDense.class));
    }

    @Test
    void aLayerWithoutCallSaysWhatToOverride() {
        CustomLayer empty = new CustomLayer() { };
        UnsupportedOperationException e = org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class,
                () -> empty.apply(kerasInput(2)));
        assertTrue(e.getMessage().contains("must override call(inputs)"), e.getMessage());
    }
}
