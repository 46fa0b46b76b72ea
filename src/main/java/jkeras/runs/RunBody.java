package jkeras.runs;

/** The work of one tracked run: builds, trains and evaluates through the {@link TrainingRun} it is given. */
@FunctionalInterface
public interface RunBody {
    void run(TrainingRun run) throws Exception;
}
