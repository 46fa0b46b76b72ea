package jkeras.layers;

/** Placeholder until scripts/generate_wrappers writes the generated interface of the same name. */
public interface LayerMethods<T> extends LayerChain<T> {
}
