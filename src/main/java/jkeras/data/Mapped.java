package jkeras.data;

import java.util.function.UnaryOperator;

/** {@link DataSource#map}: each element through a function, on the producer threads. */
final class Mapped<T extends Record> extends DerivedSource<T> {
    private final UnaryOperator<T> f;

    Mapped(DataSource<T> upstream, UnaryOperator<T> f) {
        super(upstream);
        if (f == null) {
            throw new IllegalArgumentException("map(f): f is null");
        }
        this.f = f;
    }

    @Override
    Pass<T> open(long pass) {
        checkOpen();
        Pass<T> inner = upstream.open(pass);
        return new Pass<>() {
            @Override
            public Task<T> next() {
                Task<T> task = inner.next();
                if (task == null) {
                    return null;
                }
                return new Task<>() {
                    @Override
                    public T run() {
                        T in = task.run();
                        T out;
                        try {
                            out = f.apply(in);
                        } catch (RuntimeException | Error e) {
                            in.close();
                            throw e;
                        }
                        if (out == null) {
                            in.close();
                            throw new IllegalStateException("map(f): the function returned null");
                        }
                        if (out != in) {
                            in.closeAllBut(out);
                        }
                        return out;
                    }

                    @Override
                    public void discard() {
                        task.discard();
                    }
                };
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }
}
