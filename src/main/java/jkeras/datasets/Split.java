package jkeras.datasets;

import jkeras.tensor.Tensor;

/** Inputs and labels of one part of a dataset (train or test), as tensors over Keras' arrays. */
public record Split(Tensor x, Tensor y) implements AutoCloseable {
    @Override
    public void close() {
        x.close();
        y.close();
    }
}
