package jkeras.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jkeras.tensor.DType;
import jkeras.tensor.Tensor;

/**
 * Reads the benchmark's synthetic data (.npy files that bench/run_bench.py writes once, so that
 * every driver trains on the same numbers) into a tensor over a direct buffer, as a Java user
 * would load binary data: one read, no per-element copy.
 */
final class NpyFile {
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([<|]?)([a-z]\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    private NpyFile() {}

    static Tensor read(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer preamble = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(preamble, 0);
            int major = preamble.get(6);
            int headerLength = major == 1 ? Short.toUnsignedInt(preamble.getShort(8)) : preamble.getInt(8);
            int headerStart = major == 1 ? 10 : 12;
            ByteBuffer header = ByteBuffer.allocate(headerLength);
            channel.read(header, headerStart);
            String dict = new String(header.array(), StandardCharsets.ISO_8859_1);
            Matcher descr = DESCR.matcher(dict);
            Matcher fortran = FORTRAN.matcher(dict);
            Matcher shape = SHAPE.matcher(dict);
            if (!descr.find() || !fortran.find() || !shape.find() || fortran.group(1).equals("True")) {
                throw new IllegalArgumentException(file + ": not a C-order little-endian .npy header: " + dict);
            }
            long[] dims = Arrays.stream(shape.group(1).split(","))
                    .map(String::trim).filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).toArray();
            DType dtype = switch (descr.group(2)) {
                case "f4" -> DType.FLOAT32;
                case "f8" -> DType.FLOAT64;
                case "i4" -> DType.INT32;
                case "i8" -> DType.INT64;
                default -> throw new IllegalArgumentException(file + ": unsupported dtype " + descr.group(2));
            };
            long dataStart = headerStart + headerLength;
            ByteBuffer data = ByteBuffer.allocateDirect(Math.toIntExact(channel.size() - dataStart)).order(ByteOrder.nativeOrder());
            for (long at = dataStart; data.hasRemaining(); ) {
                int n = channel.read(data, at);
                if (n < 0) {
                    throw new IOException(file + " ended early");
                }
                at += n;
            }
            data.flip();
            return Tensor.fromBuffer(data, dtype, dims);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
