package jkeras.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;
import jep.JepConfig;
import jep.JepException;
import jep.MainInterpreter;
import jep.NamingConventionClassEnquirer;
import jep.PyConfig;
import jep.SharedInterpreter;
import jep.python.PyObject;

/**
 * The one CPython of this JVM, and the one thread that may touch it.
 *
 * <p>Jep binds an interpreter to the thread that made it, and CPython cannot be restarted in a
 * process, so jkeras starts one interpreter lazily, on first use, on its own thread
 * ({@value #THREAD_NAME}), and keeps it for the life of the JVM. Any Java thread may call: the call is
 * handed to the Python thread and its result or exception handed back. A call made on the Python
 * thread itself (Python called Java, which calls Python again: Java callbacks in {@code fit}) runs
 * inline, so it cannot deadlock.
 *
 * <p>Java reaches Python only by naming a function of the {@code jkeras} Python package
 * ({@code "jkeras.module:function"}) and passing arguments: no Java value is ever pasted into
 * Python source.
 */
public final class PythonRuntime {
    public static final String THREAD_NAME = "jkeras-python";
    private static final long PYTHON_THREAD_STACK_BYTES = 64L << 20;
    private static final long SHUTDOWN_WAIT_NANOS = 30_000_000_000L;
    /**
     * How long a waiting thread spins (yielding the core to any runnable thread) before it parks.
     * Waking a parked thread costs ~100 µs on a VM whose idle vCPU went to sleep, more than a whole
     * one-sample prediction's bridge cost; a bounded spin keeps short calls fast and costs a long
     * one nothing. {@code -Djkeras.spinMicros=0} turns it off.
     */
    static final long SPIN_NANOS = Long.getLong("jkeras.spinMicros", 2_000) * 1_000;
    /** At most one caller spins; the others park at once, so waiting threads never starve Python. */
    private static final java.util.concurrent.atomic.AtomicBoolean CALLER_SPINNING = new java.util.concurrent.atomic.AtomicBoolean();

    private static final Object START_LOCK = new Object();
    private static volatile PythonRuntime instance;
    private static RuntimeException startFailure;
    private static String requestedBackend;

    private final KerasEnvironment environment;
    private final String backend;
    private final BlockingQueue<Call> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private SharedInterpreter interpreter; // only ever touched on `thread`
    private volatile Call current;         // the call the Python thread is running, for cancellation
    private volatile boolean stopped;      // the JVM is exiting: the Python thread takes no more work
    private Map<String, Object> versions;

    private PythonRuntime(KerasEnvironment environment, String backend) {
        this.environment = environment;
        this.backend = backend;
        this.thread = new Thread(null, this::serve, THREAD_NAME, PYTHON_THREAD_STACK_BYTES);
        this.thread.setDaemon(true); // an idle Python must not keep the JVM alive
    }

    /** The runtime, started on first use. Throws {@link KerasSetupException} if Python cannot start. */
    public static PythonRuntime get() {
        PythonRuntime runtime = instance;
        if (runtime != null) {
            return runtime;
        }
        synchronized (START_LOCK) {
            if (instance != null) {
                return instance;
            }
            if (startFailure != null) {
                // CPython cannot be started twice in one process: the first failure is final.
                throw startFailure;
            }
            // Problems found before anything is loaded (no env, version mismatch) can be fixed and
            // retried in this JVM; once native code is loaded, CPython cannot be started again.
            KerasEnvironment env = KerasEnvironment.locate();
            PythonRuntime started = new PythonRuntime(env, chooseBackend(env));
            try {
                started.start();
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
            instance = started;
            return started;
        }
    }

    /** Whether the runtime is already running. */
    public static boolean isStarted() {
        return instance != null;
    }

    /**
     * Fixes the Keras backend ({@code tensorflow}, {@code jax}, {@code torch}) before Python starts,
     * like setting KERAS_BACKEND. Asking for another backend once Keras is loaded is an error: Keras
     * reads its backend once per process.
     */
    public static void useBackend(String backend) {
        synchronized (START_LOCK) {
            if (instance != null) {
                if (!instance.backend.equals(backend)) {
                    throw new IllegalStateException("Keras is already running with the " + instance.backend
                            + " backend in this JVM; it cannot switch to " + backend
                            + ". Choose the backend before the first Keras call (useBackend, -Djkeras.backend or KERAS_BACKEND).");
                }
                return;
            }
            requestedBackend = backend;
        }
    }

    /** useBackend(...), else -Djkeras.backend, else KERAS_BACKEND, else the env's installed backend. */
    private static String chooseBackend(KerasEnvironment env) {
        for (String choice : new String[] {requestedBackend, System.getProperty("jkeras.backend"), System.getenv("KERAS_BACKEND")}) {
            if (choice != null && !choice.isBlank()) {
                return choice.trim();
            }
        }
        return env.backend();
    }

    // ---------------------------------------------------------------- start-up, on the Python thread

    private void start() {
        Call startCall = new Call(this::initialize);
        queue.add(startCall);
        thread.start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::quiesce, THREAD_NAME + "-shutdown"));
        Object result = startCall.await(false);
        if (result instanceof Failed failed) {
            throw failed.error;
        }
        if (result instanceof RuntimeException e) {
            throw e;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> found = (Map<String, Object>) result;
        versions = Collections.unmodifiableMap(found);
    }

