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

    /**
     * Arrow logs through SLF4J; with no logging provider on the class path SLF4J prints three lines
     * of warning at the first allocation of every program. When none is there, jkeras names SLF4J's
     * no-operation provider explicitly (Arrow's debug logs are not a user's concern); a program that
     * has a provider (logback, slf4j-simple…) keeps it.
     */
    public static void quietLoggingWithoutProvider() {
        if (System.getProperty("slf4j.provider") != null) {
            return;
        }
        ClassLoader loader = JvmRequirements.class.getClassLoader();
        try {
            Class<?> provider = Class.forName("org.slf4j.spi.SLF4JServiceProvider", false, loader);
            if (!java.util.ServiceLoader.load(provider, loader).iterator().hasNext()) {
                System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_SLF4JServiceProvider");
            }
        } catch (ClassNotFoundException | java.util.ServiceConfigurationError e) {
            // SLF4J 1.x or none at all: nothing to quiet
        }
    }

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
            throw new KerasSetupException("jkeras needs the JVM flag " + flag + " (for Arrow). Add it to the java command"
                    + " (Surefire: argLine; exec:java: MAVEN_OPTS; Gradle: jvmArgs; JShell: -R" + flag + ";"
                    + " a runnable jar: manifest line 'Add-Opens: java.base/java.nio'). README: \"Use jkeras from your project\".");
        }
    }
}
