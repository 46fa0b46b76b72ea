package jkeras.layers;

/**
 * What a layer can be piped into, as with R's {@code %>%}: a Sequential model (the layer is added,
 * the model returned) or a symbolic tensor of the functional API (the layer is applied, its output
 * returned). The generated {@link LayerMethods} adds {@code layerDense(...)}, {@code layerConv2d(...)}…
 * for every Keras layer on top of {@link #then}.
 */
public interface LayerChain<T> {
    /** Pipes {@code layer} into this. */
    T then(Layer layer);
}