    private Object initialize() {
        try {
            loadNativeLibraries();
            interpreter = new SharedInterpreter();
        } catch (Throwable e) {
            return new KerasSetupException("Could not start the embedded Python of " + environment.location()
                    + ": " + e + ". Run " + KerasEnvironment.INSTALL_HINT + " again to repair the environment.", e);
        }
        try {
            interpreter.exec("import sys");
            interpreter.set("_jkeras_python_root", PythonPackage.root().toString());
            interpreter.exec("sys.path.insert(0, _jkeras_python_root)\ndel _jkeras_python_root");
            interpreter.exec("import jkeras.bridge as _jkeras_bridge, jkeras.errors as _jkeras_errors");
            interpreter.set("_jkeras_failure", PythonException.class);
            interpreter.exec("_jkeras_errors.failure_factory = _jkeras_failure\ndel _jkeras_failure");
        } catch (JepException e) {
            return new KerasSetupException("The jkeras Python package did not load from " + PythonPackage.root() + ": " + e, e);
        }
        Object result = invokeBridge("jkeras.runtime:start", new Object[] {backend, environment.location().toString()}, null);
        if (result instanceof PythonException e) {
            return new KerasSetupException("Keras did not start (backend " + backend + ", env "
                    + environment.location() + "): " + e.getMessage(), e);
        }
        return result;
    }

    private void loadNativeLibraries() {
        // libpython first, by absolute path, so libjep finds it loaded; no LD_LIBRARY_PATH needed.
        System.load(environment.libpython());
        MainInterpreter.setJepLibraryPath(environment.libjep());
        PyConfig config = new PyConfig();
        // Naming the venv's python makes CPython find pyvenv.cfg: the venv's site-packages, the base
        // install's standard library, exactly as when that python runs. PYTHONHOME would break this.
        config.setProgramName(environment.pythonExecutable());
        config.setIgnoreEnvironmentFlag(1);
        MainInterpreter.setInitParams(config);
        // Claim only Java's conventional package roots for `import`, so Python's `jkeras` package is
        // not shadowed by the Java package of the same name.
        SharedInterpreter.setConfig(new JepConfig().setClassEnquirer(new NamingConventionClassEnquirer(true)));
    }

    private void serve() {
        while (!stopped) {
            Call call = nextCall();
            if (call == null) {
                continue;
            }
            Call outer = current;
            current = call;
            try {
                call.run();
            } finally {
                current = outer;
            }
        }
        // The JVM is exiting: stay here, never holding the GIL, so that C exit handlers which
        // take it (h5py's HDF5 clean-up does) can run. Returning would be as good, but a parked
        // thread also keeps late callers waiting instead of finding a dead interpreter.
        while (true) {
            LockSupport.park(this);
        }
    }

    /** The next call: spins briefly for one (callers often come straight back), then blocks. */
    private Call nextCall() {
        Call call = queue.poll();
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        while (call == null && System.nanoTime() < spinUntil) {
            Thread.yield();
            call = queue.poll();
        }
        try {
            return call != null ? call : queue.take();
        } catch (InterruptedException e) {
            return null; // nobody may stop the Python thread: it is the process' only one
        }
    }

