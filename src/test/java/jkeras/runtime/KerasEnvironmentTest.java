package jkeras.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A missing or mismatched environment gives the documented message, never a JNI crash. */
class KerasEnvironmentTest {
    @TempDir
    Path dir;

    @AfterEach
    void clearProperty() {
        System.clearProperty("jkeras.env");
    }

    @Test
    void missingEnvironmentSaysHowToMakeOne() {
        System.setProperty("jkeras.env", dir.resolve("nowhere").toString());
        KerasSetupException e = assertThrows(KerasSetupException.class, KerasEnvironment::locate);
        assertTrue(e.getMessage().contains("No jkeras Python environment"), e.getMessage());
        assertTrue(e.getMessage().contains("scripts/install_keras"), e.getMessage());
    }

    @Test
    void nativeJepOfAnotherVersionIsRefusedBeforeLoading() throws Exception {
        KerasEnvironment real = KerasEnvironment.locate();
        Path fakeJep = Files.createDirectories(dir.resolve("site-packages/jep"));
        Files.copy(Path.of(real.libjep()), fakeJep.resolve("libjep.so"));
        Files.writeString(fakeJep.resolve("version.py"), "__VERSION__ = '9.9.9'\n");
        writeEnv(real.pythonExecutable(), real.libpython(), fakeJep.resolve("libjep.so").toString());
        System.setProperty("jkeras.env", dir.toString());

        KerasSetupException e = assertThrows(KerasSetupException.class, KerasEnvironment::locate);
        assertTrue(e.getMessage().contains("Jep version mismatch"), e.getMessage());
        assertTrue(e.getMessage().contains("9.9.9") && e.getMessage().contains(KerasEnvironment.jarJepVersion()), e.getMessage());
        assertTrue(e.getMessage().contains("scripts/install_keras"), e.getMessage());
    }

    @Test
    void brokenEnvironmentNamesTheMissingFile() throws Exception {
        KerasEnvironment real = KerasEnvironment.locate();
        writeEnv(real.pythonExecutable(), dir.resolve("gone/libpython3.so").toString(), real.libjep());
        System.setProperty("jkeras.env", dir.resolve(KerasEnvironment.FILE_NAME).toString());
        KerasSetupException e = assertThrows(KerasSetupException.class, KerasEnvironment::locate);
        assertTrue(e.getMessage().contains("gone/libpython3.so") && e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void unreadableDescriptionSaysToRewriteIt() throws Exception {
        Files.writeString(dir.resolve(KerasEnvironment.FILE_NAME), "{ not json");
        System.setProperty("jkeras.env", dir.toString());
        KerasSetupException e = assertThrows(KerasSetupException.class, KerasEnvironment::locate);
        assertTrue(e.getMessage().contains("Run scripts/install_keras again"), e.getMessage());
    }

    /** A fresh JVM pointed at no environment exits with the message, and without a crash report. */
    @Test
    void aJvmWithoutEnvironmentExitsWithTheMessageNotACrash() throws Exception {
        Report working = runEnvironmentReport(null, true);
        assertEquals(0, working.exitCode(), working.output()); // the real env works from a fresh JVM

        Report broken = runEnvironmentReport(dir.resolve("missing").toString(), true);
        assertEquals(1, broken.exitCode(), broken.output());
        assertTrue(broken.output().contains("No jkeras Python environment"), broken.output());
        assertFalse(hasCrashReport(dir), "the JVM crashed");
    }

    /** Without --add-opens, one short message that quotes the flag, before Python or Arrow start. */
    @Test
    void aJvmWithoutTheAddOpensFlagGetsOneShortMessageQuotingIt() throws Exception {
        Report report = runEnvironmentReport(null, false);
        assertEquals(1, report.exitCode(), report.output());
        assertTrue(report.output().contains(JvmRequirements.ADD_OPENS), report.output());
        assertTrue(report.output().contains("MAVEN_OPTS") && report.output().contains("JShell: -R"), report.output());
        assertFalse(report.output().contains("ExceptionInInitializerError"), report.output());
        assertTrue(report.output().strip().lines().count() <= 3, "not one short message:\n" + report.output());
        assertFalse(hasCrashReport(dir), "the JVM crashed");
    }

    private record Report(int exitCode, String output) {}

    private Report runEnvironmentReport(String jkerasEnv, boolean addOpens) throws Exception {
        Path output = Files.createTempFile(dir, "report", ".txt");
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (addOpens) {
            command.add(JvmRequirements.ADD_OPENS);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), EnvironmentReport.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        if (jkerasEnv != null) {
            builder.environment().put("JKERAS_ENV", jkerasEnv);
        }
        Process child = builder.start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child JVM did not finish");
        return new Report(child.exitValue(), Files.readString(output));
    }

    private static boolean hasCrashReport(Path folder) throws Exception {
        try (var files = Files.list(folder)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith("hs_err"));
        }
    }

    private void writeEnv(String python, String libpython, String libjep) throws Exception {
        String json = String.join("\n", "{",
                "  \"python_executable\": " + quote(python) + ",",
                "  \"libpython\": " + quote(libpython) + ",",
                "  \"libjep\": " + quote(libjep) + ",",
                "  \"jep_version\": \"9.9.9\",",
                "  \"backend\": \"tensorflow\"",
                "}");
        Files.writeString(dir.resolve(KerasEnvironment.FILE_NAME), json, StandardCharsets.UTF_8);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
