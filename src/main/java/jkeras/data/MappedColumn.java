package jkeras.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import jkeras.tensor.ExternalMemory;
import jkeras.tensor.Tensor;
import org.apache.arrow.memory.util.MemoryUtil;

/**
 * One open {@link RecordFile}: consecutive records come as tensors over a memory-mapped window of
 * the file (no copy); other reads are positional reads into new tensors. A window stays mapped while
 * a tensor over it lives or while it is the last one used, and is unmapped as soon as neither holds
 * (not at some garbage collection), so the mapped file's resident pages stay few.
 *
 * <p>Windows are mapped privately (copy-on-write): a write to a batch changes the process' copy of
 * that page, never the file, and never faults.
 */
final class MappedColumn implements AutoCloseable {
    /** Bytes mapped at a time (a multiple of the record size at most this big, at least one record). */
    static final long WINDOW_BYTES = Long.getLong("jkeras.recordWindowMiB", 64) << 20;
    private static final long CHUNK = 1L << 30;

    final RecordFile file;
    private final FileChannel channel;
    private final long windowRecords;
    private final Map<Long, Window> windows = new HashMap<>();
    private Window lastUsed;
    private boolean closed;

    private static final class Window {
        final long index;
        final ByteBuffer buffer;
        final long address;
        int holds;

        Window(long index, ByteBuffer buffer) {
            this.index = index;
            this.buffer = buffer;
            this.address = MemoryUtil.getByteBufferAddress(buffer);
        }
    }

    private final boolean copyWindows;

    MappedColumn(RecordFile file) {
        this.file = file;
        this.windowRecords = Math.max(1, WINDOW_BYTES / file.recordBytes());
        FileChannel opened;
        boolean copy = false;
        try {
            // A private (copy-on-write) mapping needs a channel open for writing, though nothing is
            // ever written to the file: writes to a batch's memory stay in this process. A
            // read-only mapping would crash the JVM on such a write, so a file this process may not
            // write is read into memory of its own instead, a window at a time.
            opened = FileChannel.open(file.path(), StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException | SecurityException notWritable) {
            try {
                opened = FileChannel.open(file.path(), StandardOpenOption.READ);
                copy = true;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open " + file.path() + ": " + e.getMessage(), e);
            }
        }
        this.channel = opened;
        this.copyWindows = copy;
    }

    long records() {
        return file.records();
    }

    private long[] shapeOf(long rows) {
        long[] recordShape = file.recordShape();
        long[] shape = new long[recordShape.length + 1];
        shape[0] = rows;
        System.arraycopy(recordShape, 0, shape, 1, recordShape.length);
        return shape;
    }

    /** Records {@code from .. to}: over the mapping when they lie in one window, else read. */
    Tensor rows(long from, long to) {
        long window = from / windowRecords;
        if (to > from && (to - 1) / windowRecords == window) {
            Window w = acquire(window);
            long address = w.address + (from - window * windowRecords) * file.recordBytes();
            return ExternalMemory.wrap(address, (to - from) * file.recordBytes(), file.dtype(), shapeOf(to - from), false,
                    () -> release(w));
        }
        Tensor out = Tensor.zeros(file.dtype(), shapeOf(to - from));
        try {
            read(from, out.address(), (to - from) * file.recordBytes());
        } catch (RuntimeException | Error e) {
            out.close();
            throw e;
        }
        return out;
    }

    /** Records {@code indices[from .. from + count)} read into one new tensor. */
    Tensor gather(long[] indices, int from, int count) {
        Tensor out = Tensor.zeros(file.dtype(), shapeOf(count));
        try {
            long to = out.address();
            for (int i = 0; i < count; i++) {
                long record = indices[from + i];
                if (record < 0 || record >= file.records()) {
                    throw new IndexOutOfBoundsException("record " + record + " of " + file.records() + " in " + file.path());
                }
                read(record, to + i * file.recordBytes(), file.recordBytes());
            }
        } catch (RuntimeException | Error e) {
            out.close();
            throw e;
        }
        return out;
    }

    /** One record, without the batch axis (a copy). */
    Tensor record(long i) {
        Tensor out = Tensor.zeros(file.dtype(), file.recordShape());
        try {
            read(i, out.address(), file.recordBytes());
        } catch (RuntimeException | Error e) {
            out.close();
            throw e;
        }
        return out;
    }

    private void read(long firstRecord, long address, long bytes) {
        long position = file.headerBytes() + firstRecord * file.recordBytes();
        try {
            for (long done = 0; done < bytes; ) {
                int n = (int) Math.min(CHUNK, bytes - done);
                ByteBuffer target = MemoryUtil.directBuffer(address + done, n);
                while (target.hasRemaining()) {
                    int read = channel.read(target, position + done + target.position());
                    if (read < 0) {
                        throw new IOException("unexpected end of file at byte " + (position + done + target.position()));
                    }
                }
                done += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file.path() + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code bytes} bytes at {@code address} to {@code out} (in chunks: a ByteBuffer's size is an int). */
    static void writeMemory(FileChannel out, long address, long bytes) throws IOException {
        for (long done = 0; done < bytes; ) {
            int n = (int) Math.min(CHUNK, bytes - done);
            ByteBuffer source = MemoryUtil.directBuffer(address + done, n);
            while (source.hasRemaining()) {
                out.write(source);
            }
            done += n;
        }
    }

    private ByteBuffer read(long position, long bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(Math.toIntExact(bytes));
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("the file ended early (truncated while in use?)");
            }
        }
        return buffer.clear();
    }

    private synchronized Window acquire(long index) {
        if (closed) {
            throw new IllegalStateException("the record file " + file.path() + " is closed");
        }
        Window w = windows.get(index);
        if (w == null) {
            long first = index * windowRecords;
            long records = Math.min(windowRecords, file.records() - first);
            try {
                long position = file.headerBytes() + first * file.recordBytes();
                long bytes = records * file.recordBytes();
                w = new Window(index, copyWindows ? read(position, bytes) : channel.map(FileChannel.MapMode.PRIVATE, position, bytes));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot map " + file.path() + ": " + e.getMessage(), e);
            }
            windows.put(index, w);
        }
        w.holds++; // the tensor's
        if (lastUsed != w) {
            Window previous = lastUsed;
            lastUsed = w;
            w.holds++; // the "last used" one's
            if (previous != null) {
                releaseLocked(previous);
            }
        }
        return w;
    }

    private synchronized void release(Window w) {
        releaseLocked(w);
    }

    private void releaseLocked(Window w) {
        if (--w.holds == 0) {
            windows.remove(w.index);
            Unmapper.unmap(w.buffer);
        }
    }

    /** Closes the file; windows tensors still hold are unmapped when those let go. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (lastUsed != null) {
            Window w = lastUsed;
            lastUsed = null;
            releaseLocked(w);
        }
        try {
            channel.close(); // mappings outlive the channel
        } catch (IOException e) {
            // nothing to recover
        }
    }
}
