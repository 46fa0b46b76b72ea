"""The reference driver: the benchmark's workloads in plain Python Keras, as a Python user writes them.

Reads commands (JSON lines) on stdin, answers on stdout (lines starting with common.MARKER); see
bench/run_bench.py for the protocol. One ``fit`` call per run; between epochs the timing callback
hands the turn back to the orchestrator and waits, so that the drivers take turns epoch by epoch.

Variants, to test explanations of a difference between drivers (environment variables):
  BENCH_FIT_THREAD=1       fit runs on a new thread with a 64 MB stack, as Python runs inside jkeras' JVM
  BENCH_DATA_LAYOUT=r      x and y handed to fit as float64 in Fortran order, as reticulate hands R arrays
  BENCH_BATCH_HOOK=1       a batch-end callback, which makes Keras dispatch batch callbacks synchronously,
                           as jkeras' interrupt check does
"""
import os
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

import keras  # noqa: E402
import numpy as np  # noqa: E402

FIT_THREAD = os.environ.get("BENCH_FIT_THREAD") == "1"
DATA_LAYOUT = os.environ.get("BENCH_DATA_LAYOUT", "python")
BATCH_HOOK = os.environ.get("BENCH_BATCH_HOOK") == "1"
DATA_FOLDER = os.environ.get("BENCH_DATA", "")

_data = {}


def load(kind, samples, seed):
    """The workload's data, prepared as a Python user would (cached; not timed)."""
    key = (kind, samples)
    if key in _data:
        return _data[key]
    source = kind
    if kind in ("fashion_mnist_flat", "fashion_mnist_images"):
        loader = keras.datasets.mnist if os.environ.get("BENCH_USE_MNIST") == "1" else keras.datasets.fashion_mnist
        source = "mnist" if loader is keras.datasets.mnist else "fashion_mnist"
        (x, y), _ = loader.load_data()
        x, y = x[:samples], y[:samples]
        x = x.reshape(samples, 784) if kind.endswith("flat") else x.reshape(samples, 28, 28, 1)
        x = x.astype("float32") / 255
        y = keras.utils.to_categorical(y, 10)
    elif kind == "cifar10":
        if os.environ.get("BENCH_USE_CIFAR10") == "1":
            (x, y), _ = keras.datasets.cifar10.load_data()
            x, y = x[:samples].astype("float32") / 255, y[:samples].reshape(-1)
        else:
            x, y = (np.load(p) for p in common.data_file_pair(DATA_FOLDER, "cifar10", samples, seed))
            source = "synthetic_cifar10"
        y = keras.utils.to_categorical(y, 10)
    elif kind == "sequences":
        x, y = (np.load(p) for p in common.data_file_pair(DATA_FOLDER, "sequences", samples, seed))
        source = "synthetic_sequences"
    else:
        raise ValueError(kind)
    if DATA_LAYOUT == "r":
        x, y = np.asfortranarray(x, dtype="float64"), np.asfortranarray(y, dtype="float64")
    _data[key] = (x, y, source)
    return _data[key]


