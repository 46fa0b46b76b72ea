package jkeras.reliability;

import static jkeras.Keras.*;
import static jkeras.reliability.Catalogue.accepted;
import static jkeras.reliability.Catalogue.expect;
import static jkeras.reliability.Catalogue.refused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import jkeras.internal.PythonRuntime;
import jkeras.models.Model;
import jkeras.models.Sequential;
import jkeras.runtime.PythonException;
import jkeras.tensor.DType;
import jkeras.tensor.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input catalogue, saving and loading: files and bytes that are not models, paths that
 * cannot be written. Keras says "File not found" for a .keras file that exists but is truncated or
 * random, and KeyError for a zip without config.json; jkeras says what is wrong with the file.
 */
class SavingCatalogueTest {
    @TempDir
    static Path dir;
    private static Sequential model; // 4 -> 3, compiled
    private static byte[] saved;     // the model as a .keras file

    @BeforeAll
    static void build() throws Exception {
        model = kerasModelSequential(s -> s.inputShape(4)).layerDense(3, d -> d.activation("softmax"));
        model.compile("adam", "categorical_crossentropy");
        saved = Files.readAllBytes(model.saveModel(dir.resolve("good.keras")));
    }

    @AfterAll
    static void release() {
        model.close();
    }

    private static Path file(String name, byte[] content) throws Exception {
        return Files.write(dir.resolve(name), content);
    }

