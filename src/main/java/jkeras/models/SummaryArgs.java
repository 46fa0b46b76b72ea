package jkeras.models;

import jkeras.runtime.KwArgs;

/** Options of {@code Model.summary} (all of Keras' but {@code print_fn}, which jkeras uses itself). */
public final class SummaryArgs extends KwArgs<SummaryArgs> {
    /** Total width of the table in characters. */
    public SummaryArgs lineLength(int characters) {
        return put("line_length", characters);
    }

    /** Relative or absolute positions of the column ends. */
    public SummaryArgs positions(double... positions) {
        return put("positions", list((Object[]) java.util.Arrays.stream(positions).boxed().toArray()));
    }

    /** Show the layers of nested models. */
    public SummaryArgs expandNested(boolean expand) {
        return put("expand_nested", expand);
    }

    /** Add a column saying whether each layer is trainable. */
    public SummaryArgs showTrainable(boolean show) {
        return put("show_trainable", show);
    }

    /** Only the layers from the first name to the second (inclusive). */
    public SummaryArgs layerRange(String first, String last) {
        return put("layer_range", list(first, last));
    }
}
