"""The Python anchor of the serving benchmark (scripts/bench serving): the tutorial MLP served the way a
Python service does it, N threads of one process each calling the model for one-sample requests in a
closed loop, under the GIL. Two forms: Keras' ``predict_on_batch`` (what the issue compares with) and
the compiled inference function of ``jkeras.serving.Predictor`` (the same function Java calls).

    python bench/serving_anchor.py OUT.json [--seconds S] [--threads 1,4,16,64] [--forms predict_on_batch,compiled]
"""
import argparse
import json
import os
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "python"))

import numpy as np  # noqa: E402


def tutorial_mlp(keras):
    """scripts/demo's MLP (MlpTutorial.model() in Java)."""
    return keras.Sequential([
        keras.Input((784,)),
        keras.layers.Dense(256, activation="relu"),
        keras.layers.Dropout(0.4),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dropout(0.3),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dropout(0.2),
        keras.layers.Dense(10, activation="softmax"),
    ])


def closed_loop(call, samples, threads, seconds, warmup):
    """Each thread sends its next request when the last is answered; requests/s and latency percentiles."""
    start = time.perf_counter()
    measure_from, measure_to = start + warmup, start + warmup + seconds
    latencies = [[] for _ in range(threads)]

    def client(index):
        n = 0
        mine = latencies[index]
        while True:
            begin = time.perf_counter()
            if begin >= measure_to:
                return
            call(samples[(index * 37 + n) % len(samples)])
            n += 1
            end = time.perf_counter()
            if begin >= measure_from and end <= measure_to:
                mine.append(end - begin)

    workers = [threading.Thread(target=client, args=(i,)) for i in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    every = sorted(x for mine in latencies for x in mine)

    def percentile(q):
        return every[min(len(every) - 1, int(q * len(every)))] * 1e3 if every else float("nan")

    return {"requests_per_second": len(every) / seconds, "p50_ms": percentile(0.50), "p90_ms": percentile(0.90),
            "p99_ms": percentile(0.99), "requests": len(every), "errors": 0}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--threads", default="1,4,16,64")
    parser.add_argument("--forms", default="predict_on_batch,compiled")
    args = parser.parse_args()

    import keras

    from jkeras.serving import Predictor

    keras.utils.set_random_seed(1)
    model = tutorial_mlp(keras)
    rng = np.random.RandomState(1)
    samples = [rng.rand(1, 784).astype("float32") for _ in range(256)]
    compiled = Predictor(model)
    calls = {"predict_on_batch": model.predict_on_batch, "compiled": compiled.predict}
    warmup = min(2.0, max(0.5, args.seconds / 4))
    result = {"versions": {"python": sys.version.split()[0], "keras": keras.__version__, "backend": keras.backend.backend(),
                           "numpy": np.__version__}, "seconds_per_point": args.seconds, "switch_interval_s": sys.getswitchinterval()}
    for form in args.forms.split(","):
        points = {}
        for threads in [int(t) for t in args.threads.split(",")]:
            points[str(threads)] = closed_loop(calls[form], samples, threads, args.seconds, warmup)
            print(f"python {form}, {threads} threads: {points[str(threads)]}", file=sys.stderr, flush=True)
        result["python_" + form] = points
    with open(args.out, "w") as f:
        json.dump(result, f, indent=2)


if __name__ == "__main__":
    main()
