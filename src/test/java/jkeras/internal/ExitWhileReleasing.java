package jkeras.internal;

import java.util.ArrayList;
import java.util.List;
import jkeras.tensor.Tensor;

/**
 * A program that ends while Python is busy calling back into Java (as a fit with Java callbacks
 * is) and right after closing tensors over NumPy memory, each of which queues a release on the
 * Python thread: the JVM must still exit (see RuntimeExitTest).
 */
public final class ExitWhileReleasing {
    public static void main(String[] args) {
        PythonRuntime python = PythonRuntime.get();
        List<Tensor> tensors = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            tensors.add((Tensor) ((List<?>) python.call("jkeras.selftest:arange", "float32", List.of(64))).get(0));
        }
        python.call("jkeras.selftest:touch_h5py"); // h5py's C exit handler needs the GIL
        Thread busy = new Thread(() -> python.call("jkeras.selftest:spin_calling_java",
                (java.util.function.Function<Object, Object>) x -> x, 60));
        busy.setDaemon(true);
        busy.start();
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tensors.forEach(Tensor::close);
        System.out.println("main done");
    }
}
