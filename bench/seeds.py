"""The report's section on the two published experiments this benchmark descends from (their texts
are in the project's shared/seeds/): what each claimed, what this benchmark measures today on the
same kind of workload, and why the two can differ."""

R_VS_PYTHON = ("An R-vs-Python timing of a Keras CNN image classifier (Keras 2.2, TensorFlow 1.7, 4-core i7 "
               "and a GTX 1050 Ti; 10 trainings per language, whole-training times, unpaired t-test)")
BACKENDS = ("Keras' five example models timed on each backend of 2017 (TensorFlow, CNTK, MXNet, Theano) on a "
            "Tesla K80 GPU, seconds per epoch")
BACKEND_CLAIMS = {
    "cifar_cnn": "TensorFlow a little faster than MXNet",
    "cnn": "TensorFlow clearly fastest",
    "mlp": "MXNet fastest (1.4 s/epoch); CNTK, TensorFlow, Theano alike (2.5–2.7 s)",
    "hrnn": "CNTK and MXNet 162–164 s/epoch, TensorFlow 179 s, Theano far slower",
    "rnn": "bAbI RNN: TensorFlow and Theano more than twice as fast as CNTK",
}


def _pct(o):
    if not o:
        return "–"
    if o.get("low") is None:
        return f"{o['percent']:+.1f}%"
    return f"{o['percent']:+.1f}% [{o['low']:+.1f}, {o['high']:+.1f}]"


def ranking(paired, workload):
    """Backends from fastest to slowest by Python's median epoch, with the times."""
    times = {b: per[workload]["medians"].get("python", {}).get("wall") for b, per in paired.items() if workload in per}
    times = {b: t for b, t in times.items() if t}
    if len(times) < 2:
        return None
    ordered = sorted(times, key=times.get)
    return " < ".join(f"{b} {times[b]:.2f} s" for b in ordered)


def render(summary):
    paired = summary.get("paired", {})
    tf = paired.get("tensorflow", {})
    out = ["## The seed experiments, side by side", "",
           "| claim | measured here, same kind of workload | why they can differ |", "|---|---|---|"]
    cnn = tf.get("cnn", {}).get("vs_python", {}).get("r", {})
    fit = summary.get("fit", {}).get("cnn", {}).get("vs_python", {}).get("r")
    first = summary.get("first_epoch", {}).get("cnn", {}).get("vs_python", {}).get("r")
    out.append(
        f"| {R_VS_PYTHON}: **R up to 15% slower than Python** | R vs Python on the Fashion-MNIST CNN: per epoch "
        f"{_pct(cnn.get('wall'))} wall, {_pct(cnn.get('cpu'))} CPU; first epoch {_pct(first)}; whole fit {_pct(fit)} "
        "| They timed whole trainings through R's keras package (its R-side callbacks and progress output, conversions "
        "of R arrays at each call) on a GPU where an epoch is short, so fixed per-call costs weigh more; 10 unpaired "
        "runs per language on a desktop measure drift as well. Here R drives the same Keras through reticulate, the "
        "epochs are paired, and the R-specific costs show where they land: the setup (R doubles converted to float32) "
        "and the whole-fit row, not the epoch. |")
    for workload, claim in BACKEND_CLAIMS.items():
        order = ranking(paired, workload)
        out.append(f"| {BACKENDS}, {workload}: **{claim}** | {order or 'not measured in this run'} (Python's median epoch) "
                   "| Different backends (CNTK, MXNet and Theano are gone; JAX and PyTorch came), Keras 3 instead of "
                   "2, and a 2-core CPU instead of a K80 GPU: on a CPU small models are bound by per-step overhead, "
                   "where a backend's dispatch cost, not its kernels, decides. |")
    return out
