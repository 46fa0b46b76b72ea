package jkeras.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jkeras.tensor.DType;
import jkeras.tensor.Tensor;

/**
 * A file of fixed-size records, one sample's array each: {@code records} arrays of {@code dtype}
 * shaped {@code recordShape}, stored one after another in C order, little-endian, after
 * {@code headerBytes}. A flat binary file, or NumPy's {@code .npy} ({@link #npy}, which reads the
 * header). {@link DataSource#fromRecords} streams such files into Keras.
 */
public final class RecordFile {
    private static final byte[] NPY_MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Map<String, DType> NPY_TYPES = Map.of(
            "<f4", DType.FLOAT32, "<f8", DType.FLOAT64, "<f2", DType.FLOAT16, "|i1", DType.INT8, "<i2", DType.INT16,
            "<i4", DType.INT32, "<i8", DType.INT64, "|u1", DType.UINT8, "|b1", DType.BOOL);

    private final Path path;
    private final long headerBytes;
    private final DType dtype;
    private final long[] recordShape;
    private final long recordBytes;
    private final long records;

    private RecordFile(Path path, long headerBytes, DType dtype, long[] recordShape, long records) {
        this.path = path;
        this.headerBytes = headerBytes;
        this.dtype = dtype;
        this.recordShape = recordShape.clone();
        this.recordBytes = (long) dtype.byteSize() * product(recordShape);
        this.records = records;
    }

    /** A headerless file of records of {@code dtype} shaped {@code recordShape}; the count follows from its size. */
    public static RecordFile of(Path path, DType dtype, long... recordShape) {
        return of(path, 0, dtype, recordShape);
    }

    /** A file whose records start after {@code headerBytes}. */
    public static RecordFile of(Path path, long headerBytes, DType dtype, long... recordShape) {
        if (path == null) {
            throw new IllegalArgumentException("RecordFile.of(path, ...): path is null");
        }
        long size = size(path);
        long recordBytes = (long) dtype.byteSize() * product(recordShape);
        if (recordBytes <= 0) {
            throw new IllegalArgumentException("RecordFile.of: a record of shape " + Arrays.toString(recordShape) + " has no bytes");
        }
        if (headerBytes < 0 || headerBytes > size || (size - headerBytes) % recordBytes != 0) {
            throw new IllegalArgumentException("RecordFile.of: " + path + " has " + size + " bytes, which after a header of "
                    + headerBytes + " is not a whole number of " + recordBytes + "-byte records (" + dtype.numpyName() + " "
                    + Arrays.toString(recordShape) + ")");
        }
        return new RecordFile(path, headerBytes, dtype, recordShape, (size - headerBytes) / recordBytes);
    }

    /** A {@code .npy} file (C order, little-endian): its rows are the records. */
    public static RecordFile npy(Path path) {
        if (path == null) {
            throw new IllegalArgumentException("RecordFile.npy(path): path is null");
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer start = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(start, 0);
            start.flip();
            byte[] magic = new byte[6];
            if (start.remaining() < 10) {
                throw notNpy(path, "it is too short");
            }
            start.get(magic);
            if (!Arrays.equals(magic, NPY_MAGIC)) {
                throw notNpy(path, "it does not start with NumPy's magic bytes");
            }
            int major = start.get();
            start.get();
            long headerLength = major == 1 ? Short.toUnsignedLong(start.getShort()) : Integer.toUnsignedLong(start.getInt());
            long dataStart = (major == 1 ? 10 : 12) + headerLength;
            ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
            channel.read(headerBytes, major == 1 ? 10 : 12);
            String header = new String(headerBytes.array(), StandardCharsets.ISO_8859_1);
            DType dtype = NPY_TYPES.get(field(header, "descr", "'([^']*)'", path));
            if (dtype == null) {
                throw notNpy(path, "its dtype " + field(header, "descr", "'([^']*)'", path)
                        + " is not one of " + NPY_TYPES.keySet() + " (little-endian)");
            }
            if (field(header, "fortran_order", "(True|False)", path).equals("True")) {
                throw notNpy(path, "it is stored in Fortran order; save it in C order");
            }
            List<Long> dims = new ArrayList<>();
            for (String d : field(header, "shape", "\\(([^)]*)\\)", path).split(",")) {
                if (!d.isBlank()) {
                    dims.add(Long.parseLong(d.trim()));
                }
            }
            if (dims.isEmpty()) {
                throw notNpy(path, "it holds a scalar, not rows of records");
            }
            long[] recordShape = dims.subList(1, dims.size()).stream().mapToLong(Long::longValue).toArray();
            RecordFile file = new RecordFile(path, dataStart, dtype, recordShape, dims.get(0));
            long expected = dataStart + file.records * file.recordBytes;
            if (channel.size() < expected) {
                throw notNpy(path, "it is truncated: " + channel.size() + " bytes where its header promises " + expected);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("RecordFile.npy: cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code tensor} as a {@code .npy} file (through a temporary file and a rename), read by
     * NumPy and by {@link #npy}; rows are the records.
     */
    public static Path writeNpy(Path path, Tensor tensor) {
        String descr = NPY_TYPES.entrySet().stream().filter(e -> e.getValue() == tensor.dtype()).findFirst().orElseThrow().getKey();
        StringBuilder shape = new StringBuilder("(");
        for (long d : tensor.shape()) {
            shape.append(d).append(", ");
        }
        if (tensor.rank() > 1) {
            shape.setLength(shape.length() - 2);
        } else {
            shape.setLength(shape.length() - 1);
        }
        shape.append(")");
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int unpadded = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        ByteBuffer head = ByteBuffer.allocate(10 + header.length()).order(ByteOrder.LITTLE_ENDIAN);
        head.put(NPY_MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length()).put(header.getBytes(StandardCharsets.ISO_8859_1));
        head.flip();
        Path temporary = path.resolveSibling(path.getFileName() + ".part");
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
             Tensor held = tensor.reshape(tensor.shape())) {
            while (head.hasRemaining()) {
                out.write(head);
            }
            MappedColumn.writeMemory(out, held.address(), held.nbytes());
            out.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("writeNpy: cannot write " + temporary + ": " + e.getMessage(), e);
        }
        try {
            return Files.move(temporary, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("writeNpy: cannot rename " + temporary + " to " + path + ": " + e.getMessage(), e);
        }
    }

    private static String field(String header, String name, String valuePattern, Path path) {
        Matcher m = Pattern.compile("'" + name + "'\\s*:\\s*" + valuePattern).matcher(header);
        if (!m.find()) {
            throw notNpy(path, "its header has no '" + name + "': " + header.trim());
        }
        return m.group(1);
    }

    private static IllegalArgumentException notNpy(Path path, String why) {
        return new IllegalArgumentException("RecordFile.npy: " + path + " is not a .npy file jkeras can stream: " + why);
    }

    private static long size(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            throw new UncheckedIOException("RecordFile: cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static long product(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in record shape " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    public Path path() {
        return path;
    }

    public DType dtype() {
        return dtype;
    }

    /** The shape of one record (a sample's array, without the batch axis). */
    public long[] recordShape() {
        return recordShape.clone();
    }

    /** Number of records. */
    public long records() {
        return records;
    }

    long headerBytes() {
        return headerBytes;
    }

    long recordBytes() {
        return recordBytes;
    }

    @Override
    public String toString() {
        return "RecordFile(" + path + ": " + records + " records of " + dtype.numpyName() + " " + Arrays.toString(recordShape) + ")";
    }
}
