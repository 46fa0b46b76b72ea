"""The soak cycle in plain Python Keras: what jkeras' soak (jkeras.bench.Soak) is compared with.

One cycle: build, compile and fit a small MLP for one epoch, save it to a .keras file, load it back,
predict with the loaded model, drop both; then 50 times: make a [256, 784] array, predict it with a
model kept for the whole run, drop the array and the prediction. After each cycle the process'
resident memory (VmRSS) is written to the CSV: cycle,seconds,rss_mb. scripts/soak runs it beside
the Java soak (jkeras.bench.Soak) and compares the two (jkeras.bench.SoakReport).

    python bench/soak/soak_python.py --minutes 10 --max-cycles 400 --out soak_python.csv
"""
import argparse
import os
import tempfile
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402
import numpy as np  # noqa: E402

SAMPLES, FEATURES, CLASSES = 2048, 784, 10
TENSOR_CYCLES = 50


def rss_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def mlp():
    model = keras.Sequential([
        keras.Input(shape=(FEATURES,)),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dense(CLASSES, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def data():
    """The same data as the Java soak: element i of x is (i % 251) / 251, label j is j % 10."""
    x = (np.arange(SAMPLES * FEATURES, dtype=np.int64) % 251 / 251).astype("float32").reshape(SAMPLES, FEATURES)
    y = (np.arange(SAMPLES) % CLASSES).astype("int32")
    return x, y


def model_cycle(x, y, folder):
    model = mlp()
    model.fit(x, y, epochs=1, batch_size=64, verbose=0)
    path = os.path.join(folder, "soak.keras")
    model.save(path)
    loaded = keras.models.load_model(path)
    loaded.predict(x[:256], verbose=0)
    del model, loaded


def tensor_cycle(server):
    for i in range(TENSOR_CYCLES):
        batch = np.full((256, FEATURES), i / TENSOR_CYCLES, dtype="float32")
        prediction = server.predict_on_batch(batch)
        del batch, prediction


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--max-cycles", type=int, default=400)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    keras.utils.set_random_seed(1)
    x, y = data()
    server = mlp()
    start = time.monotonic()
    with tempfile.TemporaryDirectory() as folder, open(args.out, "w") as out:
        out.write("cycle,seconds,rss_mb\n")
        out.write(f"0,0.0,{rss_mb():.1f}\n")
        cycle = 0
        while cycle < args.max_cycles and time.monotonic() - start < args.minutes * 60:
            cycle += 1
            model_cycle(x, y, folder)
            tensor_cycle(server)
            out.write(f"{cycle},{time.monotonic() - start:.1f},{rss_mb():.1f}\n")
            out.flush()


if __name__ == "__main__":
    main()
