package jkeras.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import jkeras.KerasException;
import jkeras.internal.PythonFunctions;
import jkeras.internal.PythonRuntime;
import jkeras.runtime.PythonObject;
import jkeras.tensor.StringBridge;
import jkeras.tensor.StringTensor;
import jkeras.tensor.Tensor;

/**
 * One hand-over of a source's batches to Keras (one source argument of one Keras call).
 *
 * <p><b>Why it is safe on every backend.</b> Keras reads batches on threads of its own (tf.data's,
 * on TensorFlow); Jep lets Python reach Java only from the jkeras-python thread. So the Python side
 * ({@code python/jkeras/data.py}) never calls Java once the feed is made: Java producer threads make
 * each batch in off-heap memory, keep it open, and publish its addresses and shapes as a message on
 * a pipe; Python, on whatever thread, blocks in {@code os.read} (GIL released) for the next message,
 * builds NumPy arrays over that memory, and writes "taken" and later, when NumPy drops the arrays,
 * "released" into a second pipe, which a Java thread here reads. Memory is freed only on "released"
 * (or when Python's end of the pipe is gone, which means every array over it is gone): never in
 * use. Nothing waits in a cycle: Python waits only for messages; producers wait only for a free
 * place in the queue (given back by "taken") or for the source; the reader thread waits only for
 * Python's messages; and producers never call Python (a call from one fails at once), because the
 * Python thread may be the one waiting for their batch.
 *
 * <p><b>Order and passes.</b> Producers take the next element's task in order, run tasks in
 * parallel, and publish in order. Each iterator Keras makes is a pass (an epoch), announced by
 * Python ("start p"); the first pass is produced before Keras asks, to learn the batches' structure
 * and to have the first ones ready. A pass Python abandons ends with an END message so that a
 * reader still waiting on it returns.
 */
final class Feed {
    /** Most batches one feed keeps ready: bounded so their messages never fill the pipe. */
    static final int MAX_DEPTH = 256;
    // Message kinds: see python/jkeras/data.py.
    private static final int BATCH = 1, END = 2, FAIL = 3;
    private static final int START = 1, TAKEN = 2, RELEASED = 3, CLOSE = 4;
    private static final int HEADER_BYTES = 24;
    private static final AtomicLong IDS = new AtomicLong();

    final long id = IDS.incrementAndGet();
    private final DataSource<Batch> source;
    private final int threads;
    private final Semaphore places;
    private final List<Thread> producers = new ArrayList<>();
    private final Map<Long, Lent> lent = new ConcurrentHashMap<>();
    private final List<Runnable> onFinished = new ArrayList<>();
    private FileChannel ready;    // Java -> Python
    private FileChannel returns;  // Python -> Java
    private volatile PythonObject adapter;
    private volatile Throwable failure;

    // The pass being pulled from, guarded by `pulling`: one producer pulls at a time, in order.
    private final java.util.concurrent.locks.ReentrantLock pulling = new java.util.concurrent.locks.ReentrantLock();
    private Pass<Batch> cursor;
    private int cursorPass = -1;

    // Guarded by this.
    private int pass;                      // the pass producers make
    private boolean exhausted;             // no task left in this pass (end or failure found)
    private boolean passOver;              // END or FAIL published for this pass
    private long nextIndex;                // next task's index in the pass
    private long nextToPublish;
    private final TreeMap<Long, Object> waiting = new TreeMap<>();
    private boolean closed;
    private boolean finished;
    private Spec spec;
    private Object firstOutcome;           // Spec, Failure or END_OF_PASS: how pass 0 began
    private long nextBatchId = 1;

    private static final Object END_OF_PASS = new Object();

    private record Failure(Throwable error) {}

    /** A published batch: the views that hold its memory while Python may use it. */
    private static final class Lent {
        final List<Object> views;
        volatile boolean taken;

        Lent(List<Object> views) {
            this.views = views;
        }

        void close() {
            views.forEach(Parts::close);
        }
    }

    Feed(DataSource<Batch> source, int depth, int threads) {
        this.source = source;
        this.threads = threads;
        this.places = new Semaphore(depth);
    }