    private static byte[] zipWithout(String entry) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(1);
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    @TestFactory
    List<DynamicTest> saving() {
        return List.of(
                refused("saveModel(null)", IllegalArgumentException.class, () -> model.saveModel(null), "path", "received null"),
                // Keras: "FileNotFoundError: [Errno 2] No such file or directory: '.../no/such/m.keras'".
                refused("saveModel into a folder that does not exist", PythonException.class,
                        () -> model.saveModel(dir.resolve("no/such/m.keras")), "the folder", "no/such does not exist",
                        "saveModel(path, true) creates it"),
                accepted("saveModel(path, true) makes the missing folders", () ->
                        assertTrue(Files.isRegularFile(model.saveModel(dir.resolve("made/here/m.keras"), true)))),
                refused("saveModel to a .h5 file", PythonException.class, () -> model.saveModel(dir.resolve("m.h5")),
                        "saved as a .keras file", "m.h5"),
                refused("saveModel over a folder named like a model", PythonException.class, () -> {
                    Files.createDirectories(dir.resolve("folder.keras"));
                    model.saveModel(dir.resolve("folder.keras"));
                }, "folder.keras", "it is a folder"),
                accepted("saveModel gives the file the permissions of any new file (the umask), as Keras does", () -> {
                    Path saved = model.saveModel(dir.resolve("permissions.keras"));
                    Path plain = Files.createFile(dir.resolve("plain-new-file"));
                    assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(saved));
                }),
                accepted("saveModel over an older file: replaced whole, no temporary left", () -> {
                    Path target = file("replaced.keras", "previous version".getBytes());
                    model.saveModel(target);
                    try (Model loaded = loadModel(target)) {
                        assertEquals(1, loaded.layers().size());
                    }
                    assertEquals(List.of(), temporariesOf("replaced.keras"));
                }),
                accepted("a temporary left by a save that was killed (its process gone) is removed by the next save", () -> {
                    Path stale = file(".stale.keras.jkeras-999999999-x1y2.keras", new byte[1000]);
                    Path live = file(".stale.keras.jkeras-1-a3b4.keras", new byte[10]); // pid 1 is alive
                    model.saveModel(dir.resolve("stale.keras"));
                    assertFalse(Files.exists(stale), "the dead process' temporary was kept");
                    assertTrue(Files.exists(live), "a running process' temporary was removed");
                }),
                refused("saveModelWeights(null)", IllegalArgumentException.class, () -> model.saveModelWeights(null), "received null"),
                refused("saveModelWeights to a name Keras will not write", PythonException.class,
                        () -> model.saveModelWeights(dir.resolve("w.h5")), ".weights.h5", "w.h5"),
                refused("saveModelWeights into a folder that does not exist", PythonException.class,
                        () -> model.saveModelWeights(dir.resolve("nowhere/w.weights.h5")), "nowhere does not exist"));
    }

    private static List<String> temporariesOf(String name) throws Exception {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("." + name + ".jkeras-")).toList();
        }
    }

    @TestFactory
    List<DynamicTest> loadingFiles() {
        return List.of(
                refused("loadModel(null)", IllegalArgumentException.class, () -> loadModel(null), "loadModel(path)", "received null"),
                // Keras: "File not found: filepath=.../missing.keras" (and the same for the next four).
                refused("loadModel of a file that does not exist", PythonException.class, () -> loadModel(dir.resolve("missing.keras")),
                        "loadModel(path): no such file", "missing.keras"),
                refused("loadModel of a truncated .keras file", PythonException.class,
                        () -> loadModel(file("truncated.keras", Arrays.copyOf(saved, saved.length / 2))),
                        "truncated.keras is not a valid .keras file", "not a zip archive"),
                refused("loadModel of random bytes", PythonException.class,
                        () -> loadModel(file("random.keras", new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9})),
                        "random.keras is not a valid .keras file"),
                refused("loadModel of an empty file", PythonException.class, () -> loadModel(file("empty.keras", new byte[0])),
                        "empty.keras is not a valid .keras file"),
                // Keras: "KeyError: \"There is no item named 'config.json' in the archive\"".
                refused("loadModel of a zip that is not a model", PythonException.class,
                        () -> loadModel(file("other.keras", zipWithout("notes.txt"))), "other.keras is not a valid .keras file",
                        "no config.json", "notes.txt"),
                refused("loadModel of a folder", PythonException.class, () -> loadModel(dir), "is a folder"),
                refused("loadModel of a weights file", PythonException.class,
                        () -> loadModel(model.saveModelWeights(dir.resolve("only.weights.h5"))), "No model config found"),
                refused("loadModel of a file of another format", PythonException.class,
                        () -> loadModel(file("model.pickle", new byte[] {1})), "File format not supported", "model.pickle"),
                refused("loadModel of a model with a Python lambda: refused in safe mode", PythonException.class, () -> {
                    try (Model lambda = Model.wrap(PythonRuntime.get().call("jkeras.testing.reference_models:with_python_lambda"))) {
                        loadModel(lambda.saveModel(dir.resolve("lambda.keras")));
                    }
                }, "safe_mode"),
                refused("loadModelWeights(null)", IllegalArgumentException.class, () -> model.loadModelWeights(null), "received null"),
                refused("loadModelWeights of a file that does not exist", PythonException.class,
                        () -> model.loadModelWeights(dir.resolve("none.weights.h5")), "loadModelWeights(path): no such file"),
                refused("loadModelWeights of another architecture's weights", PythonException.class, () -> {
                    Path weights = model.saveModelWeights(dir.resolve("three.weights.h5"));
                    try (Sequential five = kerasModelSequential(s -> s.inputShape(4)).layerDense(5)) {
                        five.loadModelWeights(weights);
                    }
                }, "could not be loaded", "(4, 5)", "(4, 3)"));
    }

    @TestFactory
    List<DynamicTest> loadingBytes() {
        String tmp = System.getProperty("java.io.tmpdir");
        return List.of(
                refused("modelFromBytes(null)", IllegalArgumentException.class, () -> modelFromBytes(null),
                        "modelFromBytes(keras)", "received null"),
                refused("modelFromBytes of junk: no temporary path named", PythonException.class, () -> {
                    PythonException e = expect(PythonException.class, () -> modelFromBytes(new byte[] {1, 2, 3}));
                    assertFalse(e.getMessage().contains(tmp), e.getMessage());
                    throw e;
                }, "modelFromBytes(keras): the 3 bytes are not a .keras file"),
                refused("modelFromBytes of a truncated model", PythonException.class,
                        () -> modelFromBytes(Arrays.copyOf(saved, saved.length - 100)), "bytes are not a .keras file"),
                refused("modelFromBytes of nothing", PythonException.class, () -> modelFromBytes(new byte[0]),
                        "the 0 bytes are not a .keras file"),
                refused("modelFromBytes of a zip that is not a model", PythonException.class,
                        () -> modelFromBytes(zipWithout("x.txt")), "not a .keras file", "no config.json"),
                refused("modelFromBytes of a model with a Python lambda: safe mode, no temporary path named", PythonException.class, () -> {
                    byte[] lambda;
                    try (Model model = Model.wrap(PythonRuntime.get().call("jkeras.testing.reference_models:with_python_lambda"))) {
                        lambda = model.toBytes();
                    }
                    PythonException e = expect(PythonException.class, () -> modelFromBytes(lambda));
                    assertFalse(e.getMessage().contains(tmp), e.getMessage());
                    throw e;
                }, "modelFromBytes(keras)", "safe_mode"),
                accepted("toBytes then modelFromBytes: the same predictions", () -> {
                    try (Model copy = modelFromBytes(model.toBytes());
                         Tensor x = Tensor.ones(DType.FLOAT32, 2, 4);
                         Tensor a = model.predict(x);
                         Tensor b = copy.predict(x)) {
                        assertArrayEquals(a.toFloatArray(), b.toFloatArray());
                    }
                }));
    }
}
