package jkeras.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import jkeras.runtime.JvmRequirements;

/**
 * A JVM started from a test to run one of the small main classes of this package: what can only be
 * seen from outside (a crash, an exit status, a process killed mid-save). It runs with the test
 * JVM's class path and jkeras settings; a crash report (hs_err) goes to the test's folder, where
 * {@link #crashReports()} finds it; no core dump. Each line it prints is kept with the time it
 * arrived, so a test can measure from a line ("TRIGGER") to the process' end.
 */
final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final Path folder;
    private final List<Line> lines = new ArrayList<>();
    private final Thread reader;
    private long exitNanos;

    /** A line the child printed and when (System.nanoTime) it arrived here. */
    record Line(String text, long nanos) {}

    private ChildJvm(Process process, Path folder) {
        this.process = process;
        this.folder = folder;
        this.reader = new Thread(this::readOutput, "child-output-" + process.pid());
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /**
     * Starts {@code main} with {@code args}, with {@code properties} as -D options, writing any
     * crash report into {@code folder}. SIGINT is given its default action in the child: a JVM
     * started by a shell in the background of a script inherits SIGINT ignored (and keeps it
     * ignored), which would make a test of Ctrl-C meaningless; {@code env --default-signal} resets
     * it (where env lacks that option, the SIGINT test says the child ignores SIGINT).
     */
    static ChildJvm start(Path folder, Class<?> main, Map<String, String> properties, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        if (sigintIgnoredHere() && ENV_RESETS_SIGNALS) {
            command.addAll(List.of("env", "--default-signal=INT"));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(JvmRequirements.ADD_OPENS);
        command.add("-Xss4m");
        command.add("-XX:ErrorFile=" + folder.resolve("hs_err_pid%p.log"));
        command.add("-XX:-CreateCoredumpOnCrash");
        Map<String, String> all = new TreeMap<>();
        for (String inherited : List.of("jkeras.python", "jkeras.env", "jkeras.offline", "java.awt.headless")) {
            if (System.getProperty(inherited) != null) {
                all.put(inherited, System.getProperty(inherited));
            }
        }
        all.putAll(properties);
        all.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new ChildJvm(process, folder);
    }

    /** Whether env can reset a signal to its default (coreutils 8.31 and later). */
    private static final boolean ENV_RESETS_SIGNALS = envResetsSignals();

    private static boolean envResetsSignals() {
        try {
            return new ProcessBuilder("env", "--default-signal=INT", "true").start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether this JVM has SIGINT ignored (then so would a child it starts). */
    static boolean sigintIgnoredHere() {
        return signalIgnored("self", 2);
    }

    /** Whether process {@code pid} ("self" for this one) ignores {@code signal}, from /proc. */
    static boolean signalIgnored(String pid, int signal) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
                if (line.startsWith("SigIgn:")) {
                    long mask = Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
                    return (mask & (1L << (signal - 1))) != 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return false; // not Linux: nothing to correct
        }
        return false;
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String text;
            while ((text = in.readLine()) != null) {
                synchronized (lines) {
                    lines.add(new Line(text, System.nanoTime()));
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    long pid() {
        return process.pid();
    }

    /** Waits at most {@code seconds} for a line matching {@code wanted}; null if none came (or the child ended). */
    Line awaitLine(Predicate<String> wanted, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        synchronized (lines) {
            int seen = 0;
            while (true) {
                for (; seen < lines.size(); seen++) {
                    if (wanted.test(lines.get(seen).text())) {
                        return lines.get(seen);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && !reader.isAlive())) {
                    return null;
                }
                lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.min(left, 200_000_000L))));
            }
        }
    }

    Line awaitLine(String prefix, long seconds) throws InterruptedException {
        return awaitLine(text -> text.startsWith(prefix), seconds);
    }

    /** Sends {@code signal} ("INT", "TERM", "KILL") to the child. */
    void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + signal + " " + process.pid() + " failed");
        }
    }

    /** Waits at most {@code seconds} for the child to end; its exit status, or null if it is still running. */
    Integer awaitExit(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            return null;
        }
        if (exitNanos == 0) {
            exitNanos = System.nanoTime();
        }
        reader.join(5_000); // the rest of its output
        return process.exitValue();
    }

    /** When (System.nanoTime) {@link #awaitExit} saw the child end. */
    long exitNanos() {
        return exitNanos;
    }

    /** Everything the child printed so far. */
    String output() {
        synchronized (lines) {
            StringBuilder out = new StringBuilder();
            lines.forEach(l -> out.append(l.text()).append('\n'));
            return out.toString();
        }
    }

    List<Line> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Crash reports (hs_err) any child wrote into the folder. */
    List<Path> crashReports() throws IOException {
        return crashReports(folder);
    }

    static List<Path> crashReports(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().startsWith("hs_err")).sorted().toList();
        }
    }

    /** Kills a child still running (a test that failed half-way). */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
