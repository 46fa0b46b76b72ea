package jkeras.extending;

import static jkeras.Keras.*;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jkeras.models.Model;
import jkeras.tensor.Tensor;

/**
 * Loads a model saved with Java custom objects in a new JVM and writes its predictions on the
 * first 32 parity samples ({@link SavingTest}). The metric function is registered first, as a
 * program must for functions; the custom classes are found on the class path by their names.
 */
public final class FreshJvmLoad {
    private FreshJvmLoad() {}

    public static void main(String[] args) throws IOException {
        registerKerasSerializable("mean_error", (MetricFunction) (yTrue, yPred) -> opMean(opAbs(opSubtract(yTrue, yPred)), m -> m.axis(-1)));
        Model model = loadModel(Path.of(args[0]));
        ResidualDense layer = CustomObjects.javaObjectOf(model.getLayer(1), ResidualDense.class);
        System.out.println("layer " + layer.getClass().getSimpleName() + " units=" + layer.units() + " compiled=" + model.isCompiled());
        try (ParityData data = new ParityData(512); Tensor probe = data.x.rows(0, 32); Tensor p = model.predict(probe, a -> a.verbose(0));
             DataOutputStream out = new DataOutputStream(Files.newOutputStream(Path.of(args[1])))) {
            for (float v : p.toFloatArray()) {
                out.writeFloat(v);
            }
            // The optimizer state and the Java loss and metrics came back: training goes on.
            System.out.println("fit " + new java.util.TreeSet<>(model.fit(data.x, data.y, f -> f.epochs(1).batchSize(128).verbose(0)).metrics().keySet()));
        }
    }
}
