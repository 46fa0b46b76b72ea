package jkeras.serving.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import jkeras.serving.ModelSignature;
import jkeras.serving.TensorSpec;
import jkeras.tensor.DType;
import jkeras.tensor.Tensor;

/**
 * Prediction requests and answers in JSON, in TensorFlow Serving's two REST forms:
 * <ul>
 * <li>rows: {@code {"instances": [row, row, ...]}}, a row being a nest of numbers of the input's
 * row shape, or for a model of several inputs an object {@code {"a": ..., "b": ...}}; answered
 * {@code {"predictions": [...]}}, one row per instance (an object by output name for several
 * outputs);</li>
 * <li>columns: {@code {"inputs": batch}} or {@code {"inputs": {"a": batch, "b": batch}}}, each batch
 * with its first axis; answered {@code {"outputs": batch}} or {@code {"outputs": {"name": batch}}}.</li>
 * </ul>
 * Numbers only (a NaN in an answer is written as {@code null}): anything else is a 400 naming where.
 */
final class JsonBodies {
    private JsonBodies() {}

    /** A parsed request: one tensor per model input, and which form it came in. */
    record Request(List<Tensor> inputs, boolean rows) {}

    static Request parse(byte[] body, ModelSignature signature) {
        List<TensorSpec> specs = signature.inputs();
        NumberArray[] arrays = new NumberArray[specs.size()];
        for (int i = 0; i < arrays.length; i++) {
            arrays[i] = new NumberArray();
        }
        JsonScanner in = new JsonScanner(body);
        if (in.peek() != JsonScanner.Kind.OBJECT) {
            throw HttpError.badRequest("expected a JSON object with \"instances\" or \"inputs\"; received "
                    + NumberArray.describeToken(in, in.peek()));
        }
        in.beginObject();
        Boolean form = null;
        boolean first = true;
        while (in.hasNext('}', first)) {
            first = false;
            String name = in.nextName();
            if (!name.equals("instances") && !name.equals("inputs")) {
                throw HttpError.badRequest("unknown field \"" + cut(name) + "\": expected \"instances\" or \"inputs\"");
            }
            if (form != null) {
                throw HttpError.badRequest("give either \"instances\" or \"inputs\", once");
            }
            form = name.equals("instances");
            if (form) {
                readInstances(in, specs, arrays);
            } else {
                readInputs(in, specs, arrays);
            }
        }
        in.end();
        if (form == null) {
            throw HttpError.badRequest("expected \"instances\" or \"inputs\" in the request object");
        }
        boolean rows = form;
        List<Tensor> inputs = new ArrayList<>(arrays.length);
        try {
            for (int i = 0; i < arrays.length; i++) {
                inputs.add(arrays[i].toTensor(specs.get(i).dtype(), rows, where(specs, i, rows)));
            }
        } catch (RuntimeException e) {
            inputs.forEach(Tensor::close);
            throw e;
        }
        return new Request(inputs, rows);
    }

    private static void readInstances(JsonScanner in, List<TensorSpec> specs, NumberArray[] arrays) {
        if (in.peek() != JsonScanner.Kind.ARRAY) {
            throw HttpError.badRequest("\"instances\" must be an array of rows; received " + NumberArray.describeToken(in, in.peek()));
        }
        in.beginArray();
        int n = 0;
        while (in.hasNext(']', n == 0)) {
            String where = "instances[" + n + "]";
            if (specs.size() == 1 && in.peek() != JsonScanner.Kind.OBJECT) {
                arrays[0].read(in, where);
            } else {
                readNamed(in, specs, arrays, where);
            }
            n++;
        }
        if (n == 0) {
            throw HttpError.badRequest("\"instances\" is empty: send at least one row");
        }
    }

    private static void readInputs(JsonScanner in, List<TensorSpec> specs, NumberArray[] arrays) {
        if (specs.size() == 1 && in.peek() != JsonScanner.Kind.OBJECT) {
            arrays[0].read(in, "inputs");
        } else {
            readNamed(in, specs, arrays, "inputs");
        }
    }

    /** {"a": value, "b": value}: every input once, no other name. */
    private static void readNamed(JsonScanner in, List<TensorSpec> specs, NumberArray[] arrays, String where) {
        if (in.peek() != JsonScanner.Kind.OBJECT) {
            throw HttpError.badRequest(where + ": the model has inputs " + names(specs) + ": expected an object naming each; received "
                    + NumberArray.describeToken(in, in.peek()));
        }
        boolean[] seen = new boolean[specs.size()];
        in.beginObject();
        boolean first = true;
        while (in.hasNext('}', first)) {
            first = false;
            String name = in.nextName();
            int index = indexOf(specs, name);
            if (index < 0) {
                throw HttpError.badRequest(where + ": unknown input \"" + cut(name) + "\"; the model's inputs are " + names(specs));
            }
            if (seen[index]) {
                throw HttpError.badRequest(where + ": input \"" + name + "\" given twice");
            }
            seen[index] = true;
            arrays[index].read(in, where + "." + name);
        }
        for (int i = 0; i < seen.length; i++) {
            if (!seen[i]) {
                throw HttpError.badRequest(where + ": input \"" + specs.get(i).name() + "\" is missing; the model's inputs are " + names(specs));
            }
        }
    }

