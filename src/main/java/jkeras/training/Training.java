package jkeras.training;

import java.util.Map;
import java.util.function.Consumer;
import jkeras.models.Model;
import jkeras.runtime.PythonRuntime;
import jkeras.tensor.Tensor;
import jkeras.view.MetricsView;

/** The calls behind {@link Model}'s fit, evaluate and predict methods. */
public final class Training {
    private Training() {}

    public static History fit(Model model, Object x, Object y, Consumer<FitArgs> args) {
        FitArgs fit = new FitArgs();
        args.accept(fit);
        Map<String, Object> kwargs = MetricsView.forFit(model, fit.toMap(), fit.viewMetricsRequested()); // the live page, if any
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) PythonRuntime.get().call("jkeras.training:fit", model, x, y, kwargs);
        History history = History.fromPython(result);
        if (Boolean.TRUE.equals(result.get("interrupted"))) {
            throw new TrainingInterruptedException(history);
        }
        return history;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Double> evaluate(Model model, Object x, Object y, Consumer<EvaluateArgs> args) {
        EvaluateArgs evaluate = new EvaluateArgs();
        args.accept(evaluate);
        return (Map<String, Double>) PythonRuntime.get().call("jkeras.training:evaluate", model, x, y, evaluate.toMap());
    }

    public static Tensor predict(Model model, Object x, Consumer<PredictArgs> args) {
        PredictArgs predict = new PredictArgs();
        args.accept(predict);
        return (Tensor) PythonRuntime.get().call("jkeras.training:predict", model, x, predict.toMap());
    }

    public static Tensor predictOnBatch(Model model, Object x) {
        return (Tensor) PythonRuntime.get().call("jkeras.training:predict_on_batch", model, x);
    }

    public static int[] predictClasses(Model model, Object x, Consumer<PredictArgs> args) {
        PredictArgs predict = new PredictArgs();
        args.accept(predict);
        try (Tensor classes = (Tensor) PythonRuntime.get().call("jkeras.training:predict_classes", model, x, predict.toMap())) {
            return classes.toIntArray();
        }
    }

    /** Seeds Python's, NumPy's and the backend's generators (R's {@code set_random_seed}). */
    public static void setRandomSeed(int seed) {
        PythonRuntime.get().call("jkeras.training:set_random_seed", seed);
    }
}
