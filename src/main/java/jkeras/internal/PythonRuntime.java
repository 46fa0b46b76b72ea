package jkeras.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import jep.JepConfig;
import jep.JepException;
import jep.MainInterpreter;
import jep.NamingConventionClassEnquirer;
import jep.PyConfig;
import jep.SharedInterpreter;
import jep.python.PyCallable;
import jkeras.KerasException;
import jkeras.runtime.JvmRequirements;
import jkeras.runtime.KerasEnvironment;
import jkeras.runtime.KerasSetupException;
import jkeras.runtime.PythonException;
import jkeras.tensor.TensorScope;

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
 * <p>Long Python work (a training loop) does not make other threads wait for all of it: between
 * batches Python reads one word of shared memory ({@link ControlBlock}), and when calls are waiting
 * it runs them there, inline ({@link #atBatchEnd}); a call that is itself a training loop waits for
 * the running one to end.
 *
 * <p>Java reaches Python only by naming a function of the {@code jkeras} Python package
 * ({@code "jkeras.module:function"}) and passing arguments: no Java value is ever pasted into
 * Python source.
 */
public final class PythonRuntime {
    public static final String THREAD_NAME = "jkeras-python";
    private static final long PYTHON_THREAD_STACK_BYTES = 64L << 20;
    /** How long the exit hook lets a running call finish (a save completes; a fit stops at its next batch). */
    private static final long EXIT_WAIT_NANOS = Long.getLong("jkeras.exitWaitMillis", 5_000) * 1_000_000;
    /**
     * How long a call may wait while the Python thread sits blocked inside Java code that Python
     * called (a callback), before the call fails as a probable deadlock instead of waiting forever.
     */
    private static final long UPCALL_BLOCKED_LIMIT_NANOS = Long.getLong("jkeras.upcallBlockedLimitMillis", 5_000) * 1_000_000;
    /**
     * How long a waiting thread spins (yielding the core to any runnable thread) before it parks.
     * Waking a parked thread costs ~100 µs on a VM whose idle vCPU went to sleep, more than a whole
     * one-sample prediction's bridge cost; a bounded spin keeps short calls fast and costs a long
     * one nothing. {@code -Djkeras.spinMicros=0} turns it off.
     */
    static final long SPIN_NANOS = Long.getLong("jkeras.spinMicros", 2_000) * 1_000;
    /**
     * Between two yields a spinning thread re-reads memory this many times ({@link Thread#onSpinWait}):
     * a yield costs about a microsecond on this VM, most of a short call's hand-off, while a thread
     * that only re-read memory would keep the core from the very thread it waits for whenever the
     * two share one. {@code -Djkeras.spinsPerYield=0} yields on every turn.
     */
    static final int SPINS_PER_YIELD = Integer.getInteger("jkeras.spinsPerYield", 10);
    /**
     * How long the idle Python thread spins for the next call before it parks. Shorter than the
     * callers' spin: a caller coming straight back finds it spinning, while under a steady load of
     * batches (a server) a spinning Python thread would take the core that the threads preparing
     * the next batch need. {@code -Djkeras.idleSpinMicros}.
     */
    static final long IDLE_SPIN_NANOS = Math.min(SPIN_NANOS, Long.getLong("jkeras.idleSpinMicros", 200) * 1_000);
    /** At most one caller spins; the others park at once, so waiting threads never starve Python. */
    private static final AtomicBoolean CALLER_SPINNING = new AtomicBoolean();

    private static final Object START_LOCK = new Object();
    private static volatile PythonRuntime instance;
    private static RuntimeException startFailure;
    private static String requestedBackend;

    private final KerasEnvironment environment;
    private final String backend;
    /** Calls waiting for the Python thread; lock-free, since taking a lock on both sides cost more than the rest of a hand-off. */
    private final ConcurrentLinkedDeque<Call> queue = new ConcurrentLinkedDeque<>();
    private final ControlBlock control = new ControlBlock();
    private final Thread thread;
    private SharedInterpreter interpreter; // only ever touched on `thread`
    private PyCallable bridge;             // jkeras.bridge.invoke, likewise
    private volatile Call current;         // the innermost call the Python thread is running
    private volatile int upcallDepth;      // > 0 while the Python thread runs Java code Python called
    private volatile boolean stopped;      // the JVM is exiting or shutdown() ran: no more work
    private volatile boolean parked;       // the Python thread is (about to be) parked waiting for a call
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
            // Problems found before anything is loaded (a missing JVM flag, no env, a version
            // mismatch) can be fixed and retried in this JVM; once native code is loaded, CPython
            // cannot be started again.
            JvmRequirements.requireArrowAccess();
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
        if (backend == null || backend.isBlank()) {
            throw new IllegalArgumentException("useBackend(backend): expected tensorflow, jax or torch; received " + backend);
        }
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
        Call startCall = new Call(this::initialize, false);
        enqueue(startCall);
        thread.start();
        Runtime.getRuntime().addShutdownHook(new Thread(PythonRuntime::shutdown, THREAD_NAME + "-exit"));
        Object result = startCall.await(false, true, this);
        if (result instanceof Failed failed) {
            throw (RuntimeException) failed.error;
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
                    + ": " + e + ". Run scripts/install_keras again to repair the environment.", e);
        }
        try {
            interpreter.exec("import sys");
            interpreter.set("_jkeras_python_root", PythonPackage.root().toString());
            interpreter.exec("sys.path.insert(0, _jkeras_python_root)\ndel _jkeras_python_root");
            interpreter.exec("import jkeras.bridge as _jkeras_bridge, jkeras.errors as _jkeras_errors");
            interpreter.set("_jkeras_failure", PythonException.class);
            interpreter.set("_jkeras_java_failure", JavaFailure.class);
            interpreter.exec("_jkeras_errors.failure_factory = _jkeras_failure\n"
                    + "_jkeras_errors.java_failure_factory = _jkeras_java_failure.of\n"
                    + "del _jkeras_failure, _jkeras_java_failure");
            bridge = interpreter.getValue("_jkeras_bridge.invoke", PyCallable.class);
        } catch (JepException e) {
            return new KerasSetupException("The jkeras Python package did not load from " + PythonPackage.root() + ": " + e, e);
        }
        String allowed = System.getProperty("jkeras.allowedModules", "");
        Object result = invokeBridge(PythonFunctions.RUNTIME_START,
                new Object[] {backend, environment.location().toString(), control.address(), allowed}, null);
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
            if (call != null) {
                run(call);
            }
        }
        // Stopped: stay here, never holding the GIL, so that C exit handlers which take it can run
        // (jkeras.runtime also ends the process before such handlers, see its exit guard). A parked
        // thread keeps late callers failing fast instead of finding a dead interpreter.
        failQueued();
        while (true) {
            LockSupport.park(this);
        }
    }

    /**
     * The next call: spins briefly for one (callers often come straight back), then parks until
     * {@link #enqueue} wakes it.
     */
    private Call nextCall() {
        long waitingSince = 0;
        while (true) {
            Call call = queue.poll();
            if (call != null) {
                updateAttention();
                return call;
            }
            long now = System.nanoTime();
            if (waitingSince == 0) {
                waitingSince = now;
            }
            if (now - waitingSince < IDLE_SPIN_NANOS) {
                for (int i = 0; i < SPINS_PER_YIELD && queue.isEmpty(); i++) {
                    Thread.onSpinWait();
                }
                if (queue.isEmpty()) {
                    Thread.yield();
                }
            } else {
                // Set the flag, then look again: enqueue adds, then reads the flag, so one of the
                // two always sees the other (both are volatile) and no call is left unnoticed.
                parked = true;
                if (queue.isEmpty()) {
                    LockSupport.park(this);
                }
                parked = false;
                Thread.interrupted(); // nobody may stop the Python thread: it is the process' only one
            }
        }
    }

    /** Queues a call for the Python thread and wakes it if it parked. */
    private void enqueue(Call call) {
        queue.add(call);
        if (parked) {
            LockSupport.unpark(thread);
        }
    }

    /** Runs one call on the Python thread, with its caller's tensor scope, nested in whatever runs. */
    private void run(Call call) {
        Call outer = current;
        call.outer = outer;
        call.started = true;
        current = call;
        try {
            TensorScope.runIn(call.scope, () -> {
                call.run();
                return null;
            });
        } finally {
            current = outer;
            updateAttention();
        }
    }

    /**
     * Ends the Python thread's work: asks a running fit to stop at its next batch, lets the running
     * call finish for at most {@code waitNanos}, then parks the thread between calls, where it holds
     * no GIL. Later calls fail at once.
     */
    private void quiesce(long waitNanos) {
        Call last = new Call(() -> {
            stopped = true;
            return null;
        }, false);
        queue.addFirst(last);
        if (parked) {
            LockSupport.unpark(thread);
        }
        stoppedRequested = true;
        updateAttention();
        if (Thread.currentThread() != thread && !last.awaitFor(waitNanos)) {
            System.err.println("jkeras: the Python thread was still busy at exit; ending anyway");
        }
    }

    private volatile boolean stoppedRequested;

    /**
     * Stops Python for the rest of this JVM's life: a running fit stops at its next batch, the
     * running call may finish (for at most {@code -Djkeras.exitWaitMillis}, 5 s by default), and
     * every later call throws. For programs whose launcher waits for all threads ({@code mvn exec:java});
     * a plain JVM exit needs nothing.
     */
    public static void shutdown() {
        PythonRuntime runtime = instance;
        if (runtime != null && !runtime.stoppedRequested) {
            runtime.quiesce(EXIT_WAIT_NANOS);
        }
    }

    private void failQueued() {
        Call call;
        while ((call = queue.poll()) != null) {
            call.fail(new IllegalStateException("jkeras was shut down (the JVM is exiting): Python takes no more calls"));
        }
    }

    // ---------------------------------------------------------------- calls

    /** Calls {@code function} ("jkeras.module:function") with positional arguments. */
    public Object call(String function, Object... args) {
        return callWithKeywords(function, args, null);
    }

    /** Calls {@code function} with positional and keyword arguments (either may be null). */
    public Object callWithKeywords(String function, Object[] args, Map<String, ?> kwargs) {
        return call(function, args, kwargs, false);
    }

    /**
     * Calls a function that runs a training loop ({@code fit}): it never runs nested inside another
     * one; between its batches, other threads' calls run.
     */
    public Object callTraining(String function, Object... args) {
        return call(function, args, null, true);
    }

    private Object call(String function, Object[] args, Map<String, ?> kwargs, boolean exclusive) {
        Object[] positional = args == null ? new Object[0] : Handles.toPython(args);
        Map<String, Object> keywords = kwargs == null || kwargs.isEmpty() ? null : Handles.toPython(kwargs);
        Object result = onPythonThread(() -> invokeBridge(function, positional, keywords), exclusive);
        if (result instanceof PythonException e) {
            e.fillInStackTrace(); // point at the Java caller, not at the Python thread's loop
            throw e;
        }
        if (result instanceof JavaFailure thrown) {
            throw thrown.rethrow();
        }
        return result;
    }

    /** Like {@link #call} but for a result that must be a Python object. */
    public PyRef callForRef(String function, Object... args) {
        return PyRef.of(call(function, args));
    }

    /**
     * Runs {@code work} on the Python thread and returns its result; inline when already on it. For
     * Java code that must run where Python runs (Jep objects, callbacks).
     */
    public <T> T onPythonThread(PythonWork<T> work) {
        return onPythonThread(work, false);
    }

    /**
     * {@link #onPythonThread(PythonWork)} for work known to take far longer than waking a thread (a
     * batch of predictions): the caller parks at once instead of spinning, so that waiting takes no
     * CPU from the threads that feed the Python thread its next piece of work.
     */
    public <T> T onPythonThreadParked(PythonWork<T> work) {
        return onPythonThread(work, false, false);
    }

    private <T> T onPythonThread(PythonWork<T> work, boolean exclusive) {
        return onPythonThread(work, exclusive, true);
    }

    private <T> T onPythonThread(PythonWork<T> work, boolean exclusive, boolean spin) {
        if (Thread.currentThread() == thread) {
            return work.run();
        }
        String forbidden = NO_CALLS.get();
        if (forbidden != null) {
            throw new IllegalStateException(forbidden);
        }
        if (stoppedRequested) {
            throw new IllegalStateException("jkeras was shut down (the JVM is exiting, or shutdown() ran): Python takes no more calls");
        }
        Call call = new Call(work, exclusive);
        enqueue(call);
        updateAttention();
        Object result = call.await(true, spin, this);
        if (result instanceof Failed failed) {
            throw Sneaky.<RuntimeException>rethrow(failed.error);
        }
        @SuppressWarnings("unchecked")
        T typed = (T) result;
        return typed;
    }

    /** Why calls from this thread would deadlock, for threads the Python thread may be waiting for. */
    private static final ThreadLocal<String> NO_CALLS = new ThreadLocal<>();

    /**
     * Makes every call from the calling thread fail at once with {@code reason}: for threads the
     * Python thread may be waiting for (jkeras.data's producers, whose batch Keras waits for), where
     * a call would wait forever. {@link #post} stays allowed: it never waits.
     */
    public static void forbidCallsFromThisThread(String reason) {
        NO_CALLS.set(reason);
    }

    /** Queues {@code work} for the Python thread without waiting (inline when on it). For releases. */
    public void post(Runnable work) {
        if (Thread.currentThread() == thread) {
            work.run();
        } else if (!stoppedRequested) {
            enqueue(new Call(() -> {
                work.run();
                return null;
            }, false));
            updateAttention();
        }
    }

    private Object invokeBridge(String function, Object[] args, Map<String, Object> kwargs) {
        // (function, kwargs, *args): Jep converts each argument as it builds the call's tuple; an
        // Object[] passed whole would become a Java-array proxy that Python walks element by element.
        Object[] call = new Object[args.length + 2];
        call[0] = function;
        call[1] = kwargs;
        System.arraycopy(args, 0, call, 2, args.length);
        try {
            return bridge.call(call);
        } catch (JepException e) {
            // The bridge catches every Python exception; this is Jep failing to convert a value.
            return new PythonException("JepException", String.valueOf(e.getMessage()), "", List.of("JepException"));
        }
    }

    // ---------------------------------------------------------------- Python's side of the batch boundary

    /** The address of the control block Python reads between batches ({@link ControlBlock}). */
    long controlAddress() {
        return control.address();
    }

    private void updateAttention() {
        int wanted = !queue.isEmpty() || stoppedRequested || cancelPending() ? 1 : 0;
        if (control.get(ControlBlock.ATTENTION) != wanted) {
            control.set(ControlBlock.ATTENTION, wanted);
        }
    }

    private boolean cancelPending() {
        for (Call c = current; c != null; c = c.outer) {
            if (c.cancelRequested) {
                return true;
            }
        }
        return false;
    }

    /** Called by Python ({@code jkeras.training}) when a training loop starts: the call running it. */
    public static Object currentCall() {
        PythonRuntime runtime = instance;
        return runtime == null ? null : runtime.current;
    }

    /**
     * Called by Python between batches when the control block asks for attention: runs the calls
     * other threads are waiting for (not other training loops: they wait for this one to end), and
     * says whether the training loop of {@code trainingCall} must stop (its caller was interrupted,
     * or the JVM is exiting).
     */
    public static boolean atBatchEnd(Object trainingCall) {
        PythonRuntime runtime = instance;
        if (runtime == null || Thread.currentThread() != runtime.thread) {
            return false;
        }
        return runtime.serveBetweenBatches(trainingCall instanceof Call call ? call : null);
    }

    private boolean serveBetweenBatches(Call training) {
        if (!stoppedRequested) {
            List<Call> deferred = new ArrayList<>();
            int waiting = queue.size(); // those that came later wait for the next batch
            for (int i = 0; i < waiting; i++) {
                Call call = queue.poll();
                if (call == null) {
                    break;
                }
                if (call.exclusive) {
                    deferred.add(call);
                } else {
                    run(call);
                }
            }
            for (int i = deferred.size() - 1; i >= 0; i--) {
                queue.addFirst(deferred.get(i));
            }
        }
        updateAttention();
        return stoppedRequested || training != null && training.cancelRequested;
    }

    /**
     * Runs Java code that Python called (a callback) on the Python thread, marking the thread as
     * inside it: a call from another thread waiting while that code blocks fails as a probable
     * deadlock instead of waiting forever (see {@link Call#await}).
     */
    public static <T> T upcall(PythonWork<T> work) {
        PythonRuntime runtime = instance;
        if (runtime == null) {
            return work.run();
        }
        runtime.upcallDepth++;
        try {
            return work.run();
        } finally {
            runtime.upcallDepth--;
        }
    }

    /** Whether the Python thread sits blocked (waiting on a lock, a future, a sleep) inside Java code Python called. */
    private boolean blockedInUpcall() {
        if (upcallDepth == 0) {
            return false;
        }
        Thread.State state = thread.getState();
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING || state == Thread.State.BLOCKED;
    }

    // ---------------------------------------------------------------- state

    /** Whether the calling thread is the Python thread (Python called into Java). */
    public boolean isPythonThread() {
        return Thread.currentThread() == thread;
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

    private record Failed(Throwable error) {}

    /** One piece of work for the Python thread; Python holds it as the token of a training loop. */
    static final class Call {
        private final PythonWork<?> work;
        private final boolean exclusive;
        private final TensorScope scope = TensorScope.current();
        private final Thread caller = Thread.currentThread();
        private volatile Thread waiter;
        private volatile boolean done;
        private volatile boolean started;
        private volatile boolean cancelRequested;
        private volatile Call outer;
        private Object result;

        Call(PythonWork<?> work, boolean exclusive) {
            this.work = work;
            this.exclusive = exclusive;
        }

        void run() {
            try {
                result = work.run();
            } catch (Throwable e) { // an Error too: it reaches the caller as itself
                result = new Failed(e);
            } finally {
                finish();
            }
        }

        void fail(RuntimeException error) {
            result = new Failed(error);
            finish();
        }

        private void finish() {
            done = true;
            // A waiter sets itself before it parks and looks at `done` after: one of the two sees
            // the other. A caller still spinning has set nothing, and costs no unpark.
            Thread w = waiter;
            if (w != null) {
                LockSupport.unpark(w);
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
                    for (int i = 0; i < SPINS_PER_YIELD && !done; i++) {
                        Thread.onSpinWait();
                    }
                    if (!done) {
                        Thread.yield();
                    }
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
         * Waits for the result. An interrupt of the waiting thread asks the Python side to stop a
         * training loop at its next batch; the wait goes on until Python has returned, so the
         * interpreter is never left mid-call, and the interrupt status is restored afterwards. A
         * call still queued while the Python thread stays blocked inside Java code Python called
         * fails after a bounded time: that code is most likely waiting for this very call.
         */
        Object await(boolean cancellable, boolean spin, PythonRuntime runtime) {
            boolean interrupted = false;
            long blockedSince = 0;
            if (spin) {
                spinWhileShort();
            }
            if (!done) {
                waiter = Thread.currentThread();
            }
            while (!done) {
                LockSupport.parkNanos(this, 100_000_000L);
                if (Thread.interrupted()) {
                    interrupted = true;
                    if (cancellable && !cancelRequested) {
                        cancelRequested = true;
                        runtime.updateAttention();
                    }
                }
                if (done || started) {
                    continue;
                }
                if (runtime.blockedInUpcall()) {
                    long now = System.nanoTime();
                    if (blockedSince == 0) {
                        blockedSince = now;
                    } else if (now - blockedSince > UPCALL_BLOCKED_LIMIT_NANOS && runtime.queue.remove(this)) {
                        runtime.updateAttention();
                        fail(new KerasException(deadlockMessage(runtime)));
                    }
                } else {
                    blockedSince = 0;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return result;
        }

        private String deadlockMessage(PythonRuntime runtime) {
            Call blocked = runtime.current;
            String inCall = blocked == null || blocked.caller == null ? "" : " (running a call from thread '" + blocked.caller.getName() + "')";
            return "this jkeras call from thread '" + caller.getName() + "' cannot run: the Python thread" + inCall
                    + " has been blocked for over " + UPCALL_BLOCKED_LIMIT_NANOS / 1_000_000 + " ms inside Java code that Keras"
                    + " called (a callback), most likely waiting for this very call. Java code that Keras calls runs on the"
                    + " Python thread, so waiting there for another thread's jkeras call would never end: call jkeras"
                    + " directly from the callback instead (it runs inline). -Djkeras.upcallBlockedLimitMillis sets the limit.";
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
