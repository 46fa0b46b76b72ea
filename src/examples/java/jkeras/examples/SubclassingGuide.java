package jkeras.examples;

import static jkeras.Keras.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jkeras.extending.Config;
import jkeras.extending.CustomLayer;
import jkeras.extending.CustomModel;
import jkeras.extending.Weight;
import jkeras.layers.KerasTensor;
import jkeras.layers.Layer;
import jkeras.layers.Shape;
import jkeras.models.Model;
import jkeras.runtime.PythonObject;
import jkeras.tensor.Tensor;
import jkeras.training.History;

/**
 * Keras' guide "Making new layers and models via subclassing", section by section, in Java: layers
 * with weights, non-trainable weights, weights made in {@code build}, nested layers,
 * {@code addLoss}, configs, the {@code training} argument, and the guide's end-to-end variational
 * autoencoder, a Java model of Java layers trained with {@code fit}, saved and loaded.
 *
 * <p>Run: {@code scripts/demo subclassing [--epochs N] [--out DIR]}.
 */
public final class SubclassingGuide {
    private SubclassingGuide() {}

    // ---------------------------------------------------------------- the Layer class: state and computation

    /** A densely-connected layer whose two weights are made in the constructor, for a known input size. */
    static final class FixedLinear extends CustomLayer {
        private final Weight w;
        private final Weight b;

        FixedLinear(int units, int inputDim) {
            w = addWeight("w", shapeOf(inputDim, units), a -> a.initializer("random_normal"));
            b = addWeight("b", shapeOf(units), a -> a.initializer("zeros"));
        }

        @Override
        protected Object call(Object inputs) {
            return opAdd(opMatmul(inputs, w), b);
        }
    }

    // ---------------------------------------------------------------- non-trainable weights

    /** Keeps the running column sums of what it sees in a weight that training leaves alone. */
    static final class ComputeSum extends CustomLayer {
        private final Weight total;

        ComputeSum(int inputDim) {
            total = addWeight("total", shapeOf(inputDim), a -> a.initializer("zeros").trainable(false));
        }

        @Override
        protected Object call(Object inputs) {
            total.assignAdd(opSum(inputs, s -> s.axis(0)));
            return total;
        }
    }

    // ---------------------------------------------------------------- weights made once the input shape is known

    /** The guide's Linear: weights made in build, from the input's last dimension; savable through its config. */
    static final class Linear extends CustomLayer {
        private final int units;
        private Weight w;
        private Weight b;

        Linear(int units) {
            this.units = units;
        }

        @Override
        protected void build(Shape inputShape) {
            w = addWeight("w", shapeOf(lastDim(inputShape), units), a -> a.initializer("random_normal"));
            b = addWeight("b", shapeOf(units), a -> a.initializer("random_normal"));
        }

        @Override
        protected Object call(Object inputs) {
            return opAdd(opMatmul(inputs, w), b);
        }

        @Override
        protected void getConfig(Config config) {
            config.put("units", units);
        }

        static Linear fromConfig(Config config) {
            return new Linear(config.getInt("units"));
        }
    }

    // ---------------------------------------------------------------- layers are recursively composable

    /** Three Linear layers in fields: their weights are the block's (Keras tracks what the fields hold). */
    static final class MlpBlock extends CustomLayer {
        private final Linear linear1 = new Linear(32);
        private final Linear linear2 = new Linear(32);
        private final Linear linear3 = new Linear(1);

        @Override
        protected Object call(Object inputs) {
            Object x = opRelu(callLayer(linear1, inputs));
            x = opRelu(callLayer(linear2, x));
            return callLayer(linear3, x);
        }
    }

    // ---------------------------------------------------------------- the addLoss method

    /** Adds an activity-regularization loss and passes its input through. */
    static final class ActivityRegularization extends CustomLayer {
        private final double rate;

        ActivityRegularization(double rate) {
            this.rate = rate;
        }

        @Override
        protected Object call(Object inputs) {
            addLoss(opMultiply(rate, opMean(inputs)));
            return inputs;
        }

        @Override
        protected void getConfig(Config config) {
            config.put("rate", rate);
        }

        static ActivityRegularization fromConfig(Config config) {
            return new ActivityRegularization(config.getDouble("rate"));
        }
    }

    // ---------------------------------------------------------------- the training argument

    /** Drops units in training only. */
    static final class CustomDropout extends CustomLayer {
        private final double rate;
        private final PythonObject seedGenerator = pythonObject("keras.random.SeedGenerator", a -> a.kwarg("seed", 1337));

