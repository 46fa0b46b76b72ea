package jkeras.view;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The events waiting to be written to one browser. Training only ever offers (never waits); a
 * browser too slow to keep up overflows its queue and is disconnected, and on reconnecting gets
 * the whole history again.
 */
final class EventStream {
    /** Put after the last event of a finished fit: the writer closes the stream after it. */
    private static final String END = new String("end");

    private final BlockingQueue<String> queue;
    private volatile boolean overflowed;

    EventStream(int capacity) {
        queue = new ArrayBlockingQueue<>(capacity + 1); // room for END
    }

    /** Queues an event; false (and the stream is done) when the browser has fallen too far behind. */
    boolean offer(String event) {
        if (overflowed || queue.remainingCapacity() <= 1 || !queue.offer(event)) {
            overflowed = true;
            return false;
        }
        return true;
    }

    /** No more events will come: the writer ends the response once the queue is written. */
    void finish() {
        queue.offer(END);
    }

    /** The next event, null on timeout (time for a keep-alive); {@link #isEnd} tells the end. */
    String next(long timeout, TimeUnit unit) throws InterruptedException {
        return queue.poll(timeout, unit);
    }

    static boolean isEnd(String event) {
        return event == END;
    }

    boolean overflowed() {
        return overflowed;
    }
}