    void onFinished(Runnable action) {
        synchronized (onFinished) {
            onFinished.add(action);
        }
    }

    // ---------------------------------------------------------------- start, on the caller's thread

    /**
     * Opens the pipes, starts the producers on the first pass, waits for its first batch (to learn
     * the structure Keras will see, and to fail here, in the caller, for an empty or failing
     * source), and makes the Python adapter Keras reads.
     */
    PythonObject start() {
        PythonRuntime python = PythonRuntime.get();
        FeedRegistry.add(this);
        List<?> ends;
        try {
            ends = (List<?>) python.call(PythonFunctions.DATA_OPEN_CHANNEL, id);
        } catch (RuntimeException | Error e) {
            finish();
            throw e;
        }
        try {
            ready = FileChannel.open(Path.of("/proc/self/fd/" + ((Number) ends.get(0)).intValue()), StandardOpenOption.WRITE);
            returns = FileChannel.open(Path.of("/proc/self/fd/" + ((Number) ends.get(1)).intValue()), StandardOpenOption.READ);
        } catch (IOException | RuntimeException e) {
            closeQuietly(ready);
            python.call(PythonFunctions.DATA_DISCARD_CHANNEL, id);
            finish();
            throw new KerasException("jkeras could not open its ends of the data pipes through /proc/self/fd (Linux only): " + e, e);
        }
        Thread reader = new Thread(this::readReturns, "jkeras-feed-" + id + "-returns");
        reader.setDaemon(true);
        reader.start();
        for (int i = 0; i < threads; i++) {
            Thread producer = new Thread(this::produce, "jkeras-feed-" + id + "-producer-" + i);
            producer.setDaemon(true);
            producers.add(producer);
        }
        producers.forEach(Thread::start);
        Object first = awaitFirst();
        if (!(first instanceof Spec started)) {
            close();
            python.call(PythonFunctions.DATA_DISCARD_CHANNEL, id);
            if (first instanceof Failure f) {
                throw sneaky(f.error());
            }
            throw new IllegalArgumentException("the data source is empty: its first epoch yielded no batch");
        }
        try {
            adapter = PythonObject.wrap(python.call(PythonFunctions.DATA_MAKE_FEED, id, started.describe(), source.length()));
        } catch (RuntimeException | Error e) {
            close();
            python.call(PythonFunctions.DATA_DISCARD_CHANNEL, id);
            throw e;
        }
        return adapter;
    }

    private synchronized Object awaitFirst() {
        boolean interrupted = false;
        while (firstOutcome == null) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
                firstOutcome = new Failure(new IllegalStateException("interrupted while waiting for the data source's first batch"));
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return firstOutcome;
    }

    // ---------------------------------------------------------------- producers

    private void produce() {
        PythonRuntime.forbidCallsFromThisThread("code of a jkeras data source (a map function, an iterator, a record reader)"
                + " runs on a producer thread while Keras may be waiting for its batch: it cannot call Keras or Python."
                + " Do such work before making the source, or in the model (preprocessing layers).");
        while (true) {
            try {
                places.acquire();
            } catch (InterruptedException e) {
                return;
            }
            try {
                pulling.lockInterruptibly();
            } catch (InterruptedException e) {
                places.release();
                return;
            }
            int taskPass = -1;
            long index = -1;
            Pass.Task<Batch> task = null;
            Object outcome = null;
            try {
                synchronized (this) {
                    while (!closed && exhausted) {
                        wait();
                    }
                    if (!closed) {
                        taskPass = pass;
                        index = nextIndex++;
                    }
                }
                if (taskPass < 0) {
                    places.release();
                    closeCursor();
                    return;
                }
                // User code (opening a pass, pulling from an iterator) runs outside the feed's lock,
                // so a source that blocks never keeps close() or Python's messages waiting.
                if (cursor == null || cursorPass != taskPass) {
                    closeCursor();
                    cursor = source.open(taskPass);
                    cursorPass = taskPass;
                }
                task = cursor.next();
                if (task == null) {
                    outcome = END_OF_PASS;
                    exhaust(taskPass);
                    closeCursor();
                }
            } catch (InterruptedException e) {
                places.release();
                return;
            } catch (Throwable e) { // an Error too: it reaches the caller of fit as itself
                outcome = new Failure(e);
                exhaust(taskPass);
                closeCursor();
            } finally {
                if (isClosed() && pulling.isHeldByCurrentThread()) {
                    closeCursor();
                }
                pulling.unlock();
            }
            if (task != null) {
                try {
                    outcome = task.run();
                } catch (Throwable e) {
                    outcome = new Failure(e);
                }
            }
            deliver(taskPass, index, outcome);
        }
    }

