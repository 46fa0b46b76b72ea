package jkeras.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jkeras.models.Model;
import jkeras.tensor.DType;
import jkeras.tensor.Tensor;
import jkeras.tensor.TensorScope;
import org.junit.jupiter.api.Test;

/** The one-at-a-time predictor's staged call against Keras' own predict. */
class PredictorTest {
    @Test
    void stagedAnswersEqualKerasPredictForOneAndManyRows() {
        try (Model model = ServingTestModels.linear(); Predictor predictor = model.predictor()) {
            for (int rows : new int[] {1, 2, 7, 64}) {
                try (Tensor x = ServingTestModels.rows(rows * 10L, rows); Tensor want = model.predict(x, p -> p.verbose(0));
                     Tensor got = predictor.predict(x)) {
                    assertArrayEquals(want.shape(), got.shape());
                    assertArrayEquals(want.toFloatArray(), got.toFloatArray(), 1e-5f);
                }
            }
        }
    }

    @Test
    void signatureNamesShapesAndDtypes() {
        try (Model model = ServingTestModels.twoInTwoOut(); Predictor predictor = model.predictor()) {
            ModelSignature signature = predictor.signature();
            assertEquals("a: float32 (None, 4)", signature.inputs().get(0).toString());
            assertEquals("b: float32 (None, 2)", signature.inputs().get(1).toString());
            assertEquals(List.of("sum", "score"), signature.outputs().stream().map(TensorSpec::name).toList());
            assertArrayEquals(new long[] {-1, 1}, signature.outputs().get(1).shape());
            assertEquals(DType.FLOAT32, signature.outputs().get(1).dtype());
        }
    }

    @Test
    void severalInputsAndOutputs() {
        try (Model model = ServingTestModels.twoInTwoOut(); Predictor predictor = model.predictor();
             Tensor a = ServingTestModels.rows(3, 5); Tensor b = ServingTestModels.side(3, 5)) {
            List<Tensor> got = predictor.predict(List.of(a, b));
            // Model.predict answers one tensor; Keras' own method gives the list of outputs.
            List<?> wanted = (List<?>) model.callMethod("predict_on_batch", List.of(a, b));
            for (int k = 0; k < 2; k++) {
                try (Tensor w = (Tensor) wanted.get(k); Tensor g = got.get(k)) {
                    assertArrayEquals(w.shape(), g.shape());
                    assertArrayEquals(w.toFloatArray(), g.toFloatArray(), 1e-5f);
                }
            }
            IllegalStateException single = assertThrows(IllegalStateException.class, () -> predictor.predict(a));
            assertTrue(single.getMessage().contains("2 inputs and 2 outputs"), single.getMessage());
            IllegalArgumentException one = assertThrows(IllegalArgumentException.class, () -> predictor.predict(List.of(a)));
            assertTrue(one.getMessage().contains("takes 2 inputs [a, b]; received 1 tensor"), one.getMessage());
            try (Tensor shortB = ServingTestModels.side(0, 4)) {
                IllegalArgumentException rows = assertThrows(IllegalArgumentException.class, () -> predictor.predict(List.of(a, shortB)));
                assertTrue(rows.getMessage().contains("same number of rows"), rows.getMessage());
            }
        }
    }

    @Test
    void aLargeRequestIsLentWithoutCopyAndGivesTheSameRows() {
        int rows = 600_000; // 9.6 MB: over the staging limit
        try (Model model = ServingTestModels.linear(); Predictor predictor = model.predictor();
             Tensor x = ServingTestModels.rows(0, rows); Tensor got = predictor.predict(x);
             Tensor head = x.rows(0, 3); Tensor staged = predictor.predict(head)) {
            assertTrue(x.nbytes() > Predictor.STAGED_LIMIT_BYTES);
            assertArrayEquals(new long[] {rows, 3}, got.shape());
            try (Tensor first = got.rows(0, 3)) {
                assertArrayEquals(staged.toFloatArray(), first.toFloatArray(), 1e-5f);
            }
        }
    }

    @Test
    void otherDtypesAreCastAndResultsJoinTheScope() {
        try (Model model = ServingTestModels.linear(); Predictor predictor = model.predictor();
             Tensor x = ServingTestModels.rows(11, 2); Tensor wide = x.cast(DType.FLOAT64); Tensor want = predictor.predict(x)) {
            Tensor got;
            try (TensorScope scope = TensorScope.open()) {
                got = predictor.predict(wide);
                assertEquals(1, scope.openTensors());
                assertArrayEquals(want.toFloatArray(), got.toFloatArray(), 1e-5f);
            }
            assertTrue(got.isClosed());
        }
    }

    @Test
    void closedTensorsAndPredictorsFailClearly() {
        try (Model model = ServingTestModels.linear()) {
            Predictor predictor = model.predictor();
            Tensor x = ServingTestModels.rows(0, 1);
            x.close();
            assertThrows(IllegalStateException.class, () -> predictor.predict(x));
            predictor.close();
            try (Tensor y = ServingTestModels.rows(0, 1)) {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> predictor.predict(y));
                assertTrue(e.getMessage().contains("closed"), e.getMessage());
            }
        }
    }
}
