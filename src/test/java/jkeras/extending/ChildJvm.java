package jkeras.extending;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jkeras.runtime.JvmRequirements;

/** A main class of the tests run in a JVM of its own: a fresh Python, another backend, another class path. */
public final class ChildJvm {
    /** Exit status (-1 when it had to be killed) and everything it printed. */
    public record Result(int status, String output) {}

    private ChildJvm() {}

    public static Result run(String classPath, List<String> properties, Class<?> main, List<String> args, Path workDir) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(JvmRequirements.ADD_OPENS);
        command.add("-Xss4m");
        command.add("-Djkeras.offline=true");
        String python = System.getProperty("jkeras.python");
        if (python != null) {
            command.add("-Djkeras.python=" + python);
        }
        command.addAll(properties);
        command.add("-cp");
        command.add(classPath);
        command.add(main.getName());
        command.addAll(args);
        Path log = Files.createTempFile(workDir, "child", ".log");
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean exited = child.waitFor(300, TimeUnit.SECONDS);
        if (!exited) {
            child.destroyForcibly().waitFor();
        }
        return new Result(exited ? child.exitValue() : -1, Files.readString(log));
    }

    /** This JVM's class path. */
    public static String classPath() {
        return System.getProperty("java.class.path");
    }
}
