package jkeras.datasets;

/** A dataset as Keras' loaders give it: {@code ((x_train, y_train), (x_test, y_test))}. Close it when done. */
public record Dataset(Split train, Split test) implements AutoCloseable {
    @Override
    public void close() {
        train.close();
        test.close();
    }
}
