package jkeras.runs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import jkeras.internal.PythonRuntime;
import jkeras.training.TrainingInterruptedException;

/**
 * Tracked runs, as R's tfruns keeps them: {@link #trainingRun} records a run into
 * {@code runs/<start time>/}, {@link #lsRuns} lists them, {@link #compareRuns} writes a page with
 * two side by side. Reached through {@code jkeras.Keras}: {@code trainingRun(...)}, {@code lsRuns()},
 * {@code compareRuns(a, b)}.
 */
public final class Runs {
    /** Where runs go unless told otherwise: {@code runs/} in the working directory, as in tfruns. */
    public static final Path DEFAULT_DIR = Path.of("runs");
    static final String RUN_JSON = "run.json";
    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'").withZone(ZoneOffset.UTC);

    private Runs() {}

    /**
     * Runs {@code body} as a tracked run in a new folder of {@code runsDir}, named after its start
     * time: records the flags, then what the body's {@code run.fit} and {@code run.evaluate} do,
     * then the wall and CPU time, the status (completed, failed, interrupted) and the versions of
     * jkeras, Keras, its backend, Python and Java. The folder is made and written before the body
     * starts: a folder that cannot be written fails at once, before any training. An exception of
     * the body is recorded, then thrown on (checked ones wrapped).
     */
    public static RunRecord trainingRun(Path runsDir, Map<String, ?> flags, RunBody body) {
        RunFlags runFlags = new RunFlags(flags);
        Instant started = Instant.now();
        Path dir = newRunDir(runsDir, started);
        String id = dir.getFileName().toString();
        TrainingRun run = new TrainingRun(id, dir, runFlags);
        run.write(TrainingRun.FLAGS, TrainingRun.GSON.toJson(runFlags.asMap()));
        run.write(RUN_JSON, TrainingRun.GSON.toJson(meta(id, started, null, 0, Double.NaN, "running", null)));

        long wallStart = System.nanoTime();
        double cpuStart = processCpuSeconds();
        String status = "completed";
        String error = null;
        try {
            body.run(run);
        } catch (TrainingInterruptedException e) {
            status = "interrupted";
            error = e.getMessage();
            throw e;
        } catch (RuntimeException | Error e) {
            status = "failed";
            error = e.toString();
            throw e;
        } catch (Exception e) {
            status = "failed";
            error = e.toString();
            throw new RuntimeException("run " + id + " failed: " + e, e);
        } finally {
            double wall = (System.nanoTime() - wallStart) / 1e9;
            double cpu = processCpuSeconds() - cpuStart;
            run.write(RUN_JSON, TrainingRun.GSON.toJson(meta(id, started, Instant.now(), wall, cpu, status, error)));
        }
        return RunRecord.read(dir);
    }

    /** The runs recorded in {@code runsDir}, newest first (none if it does not exist). */
    public static RunList lsRuns(Path runsDir) {
        if (!Files.isDirectory(runsDir)) {
            return new RunList(List.of());
        }
        List<RunRecord> runs = new ArrayList<>();
        try (Stream<Path> entries = Files.list(runsDir)) {
            for (Path dir : entries.filter(d -> Files.isRegularFile(d.resolve(RUN_JSON))).toList()) {
                runs.add(RunRecord.read(dir));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the runs in " + runsDir, e);
        }
        return new RunList(runs).newestFirst();
    }

    /**
     * Writes a page comparing two runs side by side: which flags differ, their final metrics and
     * evaluations, and both histories on the same charts. The page is one self-contained HTML file
     * (charts included) next to the runs; returns its path, which it also prints.
     */
    public static Path compareRuns(RunRecord a, RunRecord b) {
        Path page = a.dir().toAbsolutePath().getParent().resolve("compare-" + a.id() + "-vs-" + b.id() + ".html");
        try {
            ComparePage.write(a, b, page);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the comparison page " + page, e);
        }
        System.out.println("jkeras: runs " + a.id() + " and " + b.id() + " compared in " + page.toUri());
        return page;
    }

    /** A new folder in {@code runsDir} named after the start time ({@code -2}, {@code -3}… when taken). */
    private static Path newRunDir(Path runsDir, Instant started) {
        try {
            Files.createDirectories(runsDir);
        } catch (IOException e) {
            throw unwritable(runsDir, e);
        }
        String base = ID.format(started);
        for (int n = 1; ; n++) {
            Path dir = runsDir.resolve(n == 1 ? base : base + "-" + n);
            try {
                return Files.createDirectory(dir);
            } catch (FileAlreadyExistsException taken) {
                // a run started in the same second: next suffix
            } catch (IOException e) {
                throw unwritable(runsDir, e);
            }
        }
    }

    private static IllegalArgumentException unwritable(Path runsDir, IOException e) {
        return new IllegalArgumentException("runsDir=" + runsDir.toAbsolutePath() + " is not a folder runs can be written to ("
                + e.getClass().getSimpleName() + ": " + e.getMessage() + "); nothing was trained", e);
    }

    private static Map<String, Object> meta(String id, Instant started, Instant ended, double wall, double cpu,
                                            String status, String error) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("id", id);
        meta.put("status", status);
        meta.put("error", error);
        meta.put("started", started.toString());
        meta.put("ended", ended == null ? null : ended.toString());
        meta.put("wall_seconds", ended == null ? null : round(wall));
        meta.put("cpu_seconds", ended == null || Double.isNaN(cpu) ? null : round(cpu));
        meta.put("versions", versions());
        return meta;
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }

    /** jkeras' own versions, and Python's side once it has started. */
    private static Map<String, Object> versions() {
        Map<String, Object> v = new LinkedHashMap<>();
        Properties built = new Properties();
        try (InputStream in = Runs.class.getResourceAsStream("versions.properties")) {
            if (in != null) {
                built.load(in);
            }
        } catch (IOException ignored) {
            // versions are informative: a missing resource leaves them out
        }
        built.stringPropertyNames().stream().sorted().forEach(name -> v.put(name, built.getProperty(name)));
        v.put("java", System.getProperty("java.version"));
        if (PythonRuntime.isStarted()) {
            v.putAll(PythonRuntime.get().versions());
        }
        return v;
    }

    /** CPU time of the whole process (the Python thread trains): NaN where the JVM cannot tell. */
    private static double processCpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long nanos = os.getProcessCpuTime();
            return nanos < 0 ? Double.NaN : nanos / 1e9;
        }
        return Double.NaN;
    }
}
