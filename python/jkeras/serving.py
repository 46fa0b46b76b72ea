"""The serving path: one model compiled once for inference, called with a batch, answering NumPy.

Faster than ``predict_on_batch`` (which rebuilds its data structures and checks on every call): on
TensorFlow a concrete ``tf.function`` with the model's input signature (batch size free), on JAX a
jit-compiled ``stateless_call`` given the current weights, on torch the model called without
gradients. It reads the model's weights at each call, so training after making it is seen.

Java calls it through *staging memory* (``run_staged``): the predictor owns one aligned buffer per
input, one per output and a small int64 header. On the Python thread, Java copies the request rows
into the input buffers and writes their dtypes and shapes into the header; ``run_staged`` runs the
model on views of them, copies each output into its buffer and writes its address, dtype and shape
into the header, and Java copies it out. One call crosses JNI and nothing else does: no tensor is
lent or wrapped, no NumPy memory waits for a second call to be released.
"""
import keras
import numpy as np

# Buffers start at a 64-byte boundary: TensorFlow (Eigen) only uses input memory in place when it
# is aligned so, and copies it otherwise.
_ALIGN = 64
# Which backends compile once per input shape, so that a batching server must pad batches to a
# few fixed sizes (jax.jit traces and compiles again for every new batch size). TensorFlow's
# concrete function has a free batch dimension and torch runs eagerly: neither needs it.
_PADDING_BACKENDS = frozenset(["jax"])


class Predictor:
    def __init__(self, model, dtype_names=None):
        if not model.built or not getattr(model, "inputs", None):
            raise ValueError("the model has no known input yet: give it an input shape (or call predict once) first")
        self.model = model
        self.backend = keras.backend.backend()
        named_inputs = _named(getattr(model, "_inputs_struct", None), model.inputs, "input")
        self._input_tensors = [t for _, t in named_inputs]  # the order of positional inputs everywhere
        self._call = {"tensorflow": self._tensorflow, "jax": self._jax, "torch": self._torch}.get(
            self.backend, self._generic
        )()
        self._dtypes = [np.dtype(n) for n in (dtype_names or [])]
        self._ordinals = {d: i for i, d in enumerate(self._dtypes)}
        self.inputs = _specs(named_inputs)
        self.outputs = _specs(_named(getattr(model, "_outputs_struct", None), getattr(model, "outputs", None) or [], "output"))
        self._staging = [np.empty(0, np.uint8) for _ in self.inputs]
        self._in_slots = 1 + sum(2 + len(shape) for _, _, shape in self.inputs)
        out_rank = sum(len(shape) for _, _, shape in self.outputs) if self.outputs else 64
        self._out_slots = 1 + 4 * max(len(self.outputs), 8) + out_rank
        self._header = np.zeros(self._in_slots + self._out_slots, np.int64)
        self._out_buffers = []  # [(address, aligned uint8 buffer)] per output
        self._numpy = _to_numpy(self.backend)

    def _inputs(self, x):
        if len(self.model.inputs) == 1:
            return x[0]
        struct = getattr(self.model, "_inputs_struct", None)
        if isinstance(struct, dict):
            return keras.tree.pack_sequence_as(struct, list(x))
        return list(x)

    def _tensorflow(self):
        import tensorflow as tf

        specs = [tf.TensorSpec([None, *t.shape[1:]], t.dtype) for t in self._input_tensors]
        concrete = tf.function(lambda *x: self.model(self._inputs(x), training=False), input_signature=specs)
        function = concrete.get_concrete_function()
        return lambda x: function(*x)

    def _jax(self):
        import jax

        model = self.model

        @jax.jit
        def run(trainable, non_trainable, x):
            return model.stateless_call(trainable, non_trainable, self._inputs(x), training=False)[0]

        return lambda x: run([v.value for v in model.trainable_variables],
                             [v.value for v in model.non_trainable_variables], x)

    def _torch(self):
        import torch

        def run(x):
            with torch.no_grad():
                return self.model(self._inputs(x), training=False)

        return run

    def _generic(self):
        return lambda x: self.model.predict_on_batch(self._inputs(x))

    def predict(self, *x):
        outputs = self._call(x)
        if isinstance(outputs, (list, tuple)):
            return [keras.ops.convert_to_numpy(o) for o in outputs]
        return np.asarray(keras.ops.convert_to_numpy(outputs))

    # ------------------------------------------------------------------ Java's staged call

    def signature(self):
        """What Java checks requests against, and how it reaches the staging memory."""
        return {
            "inputs": [[name, str(dtype), _dims(shape)] for name, dtype, shape in self.inputs],
            "outputs": [[name, str(dtype), _dims(shape)] for name, dtype, shape in self.outputs],
            "header": [self._header.__array_interface__["data"][0], self._in_slots, self._out_slots],
            "pads_batches": self.backend in _PADDING_BACKENDS,
            "backend": self.backend,
        }

    def staging(self, index, nbytes):
        """[address, capacity] of input ``index``'s buffer, grown to hold at least ``nbytes``."""
        buffer = self._staging[index]
        if buffer.nbytes < nbytes:
            buffer = self._staging[index] = _aligned(max(nbytes, 2 * buffer.nbytes))
        return [buffer.__array_interface__["data"][0], buffer.nbytes]

    def run_staged(self):
        """Runs the model on the staged inputs the header describes; describes the outputs there."""
        header = self._header
        spec = header[: self._in_slots].tolist()
        arrays = []
        at = 1
        for index in range(spec[0]):
            dtype = self._dtypes[spec[at]]
            rank = spec[at + 1]
            shape = spec[at + 2: at + 2 + rank]
            at += 2 + rank
            nbytes = dtype.itemsize
            for d in shape:
                nbytes *= d
            arrays.append(self._staging[index][:nbytes].view(dtype).reshape(shape))
        outputs = self._call(arrays)
        if isinstance(outputs, dict):
            outputs = keras.tree.flatten(outputs)
        elif not isinstance(outputs, (list, tuple)):
            outputs = (outputs,)
        described = [len(outputs)]
        for index, output in enumerate(outputs):
            array = self._numpy(output)
            ordinal = self._ordinals.get(array.dtype)
            if ordinal is None:
                raise TypeError(f"the model answered dtype {array.dtype}, which Java tensors do not hold; "
                                f"supported: {', '.join(sorted(d.name for d in self._ordinals))}")
            # Into a buffer kept for this output, whose address is only looked up when it grows:
            # reading an array's address from Python (__array_interface__) costs more than the copy.
            address, buffer = self._output_buffer(index, array.nbytes)
            buffer[: array.nbytes].view(array.dtype).reshape(array.shape)[...] = array
            described += (address, array.nbytes, ordinal, array.ndim, *array.shape)
        if len(described) > self._out_slots:
            raise ValueError(f"the outputs need {len(described)} header slots, the header has {self._out_slots}")
        header[self._in_slots: self._in_slots + len(described)] = described

    def _output_buffer(self, index, nbytes):
        while len(self._out_buffers) <= index:
            self._out_buffers.append((0, np.empty(0, np.uint8)))
        address, buffer = self._out_buffers[index]
        if buffer.nbytes < nbytes:
            buffer = _aligned(max(nbytes, 2 * buffer.nbytes))
            address = buffer.__array_interface__["data"][0]
            self._out_buffers[index] = (address, buffer)
        return address, buffer


