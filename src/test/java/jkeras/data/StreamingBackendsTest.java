package jkeras.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jkeras.extending.ChildJvm;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Streaming on each backend, each in a JVM of its own, with a time limit: no deadlock, no crash,
 * the losses of the same arrays in memory. The env is {@code -Djkeras.test.env.<backend>}, else
 * {@code ~/.jkeras/venv-<backend>} (scripts/test makes jax's); skipped, saying so, without it.
 */
class StreamingBackendsTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"tensorflow", "jax", "torch"})
    void streamsWithoutDeadlockOrCrashOn(String backend) throws Exception {
        Path env = Path.of(System.getProperty("jkeras.test.env." + backend, backend.equals("tensorflow")
                ? System.getProperty("jkeras.env", Path.of(System.getProperty("user.home"), ".jkeras", "venv").toString())
                : Path.of(System.getProperty("user.home"), ".jkeras", "venv-" + backend).toString()));
        assumeTrue(Files.exists(env.resolve("jkeras-env.json")), "skipped: no " + backend + " environment at " + env
                + " (make one with scripts/install_keras --backend " + backend + " --envdir " + env + ")");
        ChildJvm.Result child = ChildJvm.run(ChildJvm.classPath(), List.of("-Djkeras.env=" + env, "-Djkeras.backend=" + backend),
                StreamingOnBackendMain.class, List.of(), dir);
        assertEquals(0, child.status(), child.output());
        assertTrue(child.output().contains("backend " + backend) && child.output().contains("all checks passed"), child.output());
        System.out.println(child.output().lines().filter(l -> l.startsWith("ok") || l.startsWith("backend")).toList());
    }
}
