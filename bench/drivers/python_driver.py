"""The reference driver: the benchmark's workloads in plain Python Keras, as a Python user writes them.

Reads commands (JSON lines) on stdin, answers on stdout (lines starting with common.MARKER); see
bench/run_bench.py for the protocol.
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

import keras  # noqa: E402
import numpy as np  # noqa: E402

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
            x, y = common.make_synthetic_cifar(samples, seed)
            source = "synthetic_cifar10"
        y = keras.utils.to_categorical(y, 10)
    elif kind == "sequences":
        x, y = common.make_sequences(samples, seed)
        source = "synthetic_sequences"
    else:
        raise ValueError(kind)
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


class EpochTimer(keras.callbacks.Callback):
    def __init__(self):
        super().__init__()
        self.seconds = []

    def on_epoch_begin(self, epoch, logs=None):
        self._start = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        self.seconds.append(time.perf_counter() - self._start)


def train(cmd):
    x, y, source = load(cmd["data"], cmd["samples"], cmd["seed"])
    keras.utils.set_random_seed(cmd["seed"])
    model = build(cmd["workload"])
    timer = EpochTimer()
    start = time.perf_counter()
    history = model.fit(x, y, epochs=cmd["epochs"], batch_size=cmd["batch_size"], verbose=0, callbacks=[timer])
    fit_seconds = time.perf_counter() - start
    return {"epoch_seconds": timer.seconds, "fit_seconds": fit_seconds,
            "losses": [float(v) for v in history.history["loss"]], "data_source": source}


def micro(cmd):
    what, repeats = cmd["what"], cmd["repeats"]
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
    sample = common.make_sample(784, 1)[0]
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


def main():
    for cmd in common.read_commands():
        kind = cmd["cmd"]
        if kind == "quit":
            break
        try:
            if kind == "hello":
                result = {"driver": "python", "backend": keras.backend.backend(), "keras": keras.__version__,
                          "numpy": np.__version__, "python": sys.version.split()[0]}
            elif kind == "train":
                result = train(cmd)
            elif kind == "micro":
                result = micro(cmd)
            else:
                raise ValueError(f"unknown command {kind}")
        except Exception as error:  # the orchestrator records it and goes on
            result = {"error": f"{type(error).__name__}: {error}"}
        common.reply(result)


if __name__ == "__main__":
    main()
