package example;

import static jkeras.Keras.*;

import java.util.Map;
import jkeras.models.Sequential;
import jkeras.tensor.Tensor;
import jkeras.tensor.TensorScope;

/** What a jkeras user's program looks like: train a small classifier on Fashion-MNIST, report accuracy. */
public final class Consumer {
    public static void main(String[] args) {
        try (TensorScope scope = TensorScope.open();
             var data = datasetFashionMnist()) {
            Tensor x = arrayReshape(data.train().x(), 60000, 784).rows(0, 6000).div(255);
            Tensor y = toCategorical(data.train().y().rows(0, 6000), 10);
            Tensor xTest = arrayReshape(data.test().x(), 10000, 784).rows(0, 2000).div(255);
            Tensor yTest = toCategorical(data.test().y().rows(0, 2000), 10);
            setRandomSeed(1);
            try (Sequential model = kerasModelSequential(s -> s.inputShape(784))
                    .layerDense(64, d -> d.activation("relu"))
                    .layerDense(10, d -> d.activation("softmax"))) {
                model.compile(c -> c.optimizer("adam").loss("categorical_crossentropy").metrics("accuracy"));
                model.fit(x, y, f -> f.epochs(2).batchSize(64).verbose(0));
                Map<String, Double> score = model.evaluate(xTest, yTest);
                System.out.printf("consumer: Keras %s, test accuracy %.3f%n", kerasVersion(), score.get("accuracy"));
            }
        }
        shutdown();
    }
}
