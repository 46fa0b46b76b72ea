package jkeras.models;

import static jkeras.Keras.arrayReshape;
import static jkeras.Keras.datasetFashionMnist;
import static jkeras.Keras.kerasInput;
import static jkeras.Keras.kerasModel;
import static jkeras.Keras.layerConcatenate;
import static jkeras.Keras.setRandomSeed;
import static jkeras.Keras.shape;
import static jkeras.Keras.toCategorical;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import jkeras.datasets.Dataset;
import jkeras.layers.KerasTensor;
import jkeras.runtime.PythonException;
import jkeras.tensor.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Training loops written in Java (trainOnBatch, testOnBatch, predictOnBatchOutputs, resetMetrics)
 * on a model of two inputs and two outputs, against Keras' own fit and evaluate on the same batches.
 */
class PerBatchLoopTest {
    private static final int N = 2048;
    private static final int BATCH = 128;
    private static Dataset raw;
    private static Tensor image;
    private static Tensor meta;
    private static Tensor label;
    private static Tensor score;
    private static Tensor scoreFlat;

    @BeforeAll
    static void load() {
        raw = datasetFashionMnist();
        try (Tensor rows = raw.train().x().rows(0, N); Tensor flat = arrayReshape(rows, N, 784);
             Tensor labels = raw.train().y().rows(0, N)) {
            image = flat.div(255);
            label = toCategorical(labels, 10);
            meta = label.mul(0.5); // a second input the model can use
            scoreFlat = labels.div(9); // the class as a number in [0, 1]: a second target
            score = scoreFlat.reshape(N, 1);
        }
    }

    @AfterAll
    static void free() {
        for (Tensor t : new Tensor[] {image, meta, label, score, scoreFlat}) {
            t.close();
        }
        raw.close();
    }

    private static Model twoInTwoOut() {
        setRandomSeed(4);
        KerasTensor in1 = kerasInput(shape(784), i -> i.name("image"));
        KerasTensor in2 = kerasInput(shape(10), i -> i.name("meta"));
        KerasTensor joined = layerConcatenate(List.of(in1.layerDense(32, d -> d.activation("relu")), in2.layerDense(4)));
        Model model = kerasModel(List.of(in1, in2), List.of(
                joined.layerDense(10, d -> d.activation("softmax").name("label")),
                joined.layerDense(1, d -> d.name("score"))));
        model.compile(c -> c.optimizer("adam").loss(List.of("categorical_crossentropy", "mse")));
        return model;
    }

    @Test
    void aJavaLoopOfTrainOnBatchEqualsFitAndTestOnBatchEqualsEvaluate() {
        List<Double> fitLosses;
        double evaluated;
        try (Model model = twoInTwoOut()) {
            fitLosses = model.fit(List.of(image, meta), List.of(label, score),
                    f -> f.epochs(2).batchSize(BATCH).shuffle(false).verbose(0)).metric("loss");
            evaluated = model.evaluate(List.of(image, meta), List.of(label, score), e -> e.batchSize(BATCH)).get("loss");
        }
        try (Model model = twoInTwoOut()) {
            for (int epoch = 0; epoch < 2; epoch++) {
                model.resetMetrics();
                double sum = 0;
                for (int row = 0; row < N; row += BATCH) {
                    try (Tensor i = image.rows(row, row + BATCH); Tensor m = meta.rows(row, row + BATCH);
                         Tensor l = label.rows(row, row + BATCH); Tensor s = score.rows(row, row + BATCH)) {
                        Map<String, Double> logs = model.trainOnBatch(List.of(i, m), List.of(l, s));
                        assertTrue(logs.containsKey("loss"), logs.toString());
                        sum += logs.get("loss");
                    }
                }
                assertEquals(fitLosses.get(epoch), sum / (N / BATCH), 1e-5, "epoch " + epoch + ": fit's loss is the mean of its batches'");
            }
            model.resetMetrics();
            double sum = 0;
            for (int row = 0; row < N; row += BATCH) {
                try (Tensor i = image.rows(row, row + BATCH); Tensor m = meta.rows(row, row + BATCH);
                     Tensor l = label.rows(row, row + BATCH); Tensor s = score.rows(row, row + BATCH)) {
                    sum += model.testOnBatch(List.of(i, m), List.of(l, s)).get("loss");
                }
            }
            assertEquals(evaluated, sum / (N / BATCH), 1e-5, "evaluate's loss is the mean of testOnBatch's");
            try (Tensor i = image.rows(0, 5); Tensor m = meta.rows(0, 5)) {
                List<Tensor> outputs = model.predictOnBatchOutputs(List.of(i, m));
                try {
                    assertEquals(2, outputs.size());
                    assertArrayEquals(new long[] {5, 10}, outputs.get(0).shape());
                    assertArrayEquals(new long[] {5, 1}, outputs.get(1).shape());
                } finally {
                    outputs.forEach(Tensor::close);
                }
            }
        }
    }

    @Test
    void aBatchOfTheWrongShapeNamesTheMethodAndBothShapes() {
        try (Model model = twoInTwoOut(); Tensor wrong = Tensor.zeros(jkeras.tensor.DType.FLOAT32, 4, 783);
             Tensor m = meta.rows(0, 4); Tensor l = label.rows(0, 4); Tensor s = score.rows(0, 4)) {
            PythonException e = assertThrows(PythonException.class, () -> model.trainOnBatch(List.of(wrong, m), List.of(l, s)));
            assertTrue(e.isInstanceOf("ValueError"), e.pythonType());
            assertTrue(e.getMessage().contains("trainOnBatch") && e.getMessage().contains("783") && e.getMessage().contains("784"),
                    e.getMessage());
        }
    }
}
