"""The tutorials' models written in plain Python Keras: the Java tests build the same models through
jkeras and compare summaries, parameter counts and training numbers with these."""
import keras
import numpy as np


def mlp():
    """784-256-128-64-10 with dropout (the MLP tutorial)."""
    return keras.Sequential(
        [
            keras.Input(shape=(784,)),
            keras.layers.Dense(256, activation="relu"),
            keras.layers.Dropout(0.4),
            keras.layers.Dense(128, activation="relu"),
            keras.layers.Dropout(0.3),
            keras.layers.Dense(64, activation="relu"),
            keras.layers.Dropout(0.2),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )


def mlp_small():
    """784-dense-dropout-10 (R keras' first tutorial)."""
    return keras.Sequential(
        [
            keras.Input(shape=(784,)),
            keras.layers.Dense(256, activation="relu"),
            keras.layers.Dropout(0.4),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )


def cnn():
    """conv32-pool-conv64-pool-dropout-flatten-dense-softmax (the CNN tutorial)."""
    return keras.Sequential(
        [
            keras.Input(shape=(28, 28, 1)),
            keras.layers.Conv2D(32, kernel_size=(3, 3), activation="relu"),
            keras.layers.MaxPooling2D(pool_size=(2, 2)),
            keras.layers.Conv2D(64, kernel_size=(3, 3), activation="relu"),
            keras.layers.MaxPooling2D(pool_size=(2, 2)),
            keras.layers.Dropout(0.25),
            keras.layers.Flatten(),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )


def lstm():
    """Embedding then LSTM for sequences of 100 word indices, binary output."""
    return keras.Sequential(
        [
            keras.Input(shape=(100,)),
            keras.layers.Embedding(10000, 32),
            keras.layers.LSTM(32),
            keras.layers.Dense(1, activation="sigmoid"),
        ]
    )


def gru():
    """Embedding then two GRUs, binary output."""
    return keras.Sequential(
        [
            keras.Input(shape=(100,)),
            keras.layers.Embedding(10000, 32),
            keras.layers.GRU(32, return_sequences=True),
            keras.layers.GRU(16),
            keras.layers.Dense(1, activation="sigmoid"),
        ]
    )


def two_inputs():
    """Functional: an image branch and a metadata branch, concatenated, two outputs."""
    image = keras.Input(shape=(784,), name="image")
    meta = keras.Input(shape=(10,), name="meta")
    x = keras.layers.Dense(64, activation="relu")(image)
    m = keras.layers.Dense(8, activation="relu")(meta)
    joined = keras.layers.concatenate([x, m])
    label = keras.layers.Dense(10, activation="softmax", name="label")(joined)
    score = keras.layers.Dense(1, name="score")(joined)
    return keras.Model(inputs=[image, meta], outputs=[label, score])


def summary_of(name):
    """(summary text, parameter count) of the reference model ``name``."""
    from jkeras import models

    model = globals()[name]()
    return [models.summary(model, {"line_length": 200}), int(model.count_params())]


def train_mlp(seed, x, y, epochs, batch_size):
    """Trains the MLP as a Python user would, seeded; returns per-epoch losses and accuracies."""
    keras.utils.set_random_seed(seed)
    model = mlp()
    model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
    history = model.fit(np.asarray(x), np.asarray(y), epochs=epochs, batch_size=batch_size, verbose=0)
    return [[float(v) for v in history.history["loss"]], [float(v) for v in history.history["accuracy"]]]


class _Unsaveable(keras.layers.Layer):
    """A layer whose config cannot be written: saving a model with it fails midway."""

    def get_config(self):
        raise RuntimeError("this layer refuses to be saved")


def unsaveable():
    return keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(2), _Unsaveable()])


def with_python_lambda():
    """A model holding a Python lambda: Keras' safe mode refuses to load it."""
    return keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(2), keras.layers.Lambda(lambda t: t * 2)])
