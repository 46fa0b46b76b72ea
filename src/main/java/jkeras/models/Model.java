package jkeras.models;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import com.google.gson.JsonObject;
import jkeras.layers.KerasTensor;
import jkeras.layers.Layer;
import jkeras.runtime.PythonObject;
import jkeras.runtime.PythonRuntime;

/**
 * A Keras model: built with {@code kerasModelSequential()} or, from symbolic tensors, with
 * {@code kerasModel(inputs, outputs)}; or a ready-made architecture ({@code applicationResnet50}).
 * A model is a layer too, and can be used inside another model.
 */
public class Model extends Layer {
    public Model(PythonObject handle) {
        super(handle);
    }

    // ------------------------------------------------------------------ compile

    /**
     * Configures training: {@code model.compile(c -> c.optimizer(optimizerAdam()).loss("categorical_crossentropy").metrics("accuracy"))}.
     */
    public Model compile(Consumer<CompileArgs> args) {
        CompileArgs compile = new CompileArgs();
        args.accept(compile);
        PythonRuntime.get().call("jkeras.models:compile", this, compile.toMap());
        return this;
    }

    /**
     * The short form of R's {@code compile(optimizer, loss, metrics)}: each a name or an object,
     * e.g. {@code compile(optimizerRmsprop(), "categorical_crossentropy", "accuracy")}.
     */
    public Model compile(Object optimizer, Object loss, Object... metrics) {
        return compile(c -> {
            c.kwarg("optimizer", optimizer).kwarg("loss", loss);
            if (metrics.length > 0) {
                c.metrics(metrics);
            }
        });
    }

    /** Whether {@link #compile} has been called. */
    public boolean isCompiled() {
        return Boolean.TRUE.equals(callOnSelf("jkeras.models:is_compiled"));
    }

    // ------------------------------------------------------------------ inspection

    /** Keras' summary table as text (layers, output shapes, parameter counts). */
    public String summary() {
        return summary(s -> { });
    }

    /** The summary with Keras' options: {@code summary(s -> s.expandNested(true).showTrainable(true))}. */
    public String summary(Consumer<SummaryArgs> args) {
        SummaryArgs summary = new SummaryArgs();
        args.accept(summary);
        return (String) PythonRuntime.get().call("jkeras.models:summary", this, summary.toMap());
    }

    /** Prints {@link #summary()} to standard output, as R's {@code summary(model)} does. */
    public Model printSummary() {
        System.out.println(summary());
        return this;
    }

    /** The model's layers, in order (a Sequential model's Input is not one). */
    public List<Layer> layers() {
        List<Layer> out = new ArrayList<>();
        for (Object handle : (List<?>) callOnSelf("jkeras.models:layers")) {
            out.add(LayerTypes.wrap(PythonObject.of(handle)));
        }
        return out;
    }

    /** The layer named {@code name}. */
    public Layer getLayer(String name) {
        return LayerTypes.wrap(PythonObject.of(callOnSelf("jkeras.models:get_layer", name, null)));
    }

    /** The layer at {@code index} (0-based, as in Python). */
    public Layer getLayer(int index) {
        return LayerTypes.wrap(PythonObject.of(callOnSelf("jkeras.models:get_layer", null, index)));
    }

    /** Symbolic inputs (functional and built Sequential models). */
    public List<KerasTensor> inputs() {
        return tensors(callOnSelf("jkeras.models:inputs"));
    }

    /** Symbolic outputs. */
    public List<KerasTensor> outputs() {
        return tensors(callOnSelf("jkeras.models:outputs"));
    }

    private static List<KerasTensor> tensors(Object handles) {
        List<KerasTensor> out = new ArrayList<>();
        for (Object h : (List<?>) handles) {
            out.add(new KerasTensor(PythonObject.of(h)));
        }
        return out;
    }

    /** The architecture as Keras' JSON ({@code model.to_json()}): class name and config. */
    public String toJson() {
        return (String) callOnSelf("jkeras.models:to_json");
    }

    /** A new, untrained model from {@link #toJson()}'s output (R's {@code model_from_json}). */
    public static Model fromJson(String json) {
        return wrap(PythonRuntime.get().call("jkeras.models:from_json", json));
    }

    /** A new, untrained model of this one's class from a config ({@link #getConfig()}). */
    public Model fromConfig(JsonObject config) {
        return wrap(callOnSelf("jkeras.models:from_config", config.toString()));
    }

    /** A handle as the right Java type: Sequential or Model. */
    public static Model wrap(Object handle) {
        PythonObject object = PythonObject.of(handle);
        return Boolean.TRUE.equals(PythonRuntime.get().call("jkeras.models:is_sequential", object))
                ? new Sequential(object) : new Model(object);
    }
}
