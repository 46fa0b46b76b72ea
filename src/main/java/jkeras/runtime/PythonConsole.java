package jkeras.runtime;

/**
 * Where Python's {@code sys.stdout} and {@code sys.stderr} go: Java's current {@code System.out} and
 * {@code System.err}, looked up at each write so that redirecting them in Java captures Keras' output.
 * Called from Python ({@code jkeras.console}) on the Python thread.
 */
final class PythonConsole {
    private PythonConsole() {}

    public static void write(boolean toStderr, String text) {
        var stream = toStderr ? System.err : System.out;
        stream.print(text);
        stream.flush();
    }
}
