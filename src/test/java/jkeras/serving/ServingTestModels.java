package jkeras.serving;

import static jkeras.Keras.*;

import java.util.List;
import jkeras.layers.KerasTensor;
import jkeras.models.Model;
import jkeras.tensor.DType;
import jkeras.tensor.Tensor;

/** Small real Keras models whose answers tell requests apart, and the inputs that do. */
public final class ServingTestModels {
    private ServingTestModels() {}

    public static final int FEATURES = 4;

    /** Linear 4 -> 3: neighbouring requests' answers differ by far more than rounding. */
    public static Model linear() {
        setRandomSeed(7);
        return kerasModelSequential(s -> s.inputShape(FEATURES)).layerDense(3);
    }

    /** Two inputs (a: 4, b: 2), two outputs (sum: 3, score: 1). */
    public static Model twoInTwoOut() {
        setRandomSeed(7);
        KerasTensor a = kerasInput(shape(FEATURES), i -> i.name("a"));
        KerasTensor b = kerasInput(shape(2), i -> i.name("b"));
        KerasTensor joined = layerConcatenate(List.of(a, b));
        KerasTensor sum = joined.layerDense(3, d -> d.name("sum"));
        KerasTensor score = joined.layerDense(1, d -> d.name("score"));
        return kerasModel(List.of(a, b), List.of(sum, score));
    }

    /** Row {@code id} of the request inputs: distinct for every id. */
    public static float[] row(long id) {
        return new float[] {id / 100f, -id / 250f, (id % 7) / 3f, 1f};
    }

    /** Rows {@code first .. first+count-1} as one (count, 4) tensor. */
    public static Tensor rows(long first, int count) {
        float[] data = new float[count * FEATURES];
        for (int r = 0; r < count; r++) {
            System.arraycopy(row(first + r), 0, data, r * FEATURES, FEATURES);
        }
        return Tensor.of(data, count, FEATURES);
    }

    /** The second input of {@link #twoInTwoOut()} for rows {@code first ..}. */
    public static Tensor side(long first, int count) {
        float[] data = new float[count * 2];
        for (int r = 0; r < count; r++) {
            data[2 * r] = (first + r) / 50f;
            data[2 * r + 1] = ((first + r) % 3);
        }
        return Tensor.of(data, count, 2);
    }

    public static Tensor zeros(long... shape) {
        return Tensor.zeros(DType.FLOAT32, shape);
    }
}
