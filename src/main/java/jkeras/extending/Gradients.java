package jkeras.extending;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What {@link TrainStep#gradients} computed: the loss, the outputs kept, a gradient per trainable weight. */
public final class Gradients {
    private final Object loss;
    private final List<Object> outputs;
    private final List<Object> values;

    Gradients(Object loss, List<?> outputs, List<?> values) {
        this.loss = loss;
        this.outputs = Collections.unmodifiableList(new ArrayList<>(outputs));
        this.values = Collections.unmodifiableList(new ArrayList<>(values));
    }

    /** The loss (unscaled: what the logs show). */
    public Object loss() {
        return loss;
    }

    /** The outputs given to {@link TrainStep#loss}, in order. */
    public List<Object> outputs() {
        return outputs;
    }

    public Object output(int index) {
        return outputs.get(index);
    }

    /** One gradient per trainable weight of the model, in Keras' order; null for a weight the loss does not depend on. */
    public List<Object> values() {
        return values;
    }
}
