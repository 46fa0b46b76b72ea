package jkeras.examples;

import java.nio.file.Path;

/** {@code --epochs N} and {@code --out DIR} of the tutorials. */
record TutorialOptions(int epochs, Path out) {
    static TutorialOptions parse(String[] args, int defaultEpochs, Path defaultOut) {
        int epochs = defaultEpochs;
        Path out = defaultOut;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (use --epochs N, --out DIR)");
            }
        }
        return new TutorialOptions(epochs, out.toAbsolutePath());
    }

    /** Keras' progress bar on a terminal; one line per epoch when the output goes to a file or pipe. */
    int verbose() {
        return System.console() != null ? 1 : 2;
    }
}
