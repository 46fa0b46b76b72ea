package jkeras.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JVM exits even when its last act queued work for the Python thread. */
class RuntimeExitTest {
    @Test
    void jvmExitsWhilePythonIsBusyAndHasReleasesQueued(@TempDir Path dir) throws Exception {
        Path output = dir.resolve("out.txt");
        Process child = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "-Djkeras.python=" + System.getProperty("jkeras.python"), // the test helpers live there, not in the jar
                "-cp", System.getProperty("java.class.path"),
                ExitWhileReleasing.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean exited = child.waitFor(120, TimeUnit.SECONDS);
        if (!exited) {
            child.destroyForcibly();
        }
        String text = Files.readString(output);
        assertTrue(exited, "the JVM hung at exit:\n" + text);
        assertEquals(0, child.exitValue(), text);
        assertTrue(text.contains("main done"), text);
    }
}