def build(workload):
    layers = keras.layers
    if workload == "mlp":
        model = keras.Sequential([
            keras.Input(shape=(784,)),
            layers.Dense(256, activation="relu"), layers.Dropout(0.4),
            layers.Dense(128, activation="relu"), layers.Dropout(0.3),
            layers.Dense(64, activation="relu"), layers.Dropout(0.2),
            layers.Dense(10, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
    elif workload == "cnn":
        model = keras.Sequential([
            keras.Input(shape=(28, 28, 1)),
            layers.Conv2D(32, 3, activation="relu"), layers.MaxPooling2D(2),
            layers.Conv2D(64, 3, activation="relu"), layers.MaxPooling2D(2),
            layers.Dropout(0.25), layers.Flatten(),
            layers.Dense(10, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
    elif workload == "cifar_cnn":
        model = keras.Sequential([
            keras.Input(shape=(32, 32, 3)),
            layers.Conv2D(32, 3, padding="same", activation="relu"), layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(2), layers.Dropout(0.25),
            layers.Conv2D(64, 3, padding="same", activation="relu"), layers.Conv2D(64, 3, activation="relu"),
            layers.MaxPooling2D(2), layers.Dropout(0.25),
            layers.Flatten(), layers.Dense(512, activation="relu"), layers.Dropout(0.5),
            layers.Dense(10, activation="softmax"),
        ])
        model.compile(optimizer=keras.optimizers.RMSprop(learning_rate=1e-4), loss="categorical_crossentropy",
                      metrics=["accuracy"])
    elif workload == "hrnn":
        model = keras.Sequential([
            keras.Input(shape=(28, 28, 1)),
            layers.TimeDistributed(layers.LSTM(64)),
            layers.LSTM(64),
            layers.Dense(10, activation="softmax"),
        ])
        model.compile(optimizer="rmsprop", loss="categorical_crossentropy", metrics=["accuracy"])
    elif workload == "rnn":
        model = keras.Sequential([
            keras.Input(shape=(common.SEQUENCE_LENGTH,)),
            layers.Embedding(common.VOCABULARY, 32),
            layers.LSTM(32),
            layers.Dense(1, activation="sigmoid"),
        ])
        model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    else:
        raise ValueError(workload)
    return model


class Turns(keras.callbacks.Callback):
    """Times each epoch (wall and process CPU) and, between epochs, reports it and waits for the
    orchestrator's next "epoch" command: the drivers take turns epoch by epoch."""

    def __init__(self, epochs):
        super().__init__()
        self.epochs = epochs
        self.called = time.perf_counter()
        self.last = None
        self.paused = 0.0
        self.paused_cpu = 0.0
        self.paused_threads = {}
        self.fit_thread = None

    def on_train_begin(self, logs=None):
        self.fit_thread = common.this_thread_id()

    def on_epoch_begin(self, epoch, logs=None):
        self.threads = common.thread_ticks()
        self.cpu = common.process_cpu_seconds()
        self.start = time.perf_counter()
        if epoch == 0:
            self.setup = self.start - self.called

    def on_epoch_end(self, epoch, logs=None):
        wall = time.perf_counter() - self.start
        cpu = common.process_cpu_seconds() - self.cpu
        figures = {"epoch": epoch, "wall": wall, "cpu": cpu,
                   "threads": common.thread_cpu(self.threads, common.thread_ticks(), self.fit_thread)}
        if epoch == 0:
            figures["setup"] = self.setup
        if epoch == self.epochs - 1:
            self.last = figures
            return
        common.reply(figures)
        # While this driver waits, another runs its epoch: what this process burns meanwhile
        # competes with it, so it is measured too.
        paused, paused_cpu, paused_threads = time.perf_counter(), common.process_cpu_seconds(), common.thread_ticks()
        command = common.read_command()
        self.paused += time.perf_counter() - paused
        self.paused_cpu += common.process_cpu_seconds() - paused_cpu
        for group, seconds in common.thread_cpu(paused_threads, common.thread_ticks(), self.fit_thread).items():
            self.paused_threads[group] = self.paused_threads.get(group, 0.0) + seconds
        if command is None or command.get("cmd") != "epoch":
            self.model.stop_training = True  # the orchestrator is gone or gave up on this run


class BatchHook(keras.callbacks.Callback):
    """Does nothing after each batch; its presence makes Keras call batch callbacks synchronously."""

    def on_train_batch_end(self, batch, logs=None):
        pass


def fit(cmd):
    """One run: fit with a fresh model, answered epoch by epoch (see Turns)."""
    x, y, source = load(cmd["data"], cmd["samples"], cmd["seed"])
    keras.utils.set_random_seed(cmd["seed"])
    model = build(cmd["workload"])
    turns = Turns(cmd["epochs"])
    callbacks = [turns] + ([BatchHook()] if BATCH_HOOK else [])
    run = lambda: model.fit(x, y, epochs=cmd["epochs"], batch_size=cmd["batch_size"], verbose=0, callbacks=callbacks)  # noqa: E731
    if FIT_THREAD:
        history = on_big_thread(run)
    else:
        history = run()
    fit_seconds = time.perf_counter() - turns.called
    return {**(turns.last or {"stopped": True}), "fit": fit_seconds - turns.paused, "paused": turns.paused, "paused_cpu": turns.paused_cpu,
            "paused_threads": turns.paused_threads,
            "losses": [float(v) for v in history.history["loss"]], "data_source": source,
            "x_handed": {"dtype": str(x.dtype), "order": "F" if x.flags.f_contiguous and not x.flags.c_contiguous else "C"}}


def on_big_thread(work):
    """Runs ``work`` on a new thread with a 64 MB stack (jkeras' Python thread) and returns its result."""
    result = {}

    def target():
        try:
            result["value"] = work()
        except BaseException as error:  # noqa: BLE001 - handed back to the caller
            result["error"] = error

    previous = threading.stack_size(64 << 20)
    try:
        thread = threading.Thread(target=target, name="fit")
        thread.start()
    finally:
        threading.stack_size(previous)
    thread.join()
    if "error" in result:
        raise result["error"]
    return result["value"]


def micro(cmd):
    what, repeats = cmd["what"], cmd["repeats"]
    if what in ("batch_hooks", "callback"):
        return {"seconds": []}  # plain Keras: nothing crosses a language boundary
    if what == "noop":
        def noop():
            return None
        return {"seconds": timed(noop, repeats)}
    if what == "handoff_188mb":
        # A Python user's array is already NumPy: handing it to Keras is taking a reference.
        array = np.zeros(188_160_000 // 4, dtype="float32")
        return {"seconds": timed(lambda: np.asarray(array), repeats)}
    keras.utils.set_random_seed(1)
    model = build("mlp")
    sample = np.load(common.data_file(DATA_FOLDER, "sample", 1, 1, "x"))
    from jkeras.serving import Predictor

    serving = Predictor(model)
    calls = {
        "predict_one": lambda: model.predict(sample, verbose=0),
        "predict_on_batch_one": lambda: model.predict_on_batch(sample),
        # A Python user's fast path is predict_on_batch; the compiled function is measured too.
        "fast_path_one": lambda: model.predict_on_batch(sample),
        "serving_one": lambda: serving.predict(sample),
    }
    return {"seconds": timed(calls[what], repeats)}


def timed(call, repeats):
    for _ in range(min(20, repeats)):
        call()
    out = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        out.append(time.perf_counter() - start)
    return out


def hello():
    return {"driver": "python", "backend": keras.backend.backend(), "keras": keras.__version__,
            "numpy": np.__version__, "python": sys.version.split()[0],
            "tf_threads": common.tensorflow_threads(),
            "variant": {"fit_thread": FIT_THREAD, "data_layout": DATA_LAYOUT, "batch_hook": BATCH_HOOK}}


def main():
    for cmd in common.read_commands():
        kind = cmd["cmd"]
        if kind == "quit":
            break
        try:
            if kind == "hello":
                result = hello()
            elif kind == "fit":
                result = fit(cmd)
            elif kind == "micro":
                result = micro(cmd)
            elif kind == "threads":
                result = {"threads": common.thread_counts(), "libraries": common.threading_libraries()}
            else:
                raise ValueError(f"unknown command {kind}")
        except Exception as error:  # the orchestrator records it and goes on
            result = {"error": f"{type(error).__name__}: {error}"}
        common.reply(result)


if __name__ == "__main__":
    main()
