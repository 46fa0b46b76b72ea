package jkeras.models;

import java.util.List;
import java.util.Map;
import jkeras.losses.Loss;
import jkeras.optimizers.Optimizer;
import jkeras.runtime.KwArgs;

/**
 * Arguments of {@code Model.compile}: one setter per keyword argument of Keras' method (a test
 * checks that none is missing). Optimizers, losses and metrics are given by name ({@code "adam"},
 * {@code "categorical_crossentropy"}, {@code "accuracy"}) or as configured objects
 * ({@code optimizerAdam(a -> a.learningRate(1e-3))}).
 */
public final class CompileArgs extends KwArgs<CompileArgs> {
    /** Optimizer name or instance (default {@code "rmsprop"}). */
    public CompileArgs optimizer(String name) {
        return put("optimizer", name);
    }

    public CompileArgs optimizer(Optimizer optimizer) {
        return put("optimizer", optimizer);
    }

    /** Loss name or instance. */
    public CompileArgs loss(String name) {
        return put("loss", name);
    }

    public CompileArgs loss(Loss loss) {
        return put("loss", loss);
    }

    /** One loss per output of a multi-output model, by output name. */
    public CompileArgs loss(Map<String, ?> lossPerOutput) {
        return put("loss", lossPerOutput);
    }

    /** One loss per output, in output order. */
    public CompileArgs loss(List<?> lossPerOutput) {
        return put("loss", lossPerOutput);
    }

    /** Weights of each output's loss in the total, in output order. */
    public CompileArgs lossWeights(double... weights) {
        return put("loss_weights", list((Object[]) java.util.Arrays.stream(weights).boxed().toArray()));
    }

    /** Weights of each output's loss in the total, by output name. */
    public CompileArgs lossWeights(Map<String, Double> weights) {
        return put("loss_weights", weights);
    }

    /** Metrics: names ({@code "accuracy"}) or {@link jkeras.metrics.Metric} objects. */
    public CompileArgs metrics(Object... metrics) {
        return put("metrics", list(metrics));
    }

    /** Metrics per output of a multi-output model, by output name. */
    public CompileArgs metrics(Map<String, ?> metricsPerOutput) {
        return put("metrics", metricsPerOutput);
    }

    /** Metrics weighted by sample or class weights. */
    public CompileArgs weightedMetrics(Object... metrics) {
        return put("weighted_metrics", list(metrics));
    }

    /** Run the model eagerly, step by step, instead of compiled: slower, easier to debug. */
    public CompileArgs runEagerly(boolean runEagerly) {
        return put("run_eagerly", runEagerly);
    }

    /** Batches to run in one compiled call (fewer Python round trips on small models). */
    public CompileArgs stepsPerExecution(int steps) {
        return put("steps_per_execution", steps);
    }

    /** XLA-compile the model's steps ({@code true}/{@code false}); default {@code "auto"}. */
    public CompileArgs jitCompile(boolean jitCompile) {
        return put("jit_compile", jitCompile);
    }

    /** {@code "auto"}: let Keras decide whether to XLA-compile. */
    public CompileArgs jitCompile(String mode) {
        return put("jit_compile", mode);
    }

    /** Scale the loss by the optimizer's loss scale factor (mixed precision). */
    public CompileArgs autoScaleLoss(boolean autoScaleLoss) {
        return put("auto_scale_loss", autoScaleLoss);
    }
}
