package jkeras.data;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import jkeras.runtime.PythonValue;

/**
 * Data that Keras reads batch by batch while it trains: what {@code fit}, {@code evaluate} and
 * {@code predict} take in place of in-memory tensors, for training data and for validation data.
 * A source yields {@link Example}s (one sample each) or {@link Batch}es; Keras takes batches:
 * <pre>{@code
 * try (DataSource<Batch> train = DataSource.fromTensors(x, y).shuffle(42).batch(128)) {
 *     model.fit(train, f -> f.epochs(10));
 * }
 * }</pre>
 * Sources: {@link #fromTensors} (in-memory, batched and shuffled without copying the whole set),
 * {@link #fromIterable}/{@link #fromIterator} (batches Java code makes), {@link #fromRecords}/
 * {@link #fromNpy} (fixed-size records of a file, memory-mapped, handed over without a copy).
 * Combinators, as in tf.data: {@link #map}, {@link #batch}, {@link #shuffle}, {@link #take},
 * {@link #skip}, {@link #prefetch}. Each returns a new source that owns the one it was made from:
 * closing the last closes the chain.
 *
 * <p><b>Epochs.</b> Each epoch is a new pass over the source: an in-memory or file source is read
 * again (reshuffled when {@link #shuffle} asked for it, from the seed and the epoch number, so runs
 * repeat); an iterable makes a new iterator; an iterator can be read once. {@link #length()} says
 * how many elements a pass has, or -1 when unknown (Keras then learns the epoch's length from the
 * first one).
 *
 * <p><b>Threads.</b> While Keras trains, Java producer threads make the next batches and queue them,
 * ready, in off-heap memory ({@link #prefetch}: how many and how many threads). Whichever thread
 * Keras reads from (TensorFlow's own, with tf.data), it only takes memory that is ready: no Java
 * code runs for it, so code of the source must not call Keras either (such a call fails at once:
 * Keras may be waiting for that very batch). Batches reach NumPy without a copy.
 *
 * <p><b>Errors.</b> An exception thrown by the source's code reaches the caller of {@code fit} as
 * itself; training stops and the model stays usable. A batch whose structure, dtypes or shapes
 * (after the batch axis) differ from the first batch's is an error naming the batch and both
 * shapes; an empty source is an error; closing a source while Keras reads it is an error.
 *
 * @param <T> {@link Example} or {@link Batch}
 */
public abstract class DataSource<T extends Record> implements PythonValue, AutoCloseable {
    /** Batches queued ready for Keras by default. */
    public static final int DEFAULT_PREFETCH = 8;
    /** Producer threads by default. */
    public static final int DEFAULT_PRODUCERS = 1;

    final boolean yieldsBatches;
    private final DataSource<?> upstream;
    int prefetchDepth = DEFAULT_PREFETCH;
    int producerThreads = DEFAULT_PRODUCERS;
    private volatile boolean closed;
    private final Set<Feed> feeds = ConcurrentHashMap.newKeySet();

    DataSource(boolean yieldsBatches, DataSource<?> upstream) {
        this.yieldsBatches = yieldsBatches;
        this.upstream = upstream;
        if (upstream != null) {
            upstream.checkOpen();
            prefetchDepth = upstream.prefetchDepth;
            producerThreads = upstream.producerThreads;
        }
    }

    // ------------------------------------------------------------------ what each source does

    /** Pass {@code pass} (the epoch, from 0) over the source. */
    abstract Pass<T> open(long pass);

    /** Elements per pass, or -1 when unknown. */
    public abstract long length();

    /** Frees what this source itself holds (its upstream is closed by {@link #close}). */
    void release() {}

    // ------------------------------------------------------------------ sources

    /**
     * Samples from in-memory tensors, one per row of axis 0: {@code x} (a tensor, a string tensor,
     * or a list or map of them for several inputs) with targets {@code y} (the same, or null). Rows
     * are read in place: batches of consecutive rows are views of the tensors (no copy), shuffled
     * ones gather their rows into new memory (a copy of the batch, never of the whole set). The
     * source holds the tensors' memory until it is closed; closing the tensors first is safe.
     */
    public static DataSource<Example> fromTensors(Object x, Object y) {
        return new TensorSlices(Parts.of(x, "x"), Parts.of(y, "y"), Parts.NONE);
    }

    /** {@link #fromTensors(Object, Object)} with sample weights (a tensor with one row per sample). */
    public static DataSource<Example> fromTensors(Object x, Object y, Object weight) {
        return new TensorSlices(Parts.of(x, "x"), Parts.of(y, "y"), Parts.of(weight, "weight"));
    }

