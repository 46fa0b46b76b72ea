/**
 * Extending Keras in Java: layers, models (with their own {@code trainStep}/{@code testStep}),
 * losses and metrics whose code is Java, used like any Keras object and saved with the model.
 *
 * <p>Extend {@link jkeras.extending.CustomLayer}, {@link jkeras.extending.CustomModel},
 * {@link jkeras.extending.CustomLoss} or {@link jkeras.extending.CustomMetric}, or pass a Java
 * function to {@code lossFunction}/{@code metricFunction}. Each is backed by a real Keras subclass
 * in Python that calls the Java object on the Python thread. Bodies are written with the ops
 * ({@code opMatmul}, {@code opAdd}…), which take and give tensor handles.
 *
 * <p><b>When the Java code runs.</b> Under tensorflow and jax, Keras traces {@code call} and the
 * train and test steps ({@code tf.function}, {@code jax.jit}): the Java code runs while the graph is
 * made, once per trace, and training then runs at the traced graph's speed. Under torch nothing is
 * traced: the Java code runs at every step, and each op it calls crosses into Python (see the
 * benchmark in {@code bench/results/extending.md}). So a Java field changed in {@code call} changes
 * once per trace, not once per step: state that must change every step lives in weights
 * ({@link jkeras.extending.Weight#assignAdd}).
 *
 * <p><b>Handles.</b> Tensors reach the Java code as {@link jkeras.layers.KerasTensor} handles; the
 * handles made while a {@code call} (or step, loss, metric method) runs are closed when it returns,
 * so a trace leaves nothing behind. Keep what must last in weights, made in {@code build} or the
 * constructor.
 *
 * <p><b>Lifetime.</b> A Java custom object and its Keras object hold each other (Keras calls the
 * Java object; the Java object is a handle to the Keras one), which neither garbage collector can
 * see through. Closing the Java object ({@code close()}, like any handle) releases Java's side:
 * Keras' object, and with it the Java object, are freed once no model uses it any more. A program
 * that makes many models with custom objects closes them when done; one that makes a few need not.
 *
 * <p><b>Saving.</b> A saved model records each Java object's registered name (its class name unless
 * registered under another with {@code registerKerasSerializable}) and what its
 * {@code getConfig(Config)} put; loading (in any JVM) makes the object again through its
 * {@code fromConfig(Config)} or its constructor taking a {@link jkeras.extending.Config}.
 */
package jkeras.extending;