    /**
     * Shutdown hook: lets the running call finish (asking a fit to stop at its next batch), runs
     * what is queued, then stops the Python thread between calls, where it holds no GIL. A JVM
     * that exited while Python held the GIL would hang in C exit handlers that need it.
     */
    private void quiesce() {
        Call running = current;
        if (running != null) {
            running.cancelRequested = true;
        }
        Call last = new Call(() -> {
            stopped = true;
            return null;
        });
        queue.add(last);
        if (!last.awaitFor(SHUTDOWN_WAIT_NANOS)) {
            System.err.println("jkeras: the Python thread is still busy at JVM exit; exit may hang if a C library needs Python then");
        }
    }

    // ---------------------------------------------------------------- calls

    /** Calls {@code function} ("jkeras.module:function") with positional arguments. */
    public Object call(String function, Object... args) {
        return callWithKeywords(function, args, null);
    }

    /** Calls {@code function} with positional and keyword arguments (either may be null). */
    public Object callWithKeywords(String function, Object[] args, Map<String, ?> kwargs) {
        Object[] positional = args == null ? new Object[0] : unwrapHandles(args);
        Map<String, Object> keywords = kwargs == null || kwargs.isEmpty() ? null : unwrapHandles(kwargs);
        Object result = onPythonThread(() -> invokeBridge(function, positional, keywords));
        if (result instanceof PythonException e) {
            e.fillInStackTrace(); // point at the Java caller, not at the Python thread's loop
            throw e;
        }
        return result;
    }

    /** Like {@link #call} but for a result that must be a Python object. */
    public PythonObject callForObject(String function, Object... args) {
        return PythonObject.of(call(function, args));
    }

    /**
     * Runs {@code work} on the Python thread and returns its result; inline when already on it. For
     * Java code that must run where Python runs (Jep objects, callbacks).
     */
    public <T> T onPythonThread(PythonWork<T> work) {
        if (Thread.currentThread() == thread) {
            return work.run();
        }
        if (stopped) {
            throw new IllegalStateException("the JVM is exiting: Python takes no more calls");
        }
        Call call = new Call(work::run);
        queue.add(call);
        Object result = call.await(true);
        if (result instanceof Failed failed) {
            throw failed.error;
        }
        @SuppressWarnings("unchecked")
        T typed = (T) result;
        return typed;
    }

    /** Queues {@code work} for the Python thread without waiting (inline when on it). For releases. */
    public void post(Runnable work) {
        if (Thread.currentThread() == thread) {
            work.run();
        } else if (!stopped) {
            queue.add(new Call(() -> {
                work.run();
                return null;
            }));
        }
    }

    private Object invokeBridge(String function, Object[] args, Map<String, Object> kwargs) {
        try {
            return interpreter.invoke("_jkeras_bridge.call", function, args, kwargs);
        } catch (JepException e) {
            // The bridge catches every Python exception; this is Jep failing to convert a value.
            return new PythonException("JepException", String.valueOf(e.getMessage()), "", List.of("JepException"));
        }
    }

