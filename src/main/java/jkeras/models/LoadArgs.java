package jkeras.models;

import java.util.Map;
import jkeras.runtime.KwArgs;

/** Arguments of {@code keras.models.load_model} besides the path. */
public final class LoadArgs extends KwArgs<LoadArgs> {
    /** Custom classes or functions the file refers to, by the name it uses. */
    public LoadArgs customObjects(Map<String, ?> objects) {
        return put("custom_objects", objects);
    }

    /** Restore the compiled state (optimizer, loss, metrics); default true. */
    public LoadArgs compile(boolean compile) {
        return put("compile", compile);
    }

    /**
     * Keras' safe mode (default true): refuses to load Python lambdas embedded in the file, which
     * could run arbitrary code. Turn off only for files you trust.
     */
    public LoadArgs safeMode(boolean safeMode) {
        return put("safe_mode", safeMode);
    }
}