    private synchronized void exhaust(int taskPass) {
        if (taskPass == pass) {
            exhausted = true;
        }
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    /** Takes a finished task's outcome and publishes, in order, every outcome that is due. */
    private synchronized void deliver(int taskPass, long index, Object outcome) {
        if (closed || taskPass != pass || passOver) {
            discard(outcome);
            return;
        }
        waiting.put(index, outcome);
        Object next;
        while (!passOver && (next = waiting.remove(nextToPublish)) != null) {
            long at = nextToPublish++;
            publish(at, next);
        }
    }

    private void publish(long index, Object outcome) {
        if (outcome instanceof Batch batch) {
            String mismatch = checkShape(batch, index);
            if (mismatch != null) {
                batch.close();
                outcome = new Failure(new IllegalArgumentException(mismatch));
            } else {
                publishBatch(index, batch);
                return;
            }
        }
        passOver = true;
        exhausted = true;
        places.release();
        discardWaiting();
        if (outcome instanceof Failure f) {
            failure = f.error();
            writeMessage(FAIL, pass, (int) index, 0, String.valueOf(f.error()).getBytes(StandardCharsets.UTF_8));
            settleFirst(f);
        } else {
            writeMessage(END, pass, (int) index, 0, new byte[0]);
            settleFirst(END_OF_PASS);
        }
    }

    private void publishBatch(long index, Batch batch) {
        List<Object> arrays = batch.arrays();
        List<Object> views = new ArrayList<>(arrays.size());
        try {
            for (Object array : arrays) {
                views.add(DataShapes.hold(array)); // the feed's own hold: the source's batch is closed now
            }
        } catch (RuntimeException | Error e) {
            views.forEach(Parts::close);
            batch.close();
            publish(index, new Failure(e));
            return;
        } finally {
            batch.close();
        }
        ByteBuffer body = ByteBuffer.allocate(bodyBytes(views)).order(ByteOrder.LITTLE_ENDIAN);
        for (Object view : views) {
            long[] shape = DataShapes.shape(view);
            if (view instanceof Tensor t) {
                body.putLong(t.address()).putLong(t.nbytes()).putLong(0);
            } else {
                StringTensor s = (StringTensor) view;
                Tensor text = StringBridge.text(s);
                body.putLong(StringBridge.offsets(s).address()).putLong(text.nbytes()).putLong(text.nbytes() == 0 ? 0 : text.address());
            }
            body.putLong(shape.length);
            for (long d : shape) {
                body.putLong(d);
            }
        }
        long batchId = nextBatchId++;
        lent.put(batchId, new Lent(views));
        if (spec == null) {
            spec = Spec.of(batch, views);
        }
        writeMessage(BATCH, pass, (int) index, batchId, body.array());
        settleFirst(spec);
    }

    private static int bodyBytes(List<Object> views) {
        int longs = 0;
        for (Object view : views) {
            longs += 4 + DataShapes.shape(view).length;
        }
        return longs * Long.BYTES;
    }

    private String checkShape(Batch batch, long index) {
        long rows = -1;
        String firstLabel = null;
        List<Object> arrays = batch.arrays();
        for (int i = 0; i < arrays.size(); i++) {
            long[] shape = DataShapes.shape(arrays.get(i));
            String label = Spec.label(batch, i);
            if (shape.length == 0) {
                return where(index) + label + " is a scalar (" + DataShapes.describe(arrays.get(i)) + "); batch arrays have the batch as their first axis";
            }
            if (rows < 0) {
                rows = shape[0];
                firstLabel = label;
            } else if (shape[0] != rows) {
                return where(index) + label + " has " + shape[0] + " rows but " + firstLabel + " has " + rows;
            }
        }
        if (rows == 0) {
            return where(index) + "the batch is empty (0 rows)";
        }
        return spec == null ? null : spec.mismatch(batch, where(index));
    }

    private String where(long index) {
        return "batch " + index + " of epoch " + pass + " from the data source: ";
    }

    private void settleFirst(Object outcome) {
        if (firstOutcome == null) {
            firstOutcome = outcome;
            notifyAll();
        }
    }

    private void discard(Object outcome) {
        if (outcome instanceof Batch batch) {
            batch.close();
        }
        places.release();
    }

    private void discardWaiting() {
        for (Object outcome : waiting.values()) {
            discard(outcome);
        }
        waiting.clear();
    }

    private void writeMessage(int kind, int passNumber, int index, long batchId, byte[] body) {
        ByteBuffer message = ByteBuffer.allocate(HEADER_BYTES + body.length).order(ByteOrder.LITTLE_ENDIAN);
        message.putInt(kind).putInt(passNumber).putInt(index).putInt(body.length).putLong(batchId).put(body);
        message.flip();
        try {
            while (message.hasRemaining()) {
                ready.write(message);
            }
        } catch (IOException e) {
            // Python's end is gone (or this feed was closed): nobody reads; "released" or the end
            // of the return pipe frees what was lent.
        }
    }

    // ---------------------------------------------------------------- Python's messages

    private void readReturns() {
        ByteBuffer note = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        try {
            while (true) {
                note.clear();
                while (note.hasRemaining()) {
                    if (returns.read(note) < 0) {
                        return;
                    }
                }
                note.flip();
                int kind = note.getInt();
                int passNumber = note.getInt();
                long batchId = note.getLong();
                switch (kind) {
                    case START -> startPass(passNumber);
                    case TAKEN -> taken(batchId);
                    case RELEASED -> released(batchId);
                    case CLOSE -> pythonClosed();
                    default -> { }
                }
            }
        } catch (IOException e) {
            // the pipe broke: as at its end
        } finally {
            pythonGone();
        }
    }

    /** Keras made a new iterator: pass {@code number} begins; an unfinished older pass ends. */
    private synchronized void startPass(int number) {
        if (closed || number <= pass) {
            return; // pass 0 was made ahead already
        }
        if (!passOver) {
            writeMessage(END, pass, (int) nextToPublish, 0, new byte[0]); // a reader still on the old pass returns
        }
        discardWaiting();
        pass = number;
        exhausted = false;
        passOver = false;
        nextIndex = 0;
        nextToPublish = 0;
        notifyAll();
    }

    private void taken(long batchId) {
        Lent l = lent.get(batchId);
        if (l != null) {
            l.taken = true;
        }
        places.release();
    }

    private void released(long batchId) {
        Lent l = lent.remove(batchId);
        if (l != null) {
            l.close();
        }
    }

    /** Python's adapter is gone: no reader will ever take what is still queued. */
    private void pythonClosed() {
        stop(null);
        for (Map.Entry<Long, Lent> e : lent.entrySet()) {
            if (!e.getValue().taken && lent.remove(e.getKey(), e.getValue())) {
                e.getValue().close();
            }
        }
    }

    /** Python's end of the return pipe closed: no array over any batch is left. */
    private void pythonGone() {
        stop(null);
        for (Long batchId : List.copyOf(lent.keySet())) {
            released(batchId);
        }
        closeQuietly(returns);
        finish();
    }

    private void finish() {
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
        }
        FeedRegistry.remove(this);
        List<Runnable> actions;
        synchronized (onFinished) {
            actions = List.copyOf(onFinished);
        }
        actions.forEach(Runnable::run);
    }

