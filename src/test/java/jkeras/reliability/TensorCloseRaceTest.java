package jkeras.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, item 1, repeated in child JVMs: tensors (made in Java, and over NumPy's memory) closed
 * while other threads bulk-read them, view them and hand them to Keras. Before the fix 7 runs in 22
 * crashed with SIGSEGV. Here: {@code -Djkeras.reliability.raceJvms} JVMs (3) of
 * {@code -Djkeras.reliability.raceRounds} rounds (10) of two races each, at least 60 races, and
 * 0 crashes: every JVM exits 0, prints its summary, and leaves no crash report.
 */
class TensorCloseRaceTest {
    private static final int JVMS = Integer.getInteger("jkeras.reliability.raceJvms", 3);
    private static final int ROUNDS = Integer.getInteger("jkeras.reliability.raceRounds", 10);

    @Test
    void closingWhileOtherThreadsReadNeverCrashes(@TempDir Path dir) throws Exception {
        int races = 0;
        for (int jvm = 0; jvm < JVMS; jvm++) {
            try (ChildJvm child = ChildJvm.start(dir, TensorCloseRace.class, Map.of(), Integer.toString(ROUNDS))) {
                Integer status = child.awaitExit(300);
                String output = child.output();
                assertNotNull(status, "the race program hung:\n" + output);
                assertEquals(List.of(), child.crashReports(), "the JVM crashed (crash reports written):\n" + output);
                assertEquals(0, status, "exit status " + status + ":\n" + output);
                ChildJvm.Line done = child.awaitLine("DONE", 1);
                assertNotNull(done, output);
                assertTrue(done.text().contains("races=" + 2 * ROUNDS), done.text());
                assertTrue(done.text().contains("javaBytesLeft=0"), "memory left allocated after the races: " + done.text());
                races += 2 * ROUNDS;
            }
        }
        assertTrue(races >= 2 * JVMS * ROUNDS);
        System.out.println("TensorCloseRaceTest: " + races + " races in " + JVMS + " JVMs, 0 crashes");
    }
}