def _aligned(nbytes):
    raw = np.empty(nbytes + _ALIGN, np.uint8)
    start = -raw.__array_interface__["data"][0] % _ALIGN
    return raw[start:start + nbytes]


def _to_numpy(backend):
    """The cheapest exact conversion of the backend's output to NumPy (keras.ops' generic one costs
    more than the copy that follows it)."""
    if backend == "tensorflow":
        return lambda t: t.numpy() if hasattr(t, "numpy") else np.asarray(t)
    if backend == "torch":
        return lambda t: t.detach().cpu().numpy() if hasattr(t, "detach") else np.asarray(t)
    return lambda t: np.asarray(keras.ops.convert_to_numpy(t))


def _dims(shape):
    return [-1 if d is None else int(d) for d in shape]


def _named(struct, tensors, fallback):
    """[(name, tensor)] in the order Java sees them: a dict's keys in keras.tree's (sorted) order,
    else the model's order, named after the layer that made each tensor."""
    if isinstance(struct, dict):
        return list(zip(keras.tree.flatten({k: str(k) for k in struct}), keras.tree.flatten(struct)))
    named = []
    for i, t in enumerate(tensors):
        history = getattr(t, "_keras_history", None)
        named.append((getattr(getattr(history, "operation", None), "name", None) or f"{fallback}_{i}", t))
    return named


def _specs(named):
    return [(name, t.dtype, tuple(t.shape)) for name, t in named]


def predictor(model, dtype_names=None):
    """[the predictor, its signature]: one trip for Java."""
    made = Predictor(model, dtype_names)
    return [made, made.signature()]


def predict(predictor, x):
    return predictor.predict(x)


def predict_many(predictor, inputs):
    return predictor.predict(*inputs)


def staging(predictor, index, nbytes):
    return predictor.staging(index, nbytes)


def run_staged(predictor):
    predictor.run_staged()
