package jkeras.extending;

import static jkeras.Keras.loadModel;

import java.nio.file.Path;

/**
 * Loads each model named, in a JVM whose class path lacks the tests' classes (only this one is
 * copied there), and prints what each load throws ({@link SavingTest}).
 */
public final class MissingClassLoad {
    private MissingClassLoad() {}

    public static void main(String[] args) {
        for (String file : args) {
            try {
                loadModel(Path.of(file));
                System.out.println("LOADED " + file);
            } catch (RuntimeException e) {
                System.out.println("FAILED " + file + ": " + e.getClass().getName() + ": " + e.getMessage());
            }
        }
    }
}
