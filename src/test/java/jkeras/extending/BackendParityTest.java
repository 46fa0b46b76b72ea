package jkeras.extending;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The parity checks on Keras' other backends, each in a JVM of its own (one backend per process):
 * the env is {@code -Djkeras.test.env.<backend>}, else {@code ~/.jkeras/venv-<backend>}
 * ({@code scripts/install_keras --backend jax --envdir ~/.jkeras/venv-jax} makes it). Skipped,
 * saying so, when that env does not exist. The test JVM's own backend (tensorflow) runs them in the
 * other test classes.
 */
class BackendParityTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"jax", "torch"})
    void javaCustomObjectsEqualTheirPythonTwinsOn(String backend) throws Exception {
        Path env = Path.of(System.getProperty("jkeras.test.env." + backend,
                Path.of(System.getProperty("user.home"), ".jkeras", "venv-" + backend).toString()));
        assumeTrue(Files.exists(env.resolve("jkeras-env.json")), "skipped: no " + backend + " environment at " + env
                + " (make one with scripts/install_keras --backend " + backend + " --envdir " + env + ")");
        ChildJvm.Result child = ChildJvm.run(ChildJvm.classPath(), List.of("-Djkeras.env=" + env, "-Djkeras.backend=" + backend),
                BackendParityMain.class, List.of("layer", "loss-metric", "train-step", "added-loss", "save-load"), dir);
        assertEquals(0, child.status(), child.output());
        assertTrue(child.output().contains("backend " + backend) && child.output().contains("all checks passed"), child.output());
    }
}