    // ------------------------------------------------------------------ answers

    static byte[] write(List<Tensor> outputs, ModelSignature signature, boolean rows) {
        List<String> names = outputNames(signature, outputs.size());
        StringBuilder s = new StringBuilder(64 + 16 * totalSize(outputs));
        if (rows) {
            s.append("{\"predictions\":[");
            long n = outputs.get(0).dim(0);
            Flat[] flats = new Flat[outputs.size()];
            for (int k = 0; k < flats.length; k++) {
                flats[k] = new Flat(outputs.get(k));
            }
            for (long r = 0; r < n; r++) {
                s.append(r > 0 ? "," : "");
                if (outputs.size() == 1) {
                    flats[0].writeRow(s, r);
                } else {
                    s.append('{');
                    for (int k = 0; k < flats.length; k++) {
                        s.append(k > 0 ? "," : "").append(quote(names.get(k))).append(':');
                        flats[k].writeRow(s, r);
                    }
                    s.append('}');
                }
            }
            s.append("]}");
        } else {
            s.append("{\"outputs\":");
            if (outputs.size() == 1) {
                new Flat(outputs.get(0)).writeAll(s);
            } else {
                s.append('{');
                for (int k = 0; k < outputs.size(); k++) {
                    s.append(k > 0 ? "," : "").append(quote(names.get(k))).append(':');
                    new Flat(outputs.get(k)).writeAll(s);
                }
                s.append('}');
            }
            s.append('}');
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A tensor's elements as doubles (or exact longs for integers), written as nested arrays. */
    private static final class Flat {
        final long[] shape;
        final double[] reals;
        final long[] integers;
        final boolean float32;

        Flat(Tensor t) {
            shape = t.shape();
            float32 = t.dtype() == DType.FLOAT32;
            if (t.dtype().isFloatingPoint()) {
                if (t.dtype() == DType.FLOAT32) {
                    float[] f = t.toFloatArray();
                    reals = new double[f.length];
                    for (int i = 0; i < f.length; i++) {
                        reals[i] = f[i];
                    }
                } else {
                    reals = t.toDoubleArray();
                }
                integers = null;
            } else {
                integers = t.toLongArray();
                reals = null;
            }
        }

        void writeAll(StringBuilder s) {
            write(s, 0, 0, size(0));
        }

        void writeRow(StringBuilder s, long row) {
            long rowSize = size(1);
            write(s, 1, row * rowSize, rowSize);
        }

        private long size(int fromAxis) {
            long n = 1;
            for (int d = fromAxis; d < shape.length; d++) {
                n *= shape[d];
            }
            return n;
        }

        private void write(StringBuilder s, int axis, long start, long count) {
            if (axis == shape.length) {
                writeNumber(s, (int) start);
                return;
            }
            s.append('[');
            long step = count / Math.max(shape[axis], 1);
            for (long i = 0; i < shape[axis]; i++) {
                s.append(i > 0 ? "," : "");
                write(s, axis + 1, start + i * step, step);
            }
            s.append(']');
        }

        private void writeNumber(StringBuilder s, int i) {
            if (integers != null) {
                s.append(integers[i]);
            } else if (Double.isFinite(reals[i])) {
                // float32 values print in their shortest form that reads back as the same float
                s.append(float32 ? Float.toString((float) reals[i]) : Double.toString(reals[i]));
            } else {
                s.append("null");
            }
        }
    }

    private static int totalSize(List<Tensor> outputs) {
        long n = 0;
        for (Tensor t : outputs) {
            n += t.size();
        }
        return (int) Math.min(n, 1 << 24);
    }

    static List<String> outputNames(ModelSignature signature, int count) {
        List<String> names = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            names.add(k < signature.outputs().size() ? signature.outputs().get(k).name() : "output_" + k);
        }
        return names;
    }

    private static String where(List<TensorSpec> specs, int i, boolean rows) {
        return (rows ? "instances" : "inputs") + (specs.size() == 1 ? "" : "." + specs.get(i).name());
    }

    private static int indexOf(List<TensorSpec> specs, String name) {
        for (int i = 0; i < specs.size(); i++) {
            if (specs.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static String names(List<TensorSpec> specs) {
        return specs.stream().map(TensorSpec::name).toList().toString();
    }

    private static final com.google.gson.Gson GSON = new com.google.gson.Gson();

    static String quote(String s) {
        return GSON.toJson(s);
    }

    private static String cut(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