    /** Samples of inputs only (for {@code predict}). */
    public static DataSource<Example> fromTensors(Object x) {
        return fromTensors(x, null);
    }

    /**
     * Batches that Java code makes: each epoch calls {@code batches.iterator()} and reads it to its
     * end (length unknown). The batches are handed over: jkeras closes each one once Keras is done
     * with it. An iterator that is {@link AutoCloseable} is closed when its epoch ends.
     */
    public static DataSource<Batch> fromIterable(Iterable<Batch> batches) {
        return new IterableSource<>(true, batches, -1, false);
    }

    /** {@link #fromIterable(Iterable)} whose every epoch has {@code batchesPerEpoch} batches. */
    public static DataSource<Batch> fromIterable(Iterable<Batch> batches, long batchesPerEpoch) {
        return new IterableSource<>(true, batches, batchesPerEpoch, false);
    }

    /** Batches of one iterator: one epoch only (a second pass is an error; use {@link #fromIterable}). */
    public static DataSource<Batch> fromIterator(Iterator<Batch> batches) {
        return new IterableSource<>(true, () -> batches, -1, true);
    }

    /** Samples that Java code makes, to {@link #batch} (each epoch calls {@code examples.iterator()}). */
    public static DataSource<Example> fromExamples(Iterable<Example> examples) {
        return new IterableSource<>(false, examples, -1, false);
    }

    /**
     * Samples from files of fixed-size records, one file per array (inputs {@code x}, targets
     * {@code y}, either a {@link RecordFile}, or a list or map of them), record {@code i} of each
     * file being sample {@code i}. The files are memory-mapped a window at a time: a batch of
     * consecutive records is handed to NumPy over the mapped pages (no copy), and windows are
     * unmapped once Keras is done with their batches, so a file far larger than memory streams
     * through a bounded resident set. Shuffled batches read their records with positional reads.
     */
    public static DataSource<Example> fromRecords(Object x, Object y) {
        return new RecordSource(x, y, null);
    }

    /** {@link #fromRecords(Object, Object)} with a file of sample weights. */
    public static DataSource<Example> fromRecords(Object x, Object y, RecordFile weight) {
        return new RecordSource(x, y, weight);
    }

    /** Samples from two {@code .npy} files (NumPy's format: C order, little-endian): rows of {@code x} and of {@code y}. */
    public static DataSource<Example> fromNpy(Path x, Path y) {
        return fromRecords(RecordFile.npy(x), y == null ? null : RecordFile.npy(y));
    }

    // ------------------------------------------------------------------ combinators

    /**
     * Each element through {@code f} (on a producer thread, several at once with
     * {@link #prefetch(int, int)}). The element passed in belongs to {@code f}: arrays of it that the
     * result does not hold are closed after {@code f} returns, so {@code b -> Batch.of(b.x().div(255), b.y())}
     * frees the undivided pixels and keeps {@code y}.
     */
    public DataSource<T> map(UnaryOperator<T> f) {
        return new Mapped<>(this, f);
    }

    /** Samples stacked into batches of {@code size} (the last one smaller). */
    public DataSource<Batch> batch(int size) {
        return batch(size, false);
    }

    /** Samples stacked into batches of {@code size}; the last, smaller batch dropped when {@code dropRemainder}. */
    @SuppressWarnings("unchecked")
    public DataSource<Batch> batch(int size, boolean dropRemainder) {
        if (size <= 0) {
            throw new IllegalArgumentException("batch(size): must be positive; received size=" + size);
        }
        if (yieldsBatches) {
            throw new IllegalStateException("batch(size): this source already yields batches");
        }
        return new Batched((DataSource<Example>) this, size, dropRemainder);
    }

    /**
     * Elements in a random order, a new one each epoch, from {@code seed} and the epoch number. A
     * source with random access ({@link #fromTensors}, {@link #fromRecords}, and take/skip of them)
     * is shuffled whole, by index, without copying; others need a buffer:
     * {@link #shuffle(int, long)}.
     */
    public DataSource<T> shuffle(long seed) {
        if (this instanceof IndexedSource indexed) {
            @SuppressWarnings("unchecked")
            DataSource<T> shuffled = (DataSource<T>) Reordered.shuffled(indexed, seed);
            return shuffled;
        }
        throw new IllegalStateException("shuffle(seed): this source reads in order and cannot be shuffled whole;"
                + " use shuffle(bufferSize, seed), which draws at random from a buffer of that many elements");
    }

