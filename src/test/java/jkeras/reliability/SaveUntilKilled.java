package jkeras.reliability;

import static jkeras.Keras.kerasInput;
import static jkeras.Keras.kerasModel;

import java.nio.file.Path;
import java.util.List;
import jkeras.layers.KerasTensor;
import jkeras.models.Model;
import jkeras.tensor.DType;
import jkeras.tensor.Tensor;

/**
 * Saves a 67 MB model to one path again and again until it is killed (KilledSaveTest sends
 * SIGKILL in the middle of a save). Before each save, the bias of its one-unit layer "version" is
 * set to the save's number, so a loaded file says which save wrote it. Prints {@code SAVING n} and
 * {@code SAVED n} around each save.
 *
 * <p>Argument: the target path.
 */
public final class SaveUntilKilled {
    public static void main(String[] args) {
        Path target = Path.of(args[0]);
        KerasTensor input = kerasInput(4096);
        KerasTensor wide = input.layerDense(4096, d -> d.name("wide")); // 16.8 M weights
        Model model = kerasModel(List.of(input), List.of(wide.layerDense(1, d -> d.name("version"))));
        for (int n = 0; ; n++) {
            try (Tensor kernel = Tensor.zeros(DType.FLOAT32, 4096, 1); Tensor bias = Tensor.full(DType.FLOAT32, n, 1)) {
                model.getLayer("version").setWeights(List.of(kernel, bias));
            }
            System.out.println("SAVING " + n);
            model.saveModel(target);
            System.out.println("SAVED " + n);
        }
    }
}
