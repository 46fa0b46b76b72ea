package jkeras.runtime;

import java.util.Map;
import jkeras.internal.PythonRuntime;

/**
 * Starts the embedded Python and prints what it runs: the proof at the end of
 * {@code scripts/install_keras}. Exits non-zero, with the reason, when it cannot.
 */
public final class EnvironmentReport {
    private EnvironmentReport() {}

    public static void main(String[] args) {
        try {
            PythonRuntime runtime = PythonRuntime.get();
            Map<String, Object> v = runtime.versions();
            System.out.printf("jkeras environment %s%n", runtime.environment().location());
            System.out.printf("  Python %s, Keras %s, backend %s %s, NumPy %s%n",
                    v.get("python"), v.get("keras"), v.get("backend"), v.get("backend_version"), v.get("numpy"));
            System.out.printf("  Jep %s (jar %s), NumPy support %s%n",
                    v.get("jep"), KerasEnvironment.jarJepVersion(), v.get("jep_numpy_enabled"));
            if (!Boolean.TRUE.equals(v.get("jep_numpy_enabled"))) {
                System.err.println("Jep was built without NumPy support: run scripts/install_keras again"
                        + " (it builds jep with --no-build-isolation after numpy).");
                System.exit(1);
            }
        } catch (KerasSetupException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }
}
