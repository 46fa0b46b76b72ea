"""Train and test steps written in Java (``CustomModel.trainStep``/``testStep``): what Keras' own
steps are made of, for the Java ``TrainStep``/``TestStep`` to call, on each backend's terms.

On tensorflow and torch a step is stateful and Keras calls it with the batch: the Java step runs
as it is (traced by ``tf.function`` on tensorflow, at every step on torch). On jax Keras calls
``train_step(state, data)`` inside ``jax.jit`` and expects the new state back: the Java step runs
with every variable mapped to its value in ``state`` (a ``StatelessScope``), its assignments
recorded there, and what it assigned is the new state; ``gradients`` differentiates the Java
forward pass with ``jax.value_and_grad`` over the trainable variables' values.
"""
import keras

from jkeras.extending import run_java, tensor_handles


def java_step(model, kind, args):
    """train_step / test_step run by Java: stateful on tensorflow and torch; on jax the state Keras
    passes is mapped onto the variables for the Java code's time (a StatelessScope), and the values
    it assigned are the new state."""
    method = model._java.trainStep if kind == "train" else model._java.testStep
    if keras.backend.backend() != "jax":
        x, y, sample_weight = keras.utils.unpack_x_y_sample_weight(args[0])
        return run_java(method, tensor_handles(x), tensor_handles(y), tensor_handles(sample_weight))
    state, data = args
    groups = _jax_state_variables(model, kind)
    mapping = [(v, value) for group, values in zip(groups, state) for v, value in zip(group, values)]
    x, y, sample_weight = keras.utils.unpack_x_y_sample_weight(data)
    _jax_steps.append([v for group in groups for v in group])
    try:
        with keras.StatelessScope(state_mapping=mapping) as scope:
            logs = run_java(method, tensor_handles(x), tensor_handles(y), tensor_handles(sample_weight))
    finally:
        _jax_steps.pop()
    new_state = tuple([scope.get_current_value(v) for v in group] for group in groups)
    return logs, new_state


_jax_steps = []  # the variables of the jax steps running (mapped in the innermost StatelessScope)


def _jax_state_variables(model, kind):
    if kind == "train":
        return (model.trainable_variables, model.non_trainable_variables, model.optimizer.variables,
                model.metrics_variables)
    return (model.trainable_variables, model.non_trainable_variables, model.metrics_variables)


def compute_loss(model, x, y, y_pred, sample_weight, training):
    return tensor_handles(model._compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight, training=training))


def gradients(model, closure):
    """[loss, outputs, gradients]: the closure (Java: the loss and what to keep from the forward pass)
    run under the backend's way of differentiating: a GradientTape, jax.value_and_grad over the
    trainable variables' values, or torch's backward."""
    backend = keras.backend.backend()
    optimizer = model.optimizer
    # On tensorflow and torch the weights are listed after the forward pass: the first trace builds them.
    if backend == "tensorflow":
        import tensorflow as tf

        with tf.GradientTape() as tape:
            loss, outputs = run_java(closure.run)
            scaled = optimizer.scale_loss(loss) if optimizer is not None else loss
        grads = tape.gradient(scaled, model.trainable_variables)
    elif backend == "torch":
        model.zero_grad()
        loss, outputs = run_java(closure.run)
        scaled = optimizer.scale_loss(loss) if optimizer is not None else loss
        scaled.backward()
        grads = [v.value.grad for v in model.trainable_variables]
    elif backend == "jax":
        # Keras' jax trainer builds the model before it traces the step.
        loss, outputs, grads = _jax_gradients(model, closure, model.trainable_variables, optimizer)
    else:
        raise ValueError(f"gradients are not available on the {backend} backend")
    return tensor_handles([loss, list(outputs), list(grads)])


def _jax_gradients(model, closure, trainable, optimizer):
    import jax

    if not _jax_steps:
        raise RuntimeError("step.gradients(...) on jax runs inside a Java trainStep only")
    outer = keras.src.backend.get_stateless_scope()
    trainable_ids = {id(v) for v in trainable}
    others = [v for v in _jax_steps[-1] if id(v) not in trainable_ids]
    others_values = [outer.get_current_value(v) for v in others]

    def loss_of(values):
        mapping = list(zip(others, others_values)) + list(zip(trainable, values))
        # Losses the forward pass adds (addLoss) are collected here, where the loss can see them.
        with keras.StatelessScope(state_mapping=mapping, collect_losses=True) as inner:
            loss, outputs = run_java(closure.run)
            scaled = optimizer.scale_loss(loss) if optimizer is not None else loss
        updated = [inner.get_current_value(v) for v in others]
        return scaled, (loss, outputs, updated)

    current = [outer.get_current_value(v) for v in trainable]
    (_, (loss, outputs, updated)), grads = jax.value_and_grad(loss_of, has_aux=True)(current)
    for variable, before, after in zip(others, others_values, updated):
        if after is not before:
            variable.assign(after)  # recorded by the step's scope: part of the new state
    return loss, outputs, grads


def apply_gradients(model, grads):
    trainable = model.trainable_variables
    if keras.backend.backend() == "torch":
        import torch

        with torch.no_grad():
            model.optimizer.apply(list(grads), trainable)
    else:
        model.optimizer.apply(list(grads), trainable)


def update_metrics(model, x, y, y_pred, sample_weight, loss):
    """What Keras' own steps do after the loss: the loss tracker, then the compiled metrics; the logs."""
    from keras.src import tree

    if loss is not None:
        first = next(i for i in tree.flatten(x) if i is not None)
        if keras.backend.backend() == "tensorflow":
            import tensorflow as tf
            from keras.src.losses import loss as loss_module

            model._loss_tracker.update_state(loss_module.unscale_loss_for_distribution(loss),
                                             sample_weight=tf.shape(first)[0])
        else:
            model._loss_tracker.update_state(loss, sample_weight=first.shape[0])
    return tensor_handles(model.compute_metrics(x, y, y_pred, sample_weight=sample_weight))