        CustomDropout(double rate) {
            this.rate = rate;
        }

        @Override
        protected Object call(Object inputs, Boolean training) {
            if (Boolean.TRUE.equals(training)) {
                return randomDropout(inputs, rate, d -> d.seed(seedGenerator));
            }
            return inputs;
        }
    }

    // ---------------------------------------------------------------- putting it all together: a variational autoencoder

    /** Draws z from (zMean, zLogVar) with the reparametrization trick. */
    static final class Sampling extends CustomLayer {
        private final PythonObject seedGenerator = pythonObject("keras.random.SeedGenerator", a -> a.kwarg("seed", 1337));

        @Override
        protected Object call(Object inputs) {
            List<?> meanAndLogVar = (List<?>) inputs;
            Object zMean = meanAndLogVar.get(0);
            Object zLogVar = meanAndLogVar.get(1);
            List<?> shape = opShape(zMean);
            Object epsilon = randomNormal(List.of(shape.get(0), shape.get(1)), r -> r.seed(seedGenerator));
            return opAdd(zMean, opMultiply(opExp(opMultiply(0.5, zLogVar)), epsilon));
        }
    }

    /** Maps images to the triplet (zMean, zLogVar, z). */
    static final class Encoder extends CustomLayer {
        private final Layer denseProj;
        private final Layer denseMean;
        private final Layer denseLogVar;
        private final Sampling sampling = new Sampling();

        Encoder(int latentDim, int intermediateDim) {
            super(o -> o.name("encoder"));
            denseProj = layerDense(intermediateDim, d -> d.activation("relu"));
            denseMean = layerDense(latentDim);
            denseLogVar = layerDense(latentDim);
        }

        @Override
        protected Object call(Object inputs) {
            Object x = callLayer(denseProj, inputs);
            Object zMean = callLayer(denseMean, x);
            Object zLogVar = callLayer(denseLogVar, x);
            return List.of(zMean, zLogVar, callLayer(sampling, List.of(zMean, zLogVar)));
        }
    }

    /** Maps z back to an image. */
    static final class Decoder extends CustomLayer {
        private final Layer denseProj;
        private final Layer denseOutput;

        Decoder(int originalDim, int intermediateDim) {
            super(o -> o.name("decoder"));
            denseProj = layerDense(intermediateDim, d -> d.activation("relu"));
            denseOutput = layerDense(originalDim, d -> d.activation("sigmoid"));
        }

        @Override
        protected Object call(Object inputs) {
            return callLayer(denseOutput, callLayer(denseProj, inputs));
        }
    }

    /** The encoder and the decoder as one model to train, with the KL divergence as an added loss. */
    static final class VariationalAutoEncoder extends CustomModel {
        private final int originalDim;
        private final int intermediateDim;
        private final int latentDim;
        private final Encoder encoder;
        private final Decoder decoder;

        VariationalAutoEncoder(int originalDim, int intermediateDim, int latentDim) {
            super(o -> o.name("autoencoder"));
            this.originalDim = originalDim;
            this.intermediateDim = intermediateDim;
            this.latentDim = latentDim;
            encoder = new Encoder(latentDim, intermediateDim);
            decoder = new Decoder(originalDim, intermediateDim);
        }

        @Override
        protected Object call(Object inputs) {
            List<?> encoded = (List<?>) callLayer(encoder, inputs);
            Object zMean = encoded.get(0);
            Object zLogVar = encoded.get(1);
            Object reconstructed = callLayer(decoder, encoded.get(2));
            // KL divergence: -0.5 * mean(zLogVar - zMean² - exp(zLogVar) + 1)
            Object kl = opMultiply(-0.5, opMean(opAdd(opSubtract(opSubtract(zLogVar, opSquare(zMean)), opExp(zLogVar)), 1)));
            addLoss(kl);
            return reconstructed;
        }

        @Override
        protected void getConfig(Config config) {
            config.put("original_dim", originalDim).put("intermediate_dim", intermediateDim).put("latent_dim", latentDim);
        }

        static VariationalAutoEncoder fromConfig(Config config) {
            return new VariationalAutoEncoder(config.getInt("original_dim"), config.getInt("intermediate_dim"), config.getInt("latent_dim"));
        }
    }

    // ---------------------------------------------------------------- the guide, run

