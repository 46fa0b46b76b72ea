package jkeras.runs;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.function.Consumer;
import jkeras.models.Model;
import jkeras.training.EvaluateArgs;
import jkeras.training.FitArgs;
import jkeras.training.History;
import jkeras.training.TrainingInterruptedException;

/**
 * One tracked run while it runs (tfruns' {@code training_run}): its flags, and {@code fit} and
 * {@code evaluate} that record what they do into the run's folder: the model's summary and config,
 * the history (JSON, CSV, PNG) and the evaluation. Given to the body of {@code trainingRun}.
 */
public final class TrainingRun {
    static final String FLAGS = "flags.json";
    static final String SUMMARY = "model-summary.txt";
    static final String CONFIG = "model-config.json";
    static final String METRICS_JSON = "metrics.json";
    static final String METRICS_CSV = "metrics.csv";
    static final String PLOT = "history.png";
    static final String EVALUATION = "evaluation.json";
    static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls().serializeSpecialFloatingPointValues().create();

    private final String id;
    private final Path dir;
    private final RunFlags flags;

    TrainingRun(String id, Path dir, RunFlags flags) {
        this.id = id;
        this.dir = dir;
        this.flags = flags;
    }

    /** The run's name: its start time in UTC, as its folder is named ({@code 2026-11-23T19-40-01Z}). */
    public String id() {
        return id;
    }

    /** The run's folder: what it recorded, and a place for files of your own ({@link #file}). */
    public Path dir() {
        return dir;
    }

    public RunFlags flags() {
        return flags;
    }

    /** A path in the run's folder for a file of your own (a saved model, an extra plot). */
    public Path file(String name) {
        Path file = dir.resolve(name).normalize();
        if (!file.getParent().equals(dir.normalize())) {
            throw new IllegalArgumentException("name=" + name + " must be a plain file name inside the run's folder");
        }
        return file;
    }

    /**
     * {@code model.fit(x, y, args)}, recording the model (summary, config) before and the history
     * after: {@code metrics.json}, {@code metrics.csv}, {@code history.png}. An interrupted fit
     * records the epochs it finished. With several fits, the last one's history is the run's.
     */
    public History fit(Model model, Object x, Object y, Consumer<FitArgs> args) {
        recordModel(model);
        History history;
        try {
            history = model.fit(x, y, args);
        } catch (TrainingInterruptedException stopped) {
            recordHistory(stopped.history());
            throw stopped;
        }
        recordHistory(history);
        return history;
    }

    /** {@code model.evaluate(x, y)}, recorded as {@code evaluation.json} (its values are the {@code eval_} columns of lsRuns). */
    public Map<String, Double> evaluate(Model model, Object x, Object y) {
        return evaluate(model, x, y, e -> { });
    }

    public Map<String, Double> evaluate(Model model, Object x, Object y, Consumer<EvaluateArgs> args) {
        Map<String, Double> scores = model.evaluate(x, y, args);
        write(EVALUATION, GSON.toJson(scores));
        return scores;
    }

    /** Records the model's summary and config (fit does this itself). */
    public void recordModel(Model model) {
        write(SUMMARY, model.summary());
        write(CONFIG, model.toJson());
    }

    /** Records a history as the run's: JSON, CSV and the PNG of R's {@code plot(history)}. */
    public void recordHistory(History history) {
        write(METRICS_JSON, history.toJson());
        try {
            history.writeCsv(temporary(METRICS_CSV));
            moveInPlace(METRICS_CSV);
            if (history.epochCount() > 0) {
                history.plot(temporary(PLOT));
                moveInPlace(PLOT);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("run " + id + ": cannot record its history in " + dir, e);
        }
    }

    /** Writes through a temporary file and a rename: a reader never sees half a file. */
    void write(String name, String text) {
        try {
            Files.writeString(temporary(name), text, StandardCharsets.UTF_8);
            moveInPlace(name);
        } catch (IOException e) {
            throw new UncheckedIOException("run " + id + ": cannot write " + dir.resolve(name), e);
        }
    }

    private Path temporary(String name) {
        return dir.resolve("." + name + ".tmp");
    }

    private void moveInPlace(String name) throws IOException {
        Files.move(temporary(name), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
