"""The plain-Python side of the streaming benchmark (jkeras.bench.StreamingBenchmark).

Every variant runs one epoch through ``timed_epoch``: the same Keras ``fit`` call and the same
timing callback; only the data differs (NumPy arrays Python owns, or the adapter of a Java data
source, which the bridge makes when a source is an argument).
"""
import time

import numpy as np

_arrays = {}


def keep_copy(name, tensor_array):
    """Keeps a NumPy copy of an array under ``name``: data plain Python owns, as a Python program's would."""
    _arrays[name] = np.array(tensor_array, copy=True)


def forget(name):
    _arrays.pop(name, None)


def timed_epoch(model, x, y, batch_size):
    """One epoch of ``model.fit``: [wall seconds, process CPU seconds, loss], timed from epoch begin to end.

    ``x`` and ``y`` are names of kept arrays, or ``x`` is a Java data source's adapter and ``y`` None.
    """
    import keras

    class EpochTimer(keras.callbacks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            self.started = (time.perf_counter(), time.process_time())

        def on_epoch_end(self, epoch, logs=None):
            self.measured = (time.perf_counter() - self.started[0], time.process_time() - self.started[1], float(logs["loss"]))

    timer = EpochTimer()
    if isinstance(x, str):
        model.fit(_arrays[x], _arrays[y], batch_size=batch_size, epochs=1, shuffle=False, verbose=0, callbacks=[timer])
    else:
        model.fit(x, epochs=1, verbose=0, callbacks=[timer])
    return list(timer.measured)