    // ---------------------------------------------------------------- closing

    /**
     * Java is done with the feed (the call returned, or the source closed): producers stop, Python
     * readers see the pipe's end after what was published, Java's reference to the adapter goes.
     * Memory Python may still use is freed by its messages, as always.
     */
    void close() {
        stop(new IllegalStateException("the data source was closed while Keras was reading it"));
        closeQuietly(ready);
        PythonObject a = adapter;
        if (a != null) {
            a.close();
        }
    }

    private void stop(Throwable reason) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (failure == null && reason != null && !passOver) {
                failure = reason;
            }
            discardWaiting();
            settleFirst(new Failure(reason != null ? reason : new IllegalStateException("Keras let go of the data source")));
            notifyAll();
        }
        if (pulling.tryLock()) { // else the producer pulling now closes the pass when its pull returns
            try {
                closeCursor();
            } finally {
                pulling.unlock();
            }
        }
        for (Thread producer : producers) {
            if (producer != Thread.currentThread()) {
                producer.interrupt();
            }
        }
    }

    /** Ends the pass being pulled from; called holding {@code pulling}. */
    private void closeCursor() {
        if (cursor != null) {
            Pass<Batch> c = cursor;
            cursor = null;
            cursorPass = -1;
            try {
                c.close();
            } catch (RuntimeException e) {
                // the pass is over either way
            }
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closed either way
            }
        }
    }

    /** The exception the source failed with, for the caller of the Keras call. */
    Throwable failure() {
        Throwable f = failure;
        return f != null ? f : new IllegalStateException("the data source failed (feed " + id + ")");
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
        throw (E) t;
    }

    // ---------------------------------------------------------------- what every batch must look like

    /** The structure, dtypes and shapes after the batch axis of the first batch. */
    private record Spec(List<Object> structure, List<String> dtypes, List<long[]> trailing, List<String> labels) {
        static Spec of(Batch batch, List<Object> views) {
            List<String> dtypes = new ArrayList<>();
            List<long[]> trailing = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            for (int i = 0; i < views.size(); i++) {
                long[] shape = DataShapes.shape(views.get(i));
                dtypes.add(DataShapes.dtype(views.get(i)));
                trailing.add(Arrays.copyOfRange(shape, 1, shape.length));
                labels.add(label(batch, i));
            }
            List<Object> structure = new ArrayList<>();
            structure.add(batch.x.describe());
            structure.add(batch.y.describe());
            structure.add(batch.weight.describe());
            return new Spec(structure, dtypes, trailing, labels);
        }

        static String label(Batch batch, int flat) {
            if (flat < batch.x.count()) {
                return batch.x.label("x", flat);
            }
            flat -= batch.x.count();
            if (flat < batch.y.count()) {
                return batch.y.label("y", flat);
            }
            return batch.weight.label("weight", flat - batch.y.count());
        }

        /** What Python's Structure reads: [[x, y, weight structures], [[dtype, trailing dims], ...]]. */
        List<Object> describe() {
            List<Object> arrays = new ArrayList<>();
            for (int i = 0; i < dtypes.size(); i++) {
                List<Long> dims = new ArrayList<>();
                for (long d : trailing.get(i)) {
                    dims.add(d);
                }
                arrays.add(Arrays.asList(dtypes.get(i), dims));
            }
            return Arrays.asList(structure, arrays);
        }

        String mismatch(Batch batch, String where) {
            List<Object> structureNow = Arrays.asList(batch.x.describe(), batch.y.describe(), batch.weight.describe());
            if (!structureNow.equals(structure)) {
                return where + "its structure " + structureNow + " (x, y, weight) differs from the first batch's " + structure;
            }
            List<Object> arrays = batch.arrays();
            for (int i = 0; i < arrays.size(); i++) {
                long[] shape = DataShapes.shape(arrays.get(i));
                String dtype = DataShapes.dtype(arrays.get(i));
                if (!dtype.equals(dtypes.get(i)) || !Arrays.equals(Arrays.copyOfRange(shape, 1, shape.length), trailing.get(i))) {
                    long[] expected = new long[trailing.get(i).length + 1];
                    System.arraycopy(trailing.get(i), 0, expected, 1, trailing.get(i).length);
                    String first = Arrays.toString(expected).replaceFirst("^\\[0", "[*");
                    return where + labels.get(i) + " is " + dtype + " " + Arrays.toString(shape) + " but the first batch's was "
                            + dtypes.get(i) + " " + first + " (every batch must match the first but in its first axis)";
                }
            }
            return null;
        }
    }
}
