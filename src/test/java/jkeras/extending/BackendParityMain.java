package jkeras.extending;

import static jkeras.Keras.backend;

/**
 * The parity checks in a JVM of their own, on the backend its -Djkeras.env and -Djkeras.backend
 * choose (a JVM runs one backend): prints one "ok" line per check, or fails with the first
 * difference. Run by {@link BackendParityTest}.
 */
public final class BackendParityMain {
    private BackendParityMain() {}

    public static void main(String[] args) throws java.io.IOException {
        try (ParityData data = new ParityData(1024)) {
            System.out.println("backend " + backend());
            for (String check : args) {
                switch (check) {
                    case "layer" -> ParityChecks.residualLayerTrainsLikeItsPythonTwin(data);
                    case "loss-metric" -> ParityChecks.customLossAndMetricsMatchTheirPythonTwins(data);
                    case "train-step" -> ParityChecks.customTrainStepMatchesItsPythonTwin(data);
                    case "added-loss" -> ParityChecks.javaStepSeesAddedLosses(data);
                    case "save-load" -> ParityChecks.savedAndLoadedItPredictsTheSame(data, java.nio.file.Files.createTempDirectory("jkeras-parity"));
                    default -> throw new IllegalArgumentException("unknown check " + check);
                }
                System.out.println("ok " + check);
            }
        }
        System.out.println("all checks passed");
    }
}
