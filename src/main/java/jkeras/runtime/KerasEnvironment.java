package jkeras.runtime;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Python environment made by {@code scripts/install_keras}, as described by the
 * {@value #FILE_NAME} file it writes: everything needed to embed that Python, so that nobody sets
 * LD_LIBRARY_PATH or PYTHONHOME by hand.
 *
 * <p>Where it is looked for: the system property {@code jkeras.env}, else the environment variable
 * {@code JKERAS_ENV}, else {@code ~/.jkeras/venv}; each may name the env folder or the JSON file.
 */
public final class KerasEnvironment {
    public static final String FILE_NAME = "jkeras-env.json";
    static final String INSTALL_HINT = "scripts/install_keras";

    private static final Gson GSON = new GsonBuilder()
            .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
            .create();

    // Filled by Gson from the JSON file.
    private String pythonExecutable;
    private String pythonVersion;
    private String prefix;
    private List<String> sitePackages;
    private String libpython;
    private String libjep;
    private String jepVersion;
    private String kerasVersion;
    private String backend;
    private boolean gpu;

    private transient Path file;

    private KerasEnvironment() {}

    /** Finds and reads the environment, checking that it can be embedded; never loads anything. */
    public static KerasEnvironment locate() {
        Path file = configuredLocation();
        if (Files.isDirectory(file)) {
            file = file.resolve(FILE_NAME);
        }
        if (!Files.isRegularFile(file)) {
            throw new KerasSetupException("No jkeras Python environment: " + file + " does not exist."
                    + " Create it with " + INSTALL_HINT + " (or set JKERAS_ENV to an environment it made).");
        }
        KerasEnvironment env = read(file);
        env.check();
        return env;
    }

    static Path configuredLocation() {
        String configured = System.getProperty("jkeras.env");
        if (configured == null || configured.isBlank()) {
            configured = System.getenv("JKERAS_ENV");
        }
        if (configured == null || configured.isBlank()) {
            return Path.of(System.getProperty("user.home"), ".jkeras", "venv");
        }
        return Path.of(configured);
    }

    static KerasEnvironment read(Path file) {
        KerasEnvironment env;
        try {
            env = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), KerasEnvironment.class);
        } catch (IOException | JsonParseException e) {
            throw new KerasSetupException("Cannot read " + file + ": " + e.getMessage()
                    + ". Run " + INSTALL_HINT + " again to rewrite it.", e);
        }
        if (env == null || env.pythonExecutable == null || env.libpython == null || env.libjep == null) {
            throw new KerasSetupException(file + " is incomplete (python_executable, libpython and libjep are required)."
                    + " Run " + INSTALL_HINT + " again to rewrite it.");
        }
        env.file = file;
        return env;
    }

    /** Files present and the native Jep the same version as the Jep jar: a mismatch would crash in JNI. */
    private void check() {
        for (String path : List.of(pythonExecutable, libpython, libjep)) {
            if (!Files.exists(Path.of(path))) {
                throw new KerasSetupException("The environment described by " + file + " is broken: " + path
                        + " does not exist. Run " + INSTALL_HINT + " again to repair it.");
            }
        }
        String nativeVersion = nativeJepVersion();
        String jarVersion = jarJepVersion();
        if (!jarVersion.equals(nativeVersion)) {
            throw new KerasSetupException("Jep version mismatch: the Jep jar on the classpath is " + jarVersion
                    + " but the native Jep in " + location() + " is " + nativeVersion
                    + ". They must be the same version. Fix: pin jep==" + jarVersion
                    + " in requirements.txt and run " + INSTALL_HINT + " again (or use the Jep jar " + nativeVersion + ").");
        }
    }

    /** The version of the native Jep, read from the installed package beside its library. */
    String nativeJepVersion() {
        Path versionFile = Path.of(libjep).resolveSibling("version.py");
        try {
            Matcher m = Pattern.compile("__VERSION__\\s*=\\s*['\"]([^'\"]+)['\"]")
                    .matcher(Files.readString(versionFile, StandardCharsets.UTF_8));
            if (m.find()) {
                return m.group(1);
            }
        } catch (IOException e) {
            // fall through to the version the installer recorded
        }
        return jepVersion == null ? "unknown" : jepVersion;
    }

    /** The version of the Jep jar this JVM actually loaded (its Maven metadata), else the one we built with. */
    public static String jarJepVersion() {
        String version = propertyOf(jep.Jep.class, "/META-INF/maven/org.ninia/jep/pom.properties", "version");
        if (version == null) {
            version = propertyOf(KerasEnvironment.class, "/jkeras/build.properties", "jep.version");
        }
        return version == null ? "unknown" : version;
    }

    private static String propertyOf(Class<?> owner, String resource, String key) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty(key);
        } catch (IOException e) {
            return null;
        }
    }

    /** The env folder (where the JSON file lies). */
    public Path location() {
        return file.getParent();
    }

    public Path file() {
        return file;
    }

    public String pythonExecutable() {
        return pythonExecutable;
    }

    public String pythonVersion() {
        return pythonVersion;
    }

    public String prefix() {
        return prefix;
    }

    public List<String> sitePackages() {
        return sitePackages == null ? List.of() : List.copyOf(sitePackages);
    }

    public String libpython() {
        return libpython;
    }

    public String libjep() {
        return libjep;
    }

    public String kerasVersion() {
        return kerasVersion;
    }

    /** The backend {@code install_keras} installed: the one used unless another is asked for. */
    public String backend() {
        return backend == null ? "tensorflow" : backend;
    }

    public boolean gpu() {
        return gpu;
    }
}
