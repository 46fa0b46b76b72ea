package jkeras.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import jkeras.runtime.KerasEnvironment;
import jkeras.runtime.PythonException;
import jkeras.runtime.PyTuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded runtime against the real Python environment made by scripts/install_keras. */
class PythonRuntimeTest {
    private final PythonRuntime python = PythonRuntime.get();

    @Test
    void kerasImportsAndReportsItsVersion() {
        Map<String, Object> versions = python.versions();
        assertTrue(String.valueOf(versions.get("keras")).startsWith("3."), "Keras 3 expected: " + versions);
        assertEquals(python.backend(), versions.get("backend"));
        assertEquals(KerasEnvironment.jarJepVersion(), versions.get("jep"));
        assertEquals(Boolean.TRUE, versions.get("jep_numpy_enabled"));
    }

    @Test
    void pythonErrorBecomesJavaExceptionWithTraceback() {
        PythonException e = assertThrows(PythonException.class,
                () -> python.call("jkeras.selftest:raise_error", "ValueError", "bad units: -3"));
        assertEquals("ValueError", e.pythonType());
        assertEquals("bad units: -3", e.pythonMessage());
        assertTrue(e.isInstanceOf("Exception"));
        assertFalse(e.isInstanceOf("KeyError"));
        assertTrue(e.pythonTraceback().startsWith("Traceback (most recent call last):"), e.pythonTraceback());
        assertTrue(e.pythonTraceback().contains("raise_error"), e.pythonTraceback());
        assertTrue(e.getCause().getMessage().contains("ValueError: bad units: -3"));
        // The Java stack points at the caller, not at the Python thread's loop.
        List<String> frames = java.util.Arrays.stream(e.getStackTrace()).map(f -> f.getClassName() + "." + f.getMethodName()).toList();
        assertTrue(frames.stream().anyMatch(f -> f.startsWith(PythonRuntimeTest.class.getName())), frames.toString());
        assertFalse(frames.stream().anyMatch(f -> f.endsWith(".serve")), frames.toString());
    }

    @Test
    void systemExitLeavesTheJvmAlive() {
        PythonException e = assertThrows(PythonException.class, () -> python.call("jkeras.selftest:exit_python", 3));
        assertEquals("SystemExit", e.pythonType());
        assertTrue(e.pythonMessage().contains("SystemExit(3)"), e.pythonMessage());
        // Still alive and answering.
        assertEquals(List.of("int", 42L), python.call("jkeras.selftest:echo", 42));
    }

    @Test
    void onlyFunctionsOfTheJkerasPackageCanBeCalled() {
        PythonException notOurs = assertThrows(PythonException.class, () -> python.call("os:system", "true"));
        assertEquals("ValueError", notOurs.pythonType());
        PythonException privateOne = assertThrows(PythonException.class, () -> python.call("jkeras.bridge:_functions"));
        assertEquals("ValueError", privateOne.pythonType());
    }

    @Test
    void hostileStringsAreDataNeverCode(@TempDir Path dir) {
        Path marker = dir.resolve("pwned");
        String hostile = "'); __import__('os').system('touch " + marker + "') #\n\"\"\"\n"
                + "__import__('os').system(\"touch " + marker + "\")\n\\x00 ' \" ; exec('1/0')";
        Object echoed = python.call("jkeras.selftest:echo", hostile);
        assertEquals(List.of("str", hostile), echoed);
        // The same string as a keyword argument and inside a list.
        Object inList = python.callWithKeywords("jkeras.selftest:echo", null, Map.of("value", List.of(hostile)));
        assertEquals(List.of("list", List.of(hostile)), inList);
        assertFalse(Files.exists(marker), "a string passed to Python ran as code");
    }

    @Test
    void valuesConvertBothWays() {
        assertEquals(List.of("float", 2.5), python.call("jkeras.selftest:echo", 2.5));
        assertEquals(List.of("bool", true), python.call("jkeras.selftest:echo", true));
        assertEquals(java.util.Arrays.asList("NoneType", null), python.call("jkeras.selftest:echo", (Object) null));
        assertEquals(List.of("tuple", List.of(3L, 3L)), python.call("jkeras.selftest:echo", PyTuple.ofInts(3, 3)));
        assertEquals(List.of("tuple", List.of(28L, 28L, 1L)), python.call("jkeras.selftest:echo", (Object) new int[] {28, 28, 1}));
        assertEquals(List.of("dict", Map.of("a", List.of(1L, "x"))), python.call("jkeras.selftest:echo", Map.of("a", List.of(1, "x"))));
    }

    @Test
    void eightThreadsCallingAtOnceAllGetTheirOwnAnswers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> jobs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                final int thread = t;
                jobs.add(() -> {
                    for (int i = 0; i < 200; i++) {
                        String payload = "thread " + thread + " call " + i;
                        Object answer = python.call("jkeras.selftest:echo", payload);
                        if (!List.of("str", payload).equals(answer)) {
                            return false;
                        }
                    }
                    return python.call("jkeras.selftest:thread_ident").equals(python.call("jkeras.selftest:thread_ident"));
                });
            }
            for (Future<Boolean> result : pool.invokeAll(jobs)) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void javaCalledFromPythonMayCallPythonAgainWithoutDeadlock() {
        Function<Object, Object> callback = value -> {
            assertTrue(python.isPythonThread());
            return python.call("jkeras.selftest:echo", "inner " + value);
        };
        Object result = python.call("jkeras.selftest:call_back", callback, "x");
        assertEquals(List.of("str", "inner x"), result);
    }

    @Test
    void pythonOutputReachesJavaStreamsAsItIsPrinted() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
        ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(capturedOut, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
            python.call("jkeras.selftest:print_lines", "line", 3);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertEquals("line 0\nline 1\nline 2\n", capturedOut.toString(StandardCharsets.UTF_8));
        assertEquals("line on stderr\n", capturedErr.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anotherBackendAfterStartIsAClearError() {
        String other = python.backend().equals("jax") ? "torch" : "jax";
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PythonRuntime.useBackend(other));
        assertTrue(e.getMessage().contains("cannot switch to " + other), e.getMessage());
        PythonRuntime.useBackend(python.backend()); // the same one is fine
    }

    @Test
    void everyCallRunsOnTheOnePythonThread() throws Exception {
        Object here = python.call("jkeras.selftest:thread_ident");
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (Future<Object> there : pool.invokeAll(List.<Callable<Object>>of(
                    () -> python.call("jkeras.selftest:thread_ident"),
                    () -> python.call("jkeras.selftest:thread_ident"),
                    () -> python.call("jkeras.selftest:thread_ident")))) {
                assertEquals(here, there.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertFalse(python.isPythonThread());
    }
}
