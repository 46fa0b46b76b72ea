package jkeras.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 10, item 2, in child JVMs: every way of ending the JVM ends it, within 10 s, with the status
 * the JVM gives, while a fit runs: with the Python thread in Keras' batches, and with it inside a
 * Java callback. Before the fix, {@code Runtime.halt} during fit hung the process forever (h5py's C
 * exit handler waiting for the GIL held by the parked Python thread).
 */
class ExitDuringFitTest {
    private static final long LIMIT_SECONDS = 10;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} while the Python thread is in {1}: status {2}")
    @CsvSource({
        "exit, fit, 3", "exit, callback, 3",
        "halt, fit, 4", "halt, callback, 4",
        "uncaught, fit, 1", "uncaught, callback, 1",
        "INT, fit, 130", "INT, callback, 130",
        "TERM, fit, 143", "TERM, callback, 143",
    })
    void theJvmEndsWithItsStatus(String how, String during, int expectedStatus) throws Exception {
        boolean signal = how.equals("INT") || how.equals("TERM");
        try (ChildJvm child = ChildJvm.start(dir, ExitDuringFit.class, Map.of(), signal ? "signal" : how, during)) {
            ChildJvm.Line ready = child.awaitLine("READY", 180);
            assertNotNull(ready, "the fit never started:\n" + child.output());
            long from;
            if (signal) {
                assertFalse(ChildJvm.signalIgnored(Long.toString(child.pid()), 2), "the child ignores SIGINT: the test would prove nothing");
                from = System.nanoTime();
                child.signal(how);
            } else {
                ChildJvm.Line trigger = child.awaitLine("TRIGGER", 30);
                assertNotNull(trigger, child.output());
                from = trigger.nanos();
            }
            Integer status = child.awaitExit(LIMIT_SECONDS + 20);
            assertNotNull(status, "the JVM did not end (" + how + " during " + during + "):\n" + child.output());
            double seconds = (child.exitNanos() - from) / 1e9;
            System.out.printf("ExitDuringFitTest: %s during %s ended in %.2f s with status %d%n", how, during, seconds, status);
            assertEquals(List.of(), child.crashReports(), child.output());
            assertEquals(expectedStatus, status, child.output());
            assertTrue(seconds < LIMIT_SECONDS, String.format("ended after %.1f s, over %d s:%n%s", seconds, LIMIT_SECONDS, child.output()));
            assertTrue(TimeUnit.SECONDS.toNanos(LIMIT_SECONDS) > child.exitNanos() - from);
        }
    }
}
