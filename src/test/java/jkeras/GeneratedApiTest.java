package jkeras;

import static jkeras.Keras.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import jkeras.activations.Activation;
import jkeras.callbacks.Callback;
import jkeras.layers.KerasTensor;
import jkeras.layers.Layer;
import jkeras.layers.LayerMethods;
import jkeras.layers.Shape;
import jkeras.metrics.Metric;
import jkeras.models.Model;
import jkeras.models.Sequential;
import jkeras.optimizers.LearningRateSchedule;
import jkeras.optimizers.Optimizer;
import jkeras.runtime.Args;
import jkeras.runtime.KwArgs;
import jkeras.runtime.PythonException;
import jkeras.internal.PythonRuntime;
import org.junit.jupiter.api.Test;

/**
 * The wrappers scripts/generate_wrappers wrote, against the running Keras: nothing Keras exports is
 * left out silently, every factory and Args class exists, and the factories make what they say.
 */
class GeneratedApiTest {
    private static final JsonObject MANIFEST = loadManifest();
    private static final PythonRuntime PYTHON = PythonRuntime.get();

    private static JsonObject loadManifest() {
        try (InputStream in = GeneratedApiTest.class.getResourceAsStream("/jkeras/generated-api.json")) {
            assertNotNull(in, "jkeras/generated-api.json is not on the classpath: run scripts/generate_wrappers");
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonObject families() {
        return MANIFEST.getAsJsonObject("families");
    }

    private static List<JsonObject> generated(String family) {
        List<JsonObject> out = new ArrayList<>();
        families().getAsJsonObject(family).getAsJsonArray("generated").forEach(e -> out.add(e.getAsJsonObject()));
        return out;
    }

    /** One argument of the manifest: {@code [python name, Java setter, kind, rule]}. */
    private record Param(String name, String java, String kind, String rule) {
        static Param of(JsonElement row) {
            JsonArray a = row.getAsJsonArray();
            return new Param(a.get(0).getAsString(), a.get(1).getAsString(), a.get(2).getAsString(), a.get(3).getAsString());
        }
    }

    private static List<Param> params(JsonObject entry) {
        List<Param> out = new ArrayList<>();
        entry.getAsJsonArray("params").forEach(p -> out.add(Param.of(p)));
        return out;
    }

    /** The required arguments, in the order the factories take them. */
    private static List<Param> required(JsonObject entry) {
        Map<String, Param> byName = new HashMap<>();
        params(entry).forEach(p -> byName.put(p.name(), p));
        List<Param> out = new ArrayList<>();
        entry.getAsJsonArray("required").forEach(n -> out.add(byName.get(n.getAsString())));
        return out;
    }

    /** The Java type a factory takes for a required argument of this kind (the generator's REQUIRED_TYPE). */
    private static Class<?> javaType(String kind) {
        return switch (kind) {
            case "INT", "INT_OR_TUPLE" -> int.class;
            case "FLOAT", "FLOAT_OR_TUPLE", "LEARNING_RATE" -> double.class;
            case "BOOL" -> boolean.class;
            case "STRING", "ACTIVATION", "INITIALIZER", "REGULARIZER", "CONSTRAINT" -> String.class;
            case "SHAPE" -> Shape.class;
            case "LAYER" -> Layer.class;
            case "OPTIMIZER" -> Optimizer.class;
            case "ANY" -> Object.class;
            default -> throw new AssertionError("unknown kind " + kind);
        };
    }

    private static Class<?>[] requiredTypes(JsonObject entry, boolean withConsumer) {
        List<Class<?>> types = new ArrayList<>();
        for (Param p : required(entry)) {
            types.add(javaType(p.kind()));
        }
        if (withConsumer) {
            types.add(Consumer.class);
        }
        return types.toArray(new Class<?>[0]);
    }

    // ------------------------------------------------------------------ nothing left out

    @Test
    void manifestWasGeneratedFromTheRunningKeras() {
        assertEquals(kerasVersion(), MANIFEST.get("keras_version").getAsString(),
                "the wrappers were generated from another Keras: rerun scripts/generate_wrappers");
        assertEquals(Set.of("layers", "optimizers", "learning_rate_schedules", "losses", "metrics", "activations",
                "initializers", "regularizers", "constraints", "callbacks", "applications", "ops", "ops_image",
                "random"), families().keySet());
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyExportedNameIsGeneratedOrSkippedWithAReason() {
        for (String family : families().keySet()) {
            JsonObject manifest = families().getAsJsonObject(family);
            Map<String, Object> api = (Map<String, Object>) PYTHON.call("jkeras.introspect:public_api", family);

            List<String> covered = new ArrayList<>();
            Map<String, List<String>> generatedNow = new TreeMap<>();
            for (Object e : (List<Object>) api.get("generated")) {
                Map<String, Object> entry = (Map<String, Object>) e;
                generatedNow.put((String) entry.get("name"), (List<String>) entry.get("aliases"));
            }
            Map<String, List<String>> generatedThen = new TreeMap<>();
            for (JsonObject entry : generated(family)) {
                List<String> aliases = new ArrayList<>();
                entry.getAsJsonArray("aliases").forEach(a -> aliases.add(a.getAsString()));
                generatedThen.put(entry.get("name").getAsString(), aliases);
                covered.add(entry.get("name").getAsString());
                covered.addAll(aliases);
            }
            Map<String, String> skippedThen = new TreeMap<>();
            for (JsonElement s : manifest.getAsJsonArray("skipped")) {
                String name = s.getAsJsonObject().get("name").getAsString();
                String reason = s.getAsJsonObject().get("reason").getAsString();
                assertFalse(reason.isBlank(), family + "." + name + " is skipped without a reason");
                skippedThen.put(name, reason);
                covered.add(name);
            }
            Map<String, String> skippedNow = new TreeMap<>();
            for (Object s : (List<Object>) api.get("skipped")) {
                Map<String, Object> entry = (Map<String, Object>) s;
                skippedNow.put((String) entry.get("name"), (String) entry.get("reason"));
            }

            TreeSet<String> exported = new TreeSet<>((List<String>) api.get("exported"));
            assertEquals(exported.size(), covered.size(), family + ": a name is covered twice: " + covered);
            assertEquals(exported, new TreeSet<>(covered), family + ": generated + skipped != what Keras exports");
            assertEquals(generatedNow, generatedThen, family + ": rerun scripts/generate_wrappers");
            assertEquals(skippedNow, skippedThen, family + ": rerun scripts/generate_wrappers");
        }
    }

    @Test
    void baseClassesAndHandWrittenReplacementsAreSkipped() {
        Map<String, String> skipped = new HashMap<>();
        for (String family : families().keySet()) {
            for (JsonElement s : families().getAsJsonObject(family).getAsJsonArray("skipped")) {
                skipped.put(family + "." + s.getAsJsonObject().get("name").getAsString(),
                        s.getAsJsonObject().get("reason").getAsString());
            }
        }
        for (String name : List.of("layers.Layer", "layers.Wrapper", "layers.InputLayer", "optimizers.Optimizer",
                "learning_rate_schedules.LearningRateSchedule", "losses.Loss", "metrics.Metric",
                "initializers.Initializer", "regularizers.Regularizer", "constraints.Constraint",
                "callbacks.Callback", "callbacks.CallbackList", "callbacks.History", "callbacks.LambdaCallback",
                "activations.get", "activations.serialize", "activations.deserialize")) {
            assertTrue(skipped.containsKey(name), name + " should be skipped");
        }
    }

    // ------------------------------------------------------------------ the Java API exists

    /** The families of functions computing tensors (opAdd, opImageResize, randomNormal): generic, Object arguments. */
    private static final Set<String> OPS = Set.of("ops", "ops_image", "random");

    @Test
    void everyEntryHasBothFactoriesOnKerasAndItsArgsClass() throws Exception {
        int checked = 0;
        for (String family : families().keySet()) {
            if (OPS.contains(family)) {
                continue; // everyOpHasItsGenericMethodsOnKeras
            }
            JsonObject info = families().getAsJsonObject(family);
            Class<?> returns = Class.forName(info.get("returns").getAsString());
            for (JsonObject entry : generated(family)) {
                String method = entry.get("method").getAsString();
                Class<?> args = Class.forName(entry.get("args_class").getAsString());
                assertTrue(KwArgs.class.isAssignableFrom(args), args + " is not a KwArgs");
                assertTrue(Modifier.isFinal(args.getModifiers()), args + " should be final");
                for (Param p : params(entry)) {
                    String setter = p.java();
                    assertTrue(List.of(args.getMethods()).stream().anyMatch(m -> m.getName().equals(setter)
                            && m.getParameterCount() == 1 && m.getReturnType() == args), args.getName() + "." + setter);
                }

                Method plain = Keras.class.getMethod(method, requiredTypes(entry, false));
                Method withArgs = Keras.class.getMethod(method, requiredTypes(entry, true));
                for (Method m : List.of(plain, withArgs)) {
                    assertTrue(Modifier.isStatic(m.getModifiers()), m.toString());
                    assertEquals(returns, m.getReturnType(), m.toString());
                }
                var consumer = (ParameterizedType) withArgs.getGenericParameterTypes()[withArgs.getParameterCount() - 1];
                assertEquals(args, consumer.getActualTypeArguments()[0], withArgs.toString());

                if (family.equals("layers")) {
                    boolean piped = entry.get("layer_methods").getAsBoolean();
                    assertEquals(piped, hasMethod(LayerMethods.class, method, requiredTypes(entry, true)), method);
                    assertEquals(piped, hasMethod(LayerMethods.class, method, requiredTypes(entry, false)), method);
                    if (entry.get("merge").getAsBoolean()) {
                        Class<?>[] types = requiredTypes(entry, false);
                        Class<?>[] withList = java.util.Arrays.copyOf(types, types.length + 1);
                        withList[types.length] = List.class;
                        assertEquals(KerasTensor.class, Keras.class.getMethod(method, withList).getReturnType());
                    }
                }
                checked++;
            }
        }
        assertTrue(checked > 300, "only " + checked + " entries");
    }

    @Test
    void everyOpHasItsGenericMethodsOnKeras() throws Exception {
        int checked = 0;
        for (String family : OPS) {
            for (JsonObject entry : generated(family)) {
                String method = entry.get("method").getAsString();
                String variadic = entry.has("variadic") ? entry.get("variadic").getAsString() : null;
                List<Class<?>> types = new ArrayList<>();
                for (JsonElement name : entry.getAsJsonArray("required")) {
                    types.add(name.getAsString().equals(variadic) ? List.class : Object.class);
                }
                Method plain = Keras.class.getMethod(method, types.toArray(new Class<?>[0]));
                assertTrue(Modifier.isStatic(plain.getModifiers()), plain.toString());
                // <T> T: the caller's type, so that Tensor t = opAdd(a, b) and KerasTensor s = opAdd(in, 1) compile.
                assertInstanceOf(java.lang.reflect.TypeVariable.class, plain.getGenericReturnType(), plain.toString());

                boolean optional = params(entry).size() > required(entry).size();
                if (entry.get("args_class").isJsonNull()) {
                    assertFalse(optional, method + " has optional arguments but no Args class");
                    continue;
                }
                Class<?> args = Class.forName(entry.get("args_class").getAsString());
                assertTrue(KwArgs.class.isAssignableFrom(args) && Modifier.isFinal(args.getModifiers()), args.toString());
                for (Param p : params(entry)) {
                    if (!entry.get("required").getAsJsonArray().contains(new com.google.gson.JsonPrimitive(p.name()))) {
                        assertTrue(List.of(args.getMethods()).stream().anyMatch(m -> m.getName().equals(p.java())
                                && m.getParameterCount() == 1 && m.getReturnType() == args), args.getName() + "." + p.java());
                    }
                }
                types.add(Consumer.class);
                Method withArgs = Keras.class.getMethod(method, types.toArray(new Class<?>[0]));
                var consumer = (ParameterizedType) withArgs.getGenericParameterTypes()[withArgs.getParameterCount() - 1];
                assertEquals(args, consumer.getActualTypeArguments()[0], withArgs.toString());
                checked++;
            }
        }
        assertTrue(checked > 150, "only " + checked + " ops with keyword arguments");
    }

    @Test
    void everyKerasOpAndRandomFunctionIsWrappedOrSkippedWithAReason() {
        // The same check as for every family (everyExportedNameIsGeneratedOrSkippedWithAReason), said
        // for the ops: what keras.ops, keras.ops.image and keras.random export, nothing left out.
        Map<String, String> skipped = new TreeMap<>();
        int wrapped = 0;
        for (String family : OPS) {
            wrapped += generated(family).size();
            for (JsonElement s : families().getAsJsonObject(family).getAsJsonArray("skipped")) {
                skipped.put(family + "." + s.getAsJsonObject().get("name").getAsString(),
                        s.getAsJsonObject().get("reason").getAsString());
            }
        }
        assertTrue(wrapped > 300, "only " + wrapped + " ops wrapped");
        for (String name : List.of("ops.while_loop", "ops.cond", "ops.scan", "ops.fori_loop", "ops.vectorized_map",
                "ops.image", "ops.numpy", "random.SeedGenerator")) {
            assertTrue(skipped.containsKey(name), name + " should be skipped with its reason: " + skipped);
        }
        assertTrue(skipped.get("ops.while_loop").contains("Python function"), skipped.get("ops.while_loop"));
    }

    private static boolean hasMethod(Class<?> type, String name, Class<?>[] params) {
        try {
            type.getMethod(name, params);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    @Test
    void namesFollowRKeras3() {
        Map<String, String> methods = new HashMap<>();
        for (String family : families().keySet()) {
            for (JsonObject entry : generated(family)) {
                methods.put(entry.get("path").getAsString(), entry.get("method").getAsString());
            }
        }
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("keras.layers.Conv2D", "layerConv2d");
        expected.put("keras.layers.MaxPooling2D", "layerMaxPooling2d");
        expected.put("keras.layers.Conv2DTranspose", "layerConv2dTranspose");
        expected.put("keras.layers.LSTM", "layerLstm");
        expected.put("keras.layers.ConvLSTM2D", "layerConvLstm2d");
        expected.put("keras.layers.BatchNormalization", "layerBatchNormalization");
        expected.put("keras.layers.PReLU", "layerActivationParametricRelu");
        expected.put("keras.layers.LeakyReLU", "layerActivationLeakyRelu");
        expected.put("keras.layers.UpSampling2D", "layerUpsampling2d");
        expected.put("keras.optimizers.RMSprop", "optimizerRmsprop");
        expected.put("keras.optimizers.SGD", "optimizerSgd");
        expected.put("keras.callbacks.ReduceLROnPlateau", "callbackReduceLrOnPlateau");
        expected.put("keras.callbacks.CSVLogger", "callbackCsvLogger");
        expected.put("keras.callbacks.TerminateOnNaN", "callbackTerminateOnNan");
        expected.put("keras.regularizers.L1L2", "regularizerL1L2");
        expected.put("keras.activations.leaky_relu", "activationLeakyRelu");
        expected.put("keras.applications.ResNet50", "applicationResnet50");
        expected.put("keras.applications.MobileNetV2", "applicationMobilenetV2");
        expected.put("keras.applications.EfficientNetB0", "applicationEfficientnetB0");
        expected.put("keras.applications.EfficientNetV2B0", "applicationEfficientnetV2b0");
        expected.put("keras.applications.InceptionResNetV2", "applicationInceptionResnetV2");
        expected.put("keras.applications.VGG16", "applicationVgg16");
        expected.put("keras.metrics.BinaryIoU", "metricBinaryIou");
        expected.put("keras.optimizers.schedules.ExponentialDecay", "learningRateScheduleExponentialDecay");
        expected.put("keras.ops.add", "opAdd");
        expected.put("keras.ops.log1p", "opLog1p");
        expected.put("keras.ops.deg2rad", "opDeg2rad");
        expected.put("keras.ops.top_k", "opTopK");
        expected.put("keras.ops.image.resize", "opImageResize");
        expected.put("keras.ops.image.pad_images", "opImagePad");
        expected.put("keras.random.normal", "randomNormal");
        expected.put("keras.random.randint", "randomInteger");
        expected.forEach((path, method) -> assertEquals(method, methods.get(path), path));
    }

    // ------------------------------------------------------------------ representative entries

    @Test
    void layersCarryTheirArguments() {
        assertEquals(3, layerDense(3).getConfig().get("units").getAsInt());

        JsonObject conv = layerConv2d(4, 3, c -> c.strides(2).padding("same").activation("relu")).getConfig();
        assertEquals(4, conv.get("filters").getAsInt());
        assertEquals(ints(3, 3), conv.get("kernel_size"));
        assertEquals(ints(2, 2), conv.get("strides"));
        assertEquals("same", conv.get("padding").getAsString());
        assertEquals("relu", conv.get("activation").getAsString());
        assertEquals(ints(1, 3), layerConv2d(2, 1, c -> c.kernelSize(1, 3)).getConfig().get("kernel_size"));

        assertTrue(layerLstm(8, l -> l.returnSequences(true)).getConfig().get("return_sequences").getAsBoolean());
        assertEquals(0.25, layerDropout(0.25).getConfig().get("rate").getAsDouble(), 1e-9);
        assertEquals(ints(2, 3), layerReshape(shape(2, 3)).getConfig().get("target_shape"));
        assertEquals("tanh", layerActivation(activationTanh()).getConfig().get("activation").getAsString());
        assertEquals("mine", layerDense(2, d -> d.name("mine").trainable(false)).name());
        JsonObject regularized = layerDense(2, d -> d.kernelRegularizer(regularizerL2(r -> r.l2(0.5)))
                .kernelInitializer("zeros").kernelConstraint(constraintNonNeg())).getConfig();
        assertEquals("L2", regularized.getAsJsonObject("kernel_regularizer").get("class_name").getAsString());
        assertEquals("NonNeg", regularized.getAsJsonObject("kernel_constraint").get("class_name").getAsString());
        assertEquals("LSTM", layerBidirectional(layerLstm(4)).getConfig().getAsJsonObject("layer").get("class_name").getAsString());

        // Embedding's input_dim is its own argument, not a Sequential input shape.
        assertEquals(100, layerEmbedding(100, 8).getConfig().get("input_dim").getAsInt());
    }

    @Test
    void layerMethodsPipeIntoSequentialModelsAndTensors() {
        Sequential model = kerasModelSequential()
                .layerDense(4, d -> d.inputShape(8).activation("relu"))
                .layerDropout(0.5)
                .layerDense(2);
        assertEquals(3, model.layers().size());
        assertEquals(Shape.of(null, 2), model.outputs().get(0).shape());

        KerasTensor out = kerasInput(8).layerDense(3).layerActivation("softmax");
        assertEquals(Shape.of(null, 3), out.shape());

        Sequential embedded = kerasModelSequential().layerEmbedding(100, 8, e -> e.inputShape(10)).layerFlatten();
        assertEquals(Shape.of(null, 80), embedded.outputs().get(0).shape());
    }

    @Test
    void mergeLayersApplyToTheirInputsAtOnce() {
        KerasTensor a = kerasInput(3);
        KerasTensor b = kerasInput(5);
        assertEquals(Shape.of(null, 8), layerConcatenate(List.of(a, b)).shape());
        assertEquals(Shape.of(null, 3), layerAdd(List.of(a, a), m -> m.name("sum")).shape());
        assertEquals(Shape.of(null, 1), layerDot(1, List.of(b, b)).shape());
        assertEquals(Shape.of(null, 8), layerConcatenate(c -> c.axis(-1)).apply(a, b).shape());
    }

    @Test
    void otherFamiliesCarryTheirArguments() {
        assertEquals(0.01, optimizerAdam(a -> a.learningRate(0.01)).getConfig().get("learning_rate").getAsDouble(), 1e-6);
        LearningRateSchedule schedule = learningRateScheduleExponentialDecay(0.1, 100, 0.9);
        JsonObject decay = schedule.getConfig();
        assertEquals(100, decay.get("decay_steps").getAsInt());
        assertEquals(0.9, decay.get("decay_rate").getAsDouble(), 1e-9);
        assertEquals("ExponentialDecay", optimizerSgd(s -> s.learningRate(schedule)).getConfig()
                .getAsJsonObject("learning_rate").get("class_name").getAsString());
        assertEquals("SGD", optimizerLossScaleOptimizer(optimizerSgd()).getConfig()
                .getAsJsonObject("inner_optimizer").get("class_name").getAsString());

        assertTrue(lossCategoricalCrossentropy(l -> l.fromLogits(true)).getConfig().get("from_logits").getAsBoolean());
        Metric auc = metricAuc();
        // Keras numbers auto-named objects per process: "auc", or "auc_3" after other tests made some.
        assertTrue(auc.getConfig().get("name").getAsString().matches("auc(_\\d+)?"));
        assertEquals(3, metricMeanIou(3).getConfig().get("num_classes").getAsInt());
        assertEquals(1, initializerGlorotUniform(i -> i.seed(1)).getConfig().get("seed").getAsInt());
        assertEquals(0.01, regularizerL2(r -> r.l2(0.01)).getConfig().get("l2").getAsDouble(), 1e-9);
        assertEquals(2.0, constraintMaxNorm(c -> c.maxValue(2)).getConfig().get("max_value").getAsDouble(), 1e-9);

        Callback early = callbackEarlyStopping(c -> c.patience(2).monitor("val_loss"));
        Map<?, ?> stored = (Map<?, ?>) PYTHON.call("jkeras.introspect:attributes", early, List.of("patience", "monitor"));
        assertEquals(2L, ((Number) stored.get("patience")).longValue());
        assertEquals("val_loss", stored.get("monitor"));

        Activation relu = activationRelu();
        assertTrue(relu.toString().contains("relu"), relu.toString());
        Activation leaky = activationLeakyRelu(a -> a.negativeSlope(0.1));
        assertTrue(leaky.toString().contains("negative_slope=0.1"), leaky.toString());
        assertEquals("relu", layerDense(2, d -> d.activation(relu)).getConfig().get("activation").getAsString());
    }

    @Test
    void applicationsBuildModelsWithoutDownloads() {
        Model model = applicationMobilenetV2(a -> a.weights(null).inputShape(32, 32, 3).classes(10));
        assertEquals(Shape.of(null, 10), model.outputs().get(0).shape());
        assertEquals(Shape.of(null, 32, 32, 3), model.inputs().get(0).shape());
    }

    @Test
    void aWrongKeywordFailsAtTheCallNamingIt() {
        PythonException e = assertThrows(PythonException.class, () -> layerDense(4, d -> d.kwarg("unitz", 3)));
        assertTrue(e.getMessage().contains("unitz"), e.getMessage());
    }

    // ------------------------------------------------------------------ the sweep: every entry constructs

    /** Values where Keras needs specific ones, by "Entry.argument". */
    private static final Map<String, Object> VALUES = Map.of(
            "Permute.dims", Shape.of(1),
            "EinsumDense.equation", "ab,bc->ac",
            "EinsumDense.output_shape", Shape.of(4));

    /** Entries whose required arguments are objects, made by hand. */
    private static Map<String, Supplier<Object>> special(Path dir) {
        Map<String, Supplier<Object>> out = new HashMap<>();
        out.put("layers.Activation", () -> layerActivation("relu"));
        out.put("layers.CategoryEncoding", () -> layerCategoryEncoding(c -> c.numTokens(4)));  // no default, not required
        out.put("layers.Discretization", () -> layerDiscretization(d -> d.numBins(4)));
        out.put("layers.Bidirectional", () -> layerBidirectional(layerLstm(2)));
        out.put("layers.TimeDistributed", () -> layerTimeDistributed(layerDense(2)));
        out.put("layers.SpectralNormalization", () -> layerSpectralNormalization(layerDense(2)));
        out.put("layers.Lambda", () -> layerLambda(activationRelu()));
        out.put("layers.RNN", () -> layerRnn(layerLstmCell(2)));
        out.put("layers.StackedRNNCells", () -> layerStackedRnnCells(List.of(layerLstmCell(2), layerGruCell(2))));
        out.put("layers.Pipeline", () -> layerPipeline(List.of(layerRescaling(0.5), layerRandomFlip())));
        out.put("optimizers.LossScaleOptimizer", () -> optimizerLossScaleOptimizer(optimizerAdam()));
        out.put("optimizers.MultiOptimizer", () -> optimizerMultiOptimizer(
                pythonObject("keras.optimizers.OptimizerMap", m -> m.kwarg("default_optimizer", optimizerSgd()))));
        out.put("learning_rate_schedules.PiecewiseConstantDecay",
                () -> learningRateSchedulePiecewiseConstantDecay(List.of(100, 200), List.of(0.1, 0.01, 0.001)));
        out.put("metrics.IoU", () -> metricIou(3, List.of(0, 1)));
        out.put("metrics.OneHotIoU", () -> metricOneHotIou(3, List.of(0, 1)));
        out.put("metrics.MeanMetricWrapper",
                () -> metricMeanMetricWrapper(pythonFunction("keras.metrics.mean_squared_error")));
        out.put("callbacks.LearningRateScheduler",
                () -> callbackLearningRateScheduler(learningRateScheduleExponentialDecay(0.1, 10, 0.5)));
        out.put("callbacks.ModelCheckpoint", () -> callbackModelCheckpoint(dir.resolve("best.keras").toString()));
        out.put("callbacks.BackupAndRestore", () -> callbackBackupAndRestore(dir.resolve("backup").toString()));
        out.put("callbacks.CSVLogger", () -> callbackCsvLogger(dir.resolve("log.csv").toString()));
        return out;
    }

    /** What cannot be constructed here, and why. */
    private static final Map<String, String> CANNOT = Map.of(
            "layers.TFSMLayer", "needs a TensorFlow SavedModel directory to load",
            "layers.JaxLayer", "needs JAX and a JAX function (the env has the tensorflow backend only)",
            "layers.FlaxLayer", "needs Flax and a flax.linen.Module",
            "layers.TorchModuleWrapper", "needs PyTorch and a torch.nn.Module",
            "layers.STFTSpectrogram", "needs SciPy, not in the env (its STFT initializer computes windows with it)",
            "initializers.STFT", "needs SciPy, not in the env",
            "callbacks.OrbaxCheckpoint", "needs the orbax-checkpoint package, not in the env");

    /** Applications build whole networks (seconds each): the representative test builds one. */
    private static final Set<String> SWEPT = Set.of("layers", "optimizers", "learning_rate_schedules", "losses",
            "metrics", "activations", "initializers", "regularizers", "constraints", "callbacks");

    private static Object genericValue(String owner, Param param) {
        String key = owner + "." + param.name();
        if (VALUES.containsKey(key)) {
            return VALUES.get(key);
        }
        return switch (param.kind()) {
            case "INT", "INT_OR_TUPLE" -> 2;
            case "FLOAT", "FLOAT_OR_TUPLE", "LEARNING_RATE" -> 0.5;
            case "BOOL" -> true;
            case "STRING" -> "same";
            case "SHAPE" -> Shape.of(2);
            default -> null; // objects: made by hand (special) or listed in CANNOT
        };
    }

    @Test
    void everyGeneratedEntryConstructsThroughItsFactory() throws Exception {
        Path dir = Files.createTempDirectory("jkeras-generated");
        Map<String, Supplier<Object>> special = special(dir);
        List<String> failures = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        int constructed = 0;
        for (String family : SWEPT) {
            for (JsonObject entry : generated(family)) {
                String name = entry.get("name").getAsString();
                String key = family + "." + name;
                seen.add(key);
                if (CANNOT.containsKey(key)) {
                    continue;
                }
                Object made;
                try {
                    if (special.containsKey(key)) {
                        made = special.get(key).get();
                    } else {
                        List<Object> values = new ArrayList<>();
                        for (Param p : required(entry)) {
                            Object v = genericValue(name, p);
                            if (v == null) {
                                failures.add(key + ": no generic value for " + p + "; add it to special() or CANNOT");
                                values = null;
                                break;
                            }
                            values.add(v);
                        }
                        if (values == null) {
                            continue;
                        }
                        Consumer<Object> none = a -> { };
                        values.add(none);
                        Method factory = Keras.class.getMethod(entry.get("method").getAsString(), requiredTypes(entry, true));
                        made = factory.invoke(null, values.toArray());
                    }
                } catch (InvocationTargetException e) {
                    failures.add(key + ": " + e.getCause());
                    continue;
                } catch (RuntimeException e) {
                    failures.add(key + ": " + e);
                    continue;
                }
                assertInstanceOf(KerasObject.class, made, key);
                if (entry.has("python_class")) {
                    assertEquals(entry.get("python_class").getAsString(), ((KerasObject) made).pythonClass(), key);
                }
                constructed++;
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " entries do not construct:\n" + String.join("\n", failures));
        for (String key : CANNOT.keySet()) {
            assertTrue(seen.contains(key), "CANNOT lists " + key + ", which is not generated any more");
        }
        for (String key : special.keySet()) {
            assertTrue(seen.contains(key), "special() makes " + key + ", which is not generated any more");
        }
        assertTrue(constructed > 250, "constructed only " + constructed);
    }

    private static JsonArray ints(int... values) {
        JsonArray out = new JsonArray();
        for (int v : values) {
            out.add(v);
        }
        return out;
    }
}