    private static Object[] unwrapHandles(Object[] args) {
        Object[] out = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            out[i] = unwrapHandle(args[i]);
        }
        return out;
    }

    private static Map<String, Object> unwrapHandles(Map<String, ?> kwargs) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        kwargs.forEach((k, v) -> out.put(k, unwrapHandle(v)));
        return out;
    }

    /** Handles become Jep references (Python gets the object itself); collections are walked. */
    static Object unwrapHandle(Object value) {
        if (value instanceof PythonObject handle) {
            return handle.ref();
        }
        if (value instanceof PythonValue v) {
            return unwrapHandle(v.toPython());
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(unwrapHandle(item));
            }
            return out;
        }
        if (value instanceof PyTuple tuple) {
            @SuppressWarnings("unchecked")
            List<Object> items = (List<Object>) unwrapHandle(tuple.items());
            return new PyTuple(items);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, unwrapHandle(v)));
            return out;
        }
        return value;
    }

    // ---------------------------------------------------------------- state

    /** Whether the calling thread is the Python thread (Python called into Java). */
    public boolean isPythonThread() {
        return Thread.currentThread() == thread;
    }

    /**
     * Whether the Java thread waiting for the running call was interrupted. Python code that loops
     * (training) checks it between steps and stops.
     */
    public static boolean cancellationRequested() {
        PythonRuntime runtime = instance;
        Call call = runtime == null ? null : runtime.current;
        return call != null && call.cancelRequested;
    }

    public KerasEnvironment environment() {
        return environment;
    }

    /** The Keras backend in use. */
    public String backend() {
        return backend;
    }

    /** Versions of Python, Keras, the backend, Jep and NumPy, as Python reported them at start. */
    public Map<String, Object> versions() {
        return versions;
    }

    // ---------------------------------------------------------------- one call handed to the Python thread

    /** Work to run on the Python thread. */
    @FunctionalInterface
    public interface PythonWork<T> {
        T run();
    }

    private record Failed(RuntimeException error) {}

    private static final class Call {
        private final PythonWork<?> work;
        private volatile Thread waiter;
        private volatile boolean done;
        private volatile boolean cancelRequested;
        private Object result;

        Call(PythonWork<?> work) {
            this.work = work;
        }

        void run() {
            try {
                result = work.run();
            } catch (RuntimeException e) {
                result = new Failed(e);
            } catch (Error e) {
                result = new Failed(new PythonException("JavaError", e.toString(), "", List.of("JavaError")));
            } finally {
                done = true;
                Thread w = waiter;
                if (w != null) {
                    LockSupport.unpark(w);
                }
            }
        }

        /** Spins up to SPIN_NANOS for a short call to finish, if no other caller is spinning. */
        private void spinWhileShort() {
            if (done || SPIN_NANOS == 0 || !CALLER_SPINNING.compareAndSet(false, true)) {
                return;
            }
            try {
                long spinUntil = System.nanoTime() + SPIN_NANOS;
                while (!done && System.nanoTime() < spinUntil) {
                    Thread.yield();
                }
            } finally {
                CALLER_SPINNING.set(false);
            }
        }

        /** Waits at most {@code nanos} for the call to finish, uninterruptibly; whether it did. */
        boolean awaitFor(long nanos) {
            waiter = Thread.currentThread();
            long deadline = System.nanoTime() + nanos;
            while (!done) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                LockSupport.parkNanos(this, left);
            }
            return true;
        }

        /**
         * Waits for the result. An interrupt of the waiting thread asks the Python side to stop
         * (see {@link #cancellationRequested()}); the wait goes on until Python has returned, so the
         * interpreter is never left mid-call, and the interrupt status is restored afterwards.
         */
        Object await(boolean cancellable) {
            waiter = Thread.currentThread();
            boolean interrupted = false;
            spinWhileShort();
            while (!done) {
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    interrupted = true;
                    if (cancellable) {
                        cancelRequested = true;
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return result;
        }
    }

    /** Where the Python half of jkeras is: resources of this jar, or the source tree in development. */
    static final class PythonPackage {
        private static Path root;

        static synchronized Path root() {
            if (root == null) {
                root = locate();
            }
            return root;
        }

        private static Path locate() {
            String configured = System.getProperty("jkeras.python");
            if (configured != null && !configured.isBlank()) {
                return Path.of(configured);
            }
            var url = PythonRuntime.class.getResource("/python/jkeras/__init__.py");
            if (url == null) {
                throw new KerasSetupException("The jkeras Python package is not on the classpath (python/jkeras).");
            }
            String spec = url.toString();
            try {
                if (spec.startsWith("jar:file:")) {
                    // Python imports from zip files: the jar itself goes on sys.path.
                    String jar = spec.substring("jar:".length(), spec.indexOf("!/"));
                    return Path.of(new java.net.URI(jar)).resolve("python");
                }
                Path init = Path.of(url.toURI());
                Path packageRoot = init.getParent().getParent();
                if (!Files.isDirectory(packageRoot)) {
                    throw new KerasSetupException("Cannot use the jkeras Python package at " + spec);
                }
                return packageRoot;
            } catch (java.net.URISyntaxException e) {
                throw new KerasSetupException("Cannot locate the jkeras Python package at " + spec, e);
            }
        }
    }
}
