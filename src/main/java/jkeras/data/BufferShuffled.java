package jkeras.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * tf.data's shuffle: elements drawn at random from a buffer of the next {@code bufferSize}, anew
 * each pass from the seed and the pass number. The buffer holds tasks: for lazy sources no memory,
 * for iterator sources the elements pulled so far.
 */
final class BufferShuffled<T extends Record> extends DerivedSource<T> {
    private final int bufferSize;
    private final long seed;

    BufferShuffled(DataSource<T> upstream, int bufferSize, long seed) {
        super(upstream);
        this.bufferSize = bufferSize;
        this.seed = seed;
    }

    @Override
    Pass<T> open(long pass) {
        checkOpen();
        Pass<T> inner = upstream.open(pass);
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + pass);
        List<Pass.Task<T>> buffer = new ArrayList<>(Math.min(bufferSize, 1 << 16));
        return new Pass<>() {
            private boolean upstreamDone;

            @Override
            public Task<T> next() {
                while (!upstreamDone && buffer.size() < bufferSize) {
                    Task<T> task = inner.next();
                    if (task == null) {
                        upstreamDone = true;
                    } else {
                        buffer.add(task);
                    }
                }
                if (buffer.isEmpty()) {
                    return null;
                }
                int pick = random.nextInt(buffer.size());
                Task<T> chosen = buffer.get(pick);
                buffer.set(pick, buffer.get(buffer.size() - 1));
                buffer.remove(buffer.size() - 1);
                return chosen;
            }

            @Override
            public void close() {
                buffer.forEach(Pass.Task::discard);
                buffer.clear();
                inner.close();
            }
        };
    }
}
