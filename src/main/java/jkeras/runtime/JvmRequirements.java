package jkeras.runtime;

/**
 * What the JVM must allow before jkeras touches Arrow or Python, checked up front so that a missing
 * flag is one short message instead of a chain of initializer errors from deep inside Arrow.
 */
public final class JvmRequirements {
    /** The flag Arrow needs: it reads direct buffers' addresses through {@code java.nio} internals. */
    public static final String ADD_OPENS = "--add-opens=java.base/java.nio=ALL-UNNAMED";
    private static final String ARROW_CLASS = "org.apache.arrow.memory.util.MemoryUtil";

    private JvmRequirements() {}

    /** Throws {@link KerasSetupException} naming the flag and where to put it, if {@code java.nio} is not open to Arrow. */
    public static void requireArrowAccess() {
        Module arrow;
        try {
            // Not initialized: initializing MemoryUtil without the flag is exactly what fails.
            arrow = Class.forName(ARROW_CLASS, false, JvmRequirements.class.getClassLoader()).getModule();
        } catch (ClassNotFoundException e) {
            throw new KerasSetupException("Apache Arrow (arrow-memory-core, arrow-memory-unsafe) is not on the class path;"
                    + " depend on io.github.jkeras:jkeras with Maven or Gradle so that its dependencies come too.", e);
        }
        if (!java.nio.ByteBuffer.class.getModule().isOpen("java.nio", arrow)) {
            String to = arrow.isNamed() ? arrow.getName() : "ALL-UNNAMED";
            String flag = "--add-opens=java.base/java.nio=" + to;
            throw new KerasSetupException("jkeras needs the JVM flag " + flag + " (Arrow reads direct buffers' addresses)."
                    + " Add it where the JVM starts: java " + flag + " ...; Maven exec:java: MAVEN_OPTS=\"" + flag + "\";"
                    + " Surefire: <argLine>" + flag + "</argLine>; Gradle: jvmArgs '" + flag + "';"
                    + " JShell: jshell -R" + flag + "; a runnable jar: the manifest line 'Add-Opens: java.base/java.nio'.");
        }
    }
}
