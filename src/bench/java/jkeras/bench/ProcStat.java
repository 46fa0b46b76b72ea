package jkeras.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of this process and of its threads, read from /proc exactly as the Python and R drivers
 * read it (bench/drivers/common.py): utime + stime in clock ticks, every thread of the process
 * (Java's, Python's and TensorFlow's alike), for ended threads too in the process total.
 */
final class ProcStat {
    /** Linux' USER_HZ; the orchestrator passes the value Python's os.sysconf reports. */
    static final double TICKS_PER_SECOND = Double.parseDouble(System.getenv().getOrDefault("BENCH_TICKS_PER_SECOND", "100"));

    /** One thread: its name and the CPU ticks it has used. */
    record ThreadTicks(String name, long ticks) {}

    private ProcStat() {}

    /** CPU seconds of the whole process. */
    static double processCpuSeconds() {
        return ticks(read(Path.of("/proc/self/stat"))) / TICKS_PER_SECOND;
    }

    /** The OS id of the calling thread (/proc/thread-self links to PID/task/TID). */
    static long thisThreadId() {
        try {
            return Long.parseLong(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The live threads of this process: id to name and ticks. */
    static Map<Long, ThreadTicks> threadTicks() {
        Map<Long, ThreadTicks> out = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                String line;
                try {
                    line = read(task.resolve("stat"));
                } catch (UncheckedIOException ended) {
                    continue;
                }
                out.put(Long.parseLong(task.getFileName().toString()),
                        new ThreadTicks(line.substring(line.indexOf('(') + 1, line.lastIndexOf(')')), ticks(line)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** CPU seconds per thread group between two snapshots; the thread running fit is its own group. */
    static Map<String, Double> threadCpu(Map<Long, ThreadTicks> before, Map<Long, ThreadTicks> after, long fitThread) {
        Map<String, Double> groups = new TreeMap<>();
        after.forEach((tid, now) -> {
            ThreadTicks then = before.get(tid);
            long used = now.ticks() - (then == null ? 0 : then.ticks());
            if (used != 0) {
                String group = tid == fitThread ? "fit thread" : group(now.name());
                groups.merge(group, used / TICKS_PER_SECOND, Double::sum);
            }
        });
        return groups;
    }

    /** How many live threads of each group. */
    static Map<String, Integer> threadCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        threadTicks().values().forEach(t -> counts.merge(group(t.name()), 1, Integer::sum));
        return counts;
    }

    /**
     * Shared libraries mapped in this process that bring thread pools of their own (OpenMP, BLAS,
     * MKL, oneDNN, TBB), by file name, as common.threading_libraries reads /proc/self/maps.
     */
    static java.util.List<String> threadingLibraries() {
        java.util.Set<String> found = new java.util.TreeSet<>();
        for (String line : read(Path.of("/proc/self/maps")).split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 6) {
                continue;
            }
            String name = fields[fields.length - 1].substring(fields[fields.length - 1].lastIndexOf('/') + 1);
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            if (name.contains(".so") && java.util.stream.Stream.of("omp", "blas", "lapack", "mkl", "dnnl", "tbb").anyMatch(lower::contains)) {
                found.add(name);
            }
        }
        return new java.util.ArrayList<>(found);
    }

    /** A thread's name without its number ("GC Thread#3" to "GC Thread"), as common.thread_group. */
    static String group(String name) {
        String group = name.replaceAll("[0-9]", "").replaceAll("[#_ -]+$", "");
        return group.isEmpty() ? "?" : group;
    }

    /** utime + stime (fields 14 and 15; the name in brackets may hold spaces). */
    static long ticks(String statLine) {
        String[] fields = statLine.substring(statLine.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