    /** Elements drawn at random from a buffer of {@code bufferSize} (tf.data's shuffle), anew each epoch. */
    public DataSource<T> shuffle(int bufferSize, long seed) {
        if (bufferSize <= 0) {
            throw new IllegalArgumentException("shuffle(bufferSize, seed): bufferSize must be positive; received " + bufferSize);
        }
        return new BufferShuffled<>(this, bufferSize, seed);
    }

    /** The first {@code count} elements of each pass. */
    public DataSource<T> take(long count) {
        checkCount(count, "take");
        if (this instanceof IndexedSource indexed) {
            @SuppressWarnings("unchecked")
            DataSource<T> taken = (DataSource<T>) Reordered.taken(indexed, count);
            return taken;
        }
        return new Limited<>(this, 0, count);
    }

    /** Each pass without its first {@code count} elements. */
    public DataSource<T> skip(long count) {
        checkCount(count, "skip");
        if (this instanceof IndexedSource indexed) {
            @SuppressWarnings("unchecked")
            DataSource<T> skipped = (DataSource<T>) Reordered.skipped(indexed, count);
            return skipped;
        }
        return new Limited<>(this, count, -1);
    }

    private static void checkCount(long count, String what) {
        if (count < 0) {
            throw new IllegalArgumentException(what + "(count): must not be negative; received count=" + count);
        }
    }

    /** Keeps up to {@code depth} batches ready for Keras (default {@value #DEFAULT_PREFETCH}). */
    public DataSource<T> prefetch(int depth) {
        return prefetch(depth, producerThreads);
    }

    /**
     * Keeps up to {@code depth} batches ready for Keras, made by {@code threads} Java threads at once
     * (their order kept). More threads help sources whose {@link #map} or reads take time.
     */
    public DataSource<T> prefetch(int depth, int threads) {
        if (depth < 1 || depth > Feed.MAX_DEPTH) {
            throw new IllegalArgumentException("prefetch(depth): from 1 to " + Feed.MAX_DEPTH + "; received depth=" + depth);
        }
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("prefetch(depth, threads): threads from 1 to 64; received threads=" + threads);
        }
        return new Prefetched<>(this, depth, threads);
    }

    // ------------------------------------------------------------------ reading it in Java

    /**
     * Runs one pass ({@code epoch}) on the calling thread, giving each element to {@code action};
     * each element is closed once {@code action} returns. For looking at what Keras will get.
     */
    public void forEach(long epoch, Consumer<? super T> action) {
        try (Pass<T> pass = open(epoch)) {
            Pass.Task<T> task;
            while ((task = pass.next()) != null) {
                try (T element = task.run()) {
                    action.accept(element);
                }
            }
        }
    }

    /** The first element of pass 0, for a look (the caller closes it). */
    public T first() {
        try (Pass<T> pass = open(0)) {
            Pass.Task<T> task = pass.next();
            if (task == null) {
                throw new IllegalStateException("the data source is empty");
            }
            return task.run();
        }
    }

    // ------------------------------------------------------------------ the hand-over to Keras

    /**
     * What Keras receives in this source's place (jkeras' own use: the runtime calls it when the
     * source is an argument of a Keras call). Each call starts a new feed: producer threads and a
     * queue of ready batches, ended when this source closes or Keras lets go of it.
     */
    @Override
    public Object toPython() {
        checkOpen();
        if (!yieldsBatches) {
            throw new IllegalStateException("Keras reads batches: call batch(size) on this source of examples first");
        }
        @SuppressWarnings("unchecked")
        Feed feed = new Feed((DataSource<Batch>) this, prefetchDepth, producerThreads);
        feeds.add(feed);
        feed.onFinished(() -> feeds.remove(feed));
        FeedScope.register(feed);
        return feed.start();
    }

    // ------------------------------------------------------------------ lifetime

    public boolean isClosed() {
        return closed;
    }

    void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the data source is closed");
        }
    }

    /**
     * Closes the source, the ones it was made from, and its feeds: a {@code fit} still reading it
     * fails with an {@link IllegalStateException}. Memory Keras still uses is freed once it lets go.
     * Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Feed feed : List.copyOf(feeds)) {
            feed.close();
        }
        try {
            release();
        } finally {
            if (upstream != null) {
                upstream.close();
            }
        }
    }

    @Override
    public String toString() {
        long n = length();
        return getClass().getSimpleName() + "(" + (n < 0 ? "length unknown" : n + (yieldsBatches ? " batches" : " samples"))
                + (closed ? ", closed)" : ")");
    }
}
