package jkeras.data;

import java.util.Iterator;

/** Elements that Java code makes: a new iterator per pass ({@link DataSource#fromIterable}), or one iterator once. */
final class IterableSource<T extends Record> extends DataSource<T> {
    private final Iterable<T> iterable;
    private final long length;
    private final boolean once;
    private boolean used;

    IterableSource(boolean batches, Iterable<T> iterable, long length, boolean once) {
        super(batches, null);
        if (iterable == null) {
            throw new IllegalArgumentException("the iterable or iterator is null");
        }
        this.iterable = iterable;
        this.length = length;
        this.once = once;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    Pass<T> open(long pass) {
        checkOpen();
        synchronized (this) {
            if (once && used) {
                throw new IllegalStateException("a source made by fromIterator(...) can be read once (one epoch, or one call);"
                        + " use fromIterable(...), whose iterator() is called for every epoch");
            }
            used = true;
        }
        Iterator<T> iterator = iterable.iterator();
        if (iterator == null) {
            throw new IllegalStateException("iterator() returned null");
        }
        return new Pass<>() {
            private long index;

            @Override
            public Task<T> next() {
                checkOpen();
                if (!iterator.hasNext()) {
                    return null;
                }
                T element = iterator.next();
                if (element == null) {
                    throw new IllegalStateException("the iterator returned null as element " + index + " of epoch " + pass);
                }
                index++;
                return Task.done(element);
            }

            @Override
            public void close() {
                if (iterator instanceof AutoCloseable closeable) {
                    try {
                        closeable.close();
                    } catch (Exception e) {
                        throw new IllegalStateException("closing the iterator failed: " + e, e);
                    }
                }
            }
        };
    }
}