    public static void main(String[] args) throws Exception {
        TutorialOptions options = TutorialOptions.parse(args, 2, Path.of("out", "subclassing"));
        setRandomSeed(1);

        section("The Layer class: state (weights) and computation");
        FixedLinear fixed = new FixedLinear(4, 2);
        try (Tensor x = opOnes(List.of(2, 2)); Tensor y = fixed.callOn(x)) {
            System.out.println("Linear(4, 2) on ones((2, 2)):\n" + y);
        }

        section("Layers can have non-trainable weights");
        ComputeSum sum = new ComputeSum(2);
        try (Tensor x = opOnes(List.of(2, 2)); Tensor first = sum.callOn(x); Tensor second = sum.callOn(x)) {
            System.out.println("after one call " + first + ", after two " + second);
        }

        section("Deferring weight creation until the input shape is known");
        Linear lazy = new Linear(32);
        try (Tensor x = opOnes(List.of(2, 2)); Tensor y = lazy.callOn(x)) {
            System.out.println("Linear(32) built on its first call: output " + java.util.Arrays.toString(y.shape())
                    + ", " + lazy.countParams() + " weights");
        }

        section("Layers are recursively composable");
        MlpBlock mlp = new MlpBlock();
        try (Tensor x = opOnes(List.of(3, 64)); Tensor y = mlp.callOn(x)) {
            System.out.println("MlpBlock on ones((3, 64)): output " + java.util.Arrays.toString(y.shape())
                    + "; its parameters, its three Linear layers' (64*32+32 + 32*32+32 + 32+1): " + mlp.countParams());
        }

        section("The addLoss() method");
        KerasTensor input = kerasInput(3);
        Model regularized = kerasModel(input, new ActivityRegularization(1e-2).apply(input.layerDense(3)));
        regularized.compile(c -> c.optimizer("adam"));   // no loss: the added one is the model's loss
        try (Tensor x = Tensor.fromIndex(jkeras.tensor.DType.FLOAT32, new long[] {2, 3}, i -> (i[0] + 1) * (i[1] + 1) / 6.0)) {
            History h = regularized.fit(x, x, f -> f.epochs(1).verbose(0));
            System.out.printf("fit with the activity loss alone: loss %.5f%n", h.last("loss"));
        }

        section("Configs: a layer made again from what it saves");
        Linear sixtyFour = new Linear(64);
        System.out.println("Linear(64).getConfig(): " + sixtyFour.getConfig());

        section("The training argument of call()");
        CustomDropout dropout = new CustomDropout(0.5);
        try (Tensor x = opOnes(List.of(1, 8)); Tensor training = dropout.callOn(x, true); Tensor inference = dropout.callOn(x, false)) {
            System.out.println("training: " + training + "\ninference: " + inference);
        }

        section("Putting it all together: a variational autoencoder");
        try (TutorialData data = new TutorialData(true)) {
            VariationalAutoEncoder vae = new VariationalAutoEncoder(784, 64, 32);
            vae.compile(optimizerAdam(o -> o.learningRate(1e-3)), lossMeanSquaredError());
            System.out.println("Training on " + data.name + " images (the targets are the inputs)");
            History history = vae.fit(data.xTrain, data.xTrain, f -> f.epochs(options.epochs()).batchSize(64).verbose(options.verbose()));
            System.out.println(history);

            Files.createDirectories(options.out());
            Path file = vae.saveModel(options.out().resolve("vae.keras"));
            Model loaded = loadModel(file);
            List<Tensor> saved = vae.getWeights();
            List<Tensor> restored = loaded.getWeights();
            boolean same = saved.size() == restored.size();
            for (int i = 0; same && i < saved.size(); i++) {
                same = saved.get(i).contentEquals(restored.get(i));
            }
            saved.forEach(Tensor::close);
            restored.forEach(Tensor::close);
            System.out.println("Saved to " + file + "; loaded, a " + loaded.pythonClass().replaceAll(".*\\.", "")
                    + " with the same weights: " + same);
            // z is sampled at every call, so two reconstructions of an image differ a little.
            try (Tensor images = data.xTest.rows(0, 8); Tensor reconstructed = loaded.predict(images, p -> p.verbose(0))) {
                System.out.printf("Mean squared reconstruction error on 8 test images: %.4f%n", meanSquaredError(images, reconstructed));
            }
            System.out.println(loaded.summary());
        }
    }

    private static void section(String title) {
        System.out.println();
        System.out.println("== " + title);
    }

    private static double meanSquaredError(Tensor a, Tensor b) {
        float[] x = a.toFloatArray();
        float[] y = b.toFloatArray();
        double total = 0;
        for (int i = 0; i < x.length; i++) {
            total += (x[i] - y[i]) * (x[i] - y[i]);
        }
        return total / x.length;
    }
}
