package jkeras.extending;

import java.security.CodeSource;
import jkeras.internal.PythonRuntime;

/**
 * Where in the user's Java code an exception was thrown: named in the message of a Python error
 * that crossed a Java {@code call} ({@code jkeras.extending.run_java}). Not public: Python calls it.
 */
final class JavaFrames {
    private JavaFrames() {}

    /** The first frame of {@code thrown} in code that is not jkeras' or the JDK's, or null. */
    public static String userFrame(Throwable thrown) {
        CodeSource library = PythonRuntime.class.getProtectionDomain().getCodeSource();
        ClassLoader loader = JavaFrames.class.getClassLoader();
        for (StackTraceElement frame : thrown.getStackTrace()) {
            String name = frame.getClassName();
            if (name.startsWith("java.") || name.startsWith("jdk.") || name.startsWith("sun.") || name.startsWith("jep.")) {
                continue;
            }
            try {
                Class<?> type = Class.forName(name, false, loader);
                CodeSource source = type.getProtectionDomain().getCodeSource();
                if (library == null || source == null || !library.getLocation().equals(source.getLocation())) {
                    return frame.toString();
                }
            } catch (ClassNotFoundException | LinkageError e) {
                // a hidden class (a lambda's): not a frame to name
            }
        }
        return null;
    }
}
