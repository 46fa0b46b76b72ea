package jkeras.runs;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recorded runs, as {@code lsRuns()} lists them (tfruns' {@code ls_runs}): newest first, or
 * ordered by any column ({@code orderBy("eval_accuracy")}); printed as a table.
 */
public final class RunList extends AbstractList<RunRecord> {
    private final List<RunRecord> runs;

    RunList(List<RunRecord> runs) {
        this.runs = List.copyOf(runs);
    }

    @Override
    public RunRecord get(int index) {
        return runs.get(index);
    }

    @Override
    public int size() {
        return runs.size();
    }

    RunList newestFirst() {
        List<RunRecord> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparing(RunRecord::started).thenComparing(RunRecord::id).reversed());
        return new RunList(sorted);
    }

    /** Ordered by {@code column}, largest first (R's {@code ls_runs(order = ..., decreasing = TRUE)}). */
    public RunList orderBy(String column) {
        return orderBy(column, true);
    }

    /**
     * Ordered by a column ({@code eval_accuracy}, {@code metric_val_loss}, {@code flag_units},
     * {@code wall_seconds}…); runs without it come last. Fails naming the columns if no run has it.
     */
    public RunList orderBy(String column, boolean decreasing) {
        if (!runs.isEmpty() && columns().stream().noneMatch(column::equals)) {
            throw new IllegalArgumentException("column=" + column + " is not a column of these runs; they have " + columns());
        }
        Comparator<Double> byValue = decreasing ? Comparator.reverseOrder() : Comparator.naturalOrder();
        List<RunRecord> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparing((RunRecord r) -> Double.isNaN(r.value(column)))   // missing last
                .thenComparing(r -> r.value(column), byValue));
        return new RunList(sorted);
    }

    /** Every column some run has: flags, epochs, metrics, evaluations, times. */
    public List<String> columns() {
        Set<String> names = new LinkedHashSet<>();
        runs.forEach(r -> names.addAll(r.columns().keySet()));
        List<String> ordered = new ArrayList<>();
        for (String prefix : List.of("flag_", "epochs", "metric_", "eval_", "wall_seconds", "cpu_seconds")) {
            names.stream().filter(n -> n.startsWith(prefix)).forEach(ordered::add);
        }
        return ordered;
    }

    /** A table: one row per run, its id, status and flags, then every column. */
    @Override
    public String toString() {
        if (runs.isEmpty()) {
            return "no runs\n";
        }
        Set<String> flagNames = new LinkedHashSet<>();
        runs.forEach(r -> flagNames.addAll(r.flags().keySet()));
        List<String> numeric = columns().stream().filter(c -> !c.startsWith("flag_")).toList();
        List<String> header = new ArrayList<>(List.of("run", "status"));
        flagNames.forEach(f -> header.add("flag_" + f));
        header.addAll(numeric);
        List<List<String>> rows = new ArrayList<>();
        rows.add(header);
        for (RunRecord run : runs) {
            List<String> row = new ArrayList<>(List.of(run.id(), run.status()));
            flagNames.forEach(f -> row.add(run.flags().getOrDefault(f, "")));
            for (String c : numeric) {
                double v = run.value(c);
                row.add(Double.isNaN(v) ? "" : c.equals("epochs") ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.4f", v));
            }
            rows.add(row);
        }
        int[] widths = new int[header.size()];
        rows.forEach(row -> {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        });
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                String pad = " ".repeat(widths[i] - cell.length());
                out.append(i < 2 ? cell + pad : pad + cell).append(i == row.size() - 1 ? "" : "  ");
            }
            out.append('\n');
        }
        return out.toString();
    }
}
