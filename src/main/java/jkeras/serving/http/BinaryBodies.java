package jkeras.serving.http;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jkeras.serving.ModelSignature;
import jkeras.serving.TensorSpec;
import jkeras.tensor.DType;
import jkeras.tensor.Tensor;

/**
 * Prediction requests as raw bytes: the body is little-endian float32 values in row-major order,
 * the shape (batch axis first) in the {@code X-Shape} header or the {@code shape} query parameter
 * ({@code 1,784}). Only for models of one input. The answer, for a model of one output, is the
 * output's raw little-endian bytes with {@code X-Shape} and {@code X-Dtype} headers.
 */
final class BinaryBodies {
    static final String CONTENT_TYPE = "application/octet-stream";

    private BinaryBodies() {}

    static Tensor parse(byte[] body, String shapeText, String dtypeText, ModelSignature signature) {
        if (signature.inputs().size() != 1) {
            throw HttpError.badRequest("binary bodies are for models of one input; this one has inputs "
                    + signature.inputs().stream().map(TensorSpec::name).toList() + ": send JSON");
        }
        if (dtypeText != null && !dtypeText.equals("float32")) {
            throw HttpError.badRequest("dtype: binary bodies are little-endian float32; received dtype=" + cut(dtypeText));
        }
        if (shapeText == null || shapeText.isBlank()) {
            throw HttpError.badRequest("a binary body needs its shape: an X-Shape header or a shape query parameter, e.g. shape=1,784");
        }
        long[] shape = parseShape(shapeText);
        long elements = 1;
        for (long d : shape) {
            elements = Math.multiplyExact(elements, d);
        }
        if (elements * 4 != body.length) {
            throw HttpError.badRequest("shape " + describe(shape) + " of float32 needs " + elements * 4
                    + " bytes; the body has " + body.length);
        }
        float[] values = new float[(int) elements];
        ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return Tensor.of(values, shape);
    }

    static long[] parseShape(String text) {
        String[] parts = text.trim().split("\\s*[,x]\\s*");
        if (parts.length == 0 || parts.length > NumberArray.MAX_RANK) {
            throw HttpError.badRequest("shape: expected up to " + NumberArray.MAX_RANK + " lengths separated by commas; received " + cut(text));
        }
        long[] shape = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                shape[i] = Long.parseLong(parts[i]);
            } catch (NumberFormatException e) {
                shape[i] = -1;
            }
            if (shape[i] < 1 || shape[i] > Integer.MAX_VALUE) {
                throw HttpError.badRequest("shape: expected positive lengths separated by commas, e.g. 1,784; received " + cut(text));
            }
        }
        return shape;
    }

    /** The output's bytes, little-endian (float16 goes out as float32). */
    static byte[] write(Tensor output) {
        DType dtype = wireDtype(output.dtype());
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(output.size() * dtype.byteSize())).order(ByteOrder.LITTLE_ENDIAN);
        switch (dtype) {
            case FLOAT32 -> out.asFloatBuffer().put(output.toFloatArray());
            case FLOAT64 -> out.asDoubleBuffer().put(output.toDoubleArray());
            case INT64 -> out.asLongBuffer().put(output.toLongArray());
            case INT32 -> out.asIntBuffer().put(output.toIntArray());
            default -> {
                long[] v = output.toLongArray();
                for (long x : v) {
                    if (dtype == DType.INT16) {
                        out.putShort((short) x);
                    } else {
                        out.put((byte) x);
                    }
                }
            }
        }
        return out.array();
    }

    static DType wireDtype(DType dtype) {
        return dtype == DType.FLOAT16 ? DType.FLOAT32 : dtype;
    }

    static String shapeHeader(long[] shape) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            s.append(i > 0 ? "," : "").append(shape[i]);
        }
        return s.toString();
    }

    private static String cut(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    /** A shape in messages: (1, 784). */
    private static String describe(long[] shape) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            s.append(i > 0 ? ", " : "").append(shape[i]);
        }
        return s.append(shape.length == 1 ? ",)" : ")").toString();
    }
}
