"""Turns bench/results/results.json into the report (report.md) and the numbers the charts draw
(summary.json). Run by scripts/bench after run_bench.py; rerunnable on its own."""
import argparse
import json
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import stats  # noqa: E402

DRIVERS = ["python", "java", "r"]
DRIVER_NAMES = {"python": "Python", "java": "Java (jkeras)", "r": "R (reticulate)"}
MICRO_NAMES = {
    "noop": "no-op call into Python",
    "fast_path_one": "one sample, each driver's fast path (Python, R: predict_on_batch; Java: model.predictor())",
    "predict_on_batch_one": "one sample, Keras predict_on_batch",
    "serving_one": "one sample, the compiled inference function (jkeras.serving) called from each language",
    "predict_one": "one sample, Keras predict()",
    "handoff_188mb": "handing 188 MB (Fashion-MNIST's training set) to Python",
}
GOAL_EPOCH_OVERHEAD = 1.0
GOAL_FAST_PATH_US = 20.0
# On the project's VM an epoch takes its normal time or up to about twice that (the machine gives
# the process about one core instead of two, in bursts of minutes). Epochs within this factor of the
# workload's fastest, whoever ran it, count as "full speed"; the same cut for every driver.
FULL_SPEED_FACTOR = 1.25


def measured_epochs(row):
    """Per-epoch times without the first epoch of the run (tracing and compilation: warm-up)."""
    return row["epoch_seconds"][1:]


def collect(train_rows):
    """{workload: {driver: [rows]}}."""
    out = {}
    for row in train_rows:
        if "error" in row:
            continue
        out.setdefault(row["workload"], {}).setdefault(row["driver"], []).append(row)
    return out


def epoch_samples(rows):
    return [s for row in rows for s in measured_epochs(row)]


def full_speed(samples_by_driver):
    """Per driver: median of its full-speed epochs, how many of its epochs were, and the difference
    of medians from Python's in %. Slow bursts hit drivers alike, so the share is reported too."""
    fastest = min(min(v) for v in samples_by_driver.values() if v)
    cut = FULL_SPEED_FACTOR * fastest
    out = {}
    for driver, samples in samples_by_driver.items():
        kept = [s for s in samples if s <= cut]
        out[driver] = {"median": statistics.median(kept) if kept else None, "n": len(kept), "of": len(samples)}
    reference = out.get("python", {}).get("median")
    for driver, entry in out.items():
        if driver != "python" and reference and entry["median"]:
            entry["percent_vs_python"] = 100 * (entry["median"] / reference - 1)
    return out


def summarize(results):
    grouped = collect(results["train"])
    summary = {"epoch": {}, "full_speed": {}, "fit": {}, "overhead": {}, "fit_overhead": {}, "loss_agreement": {},
               "micro": {}, "backends": {}}
    for workload, per_driver in grouped.items():
        summary["epoch"][workload] = {d: stats.summary(epoch_samples(rows)) for d, rows in per_driver.items()}
        summary["full_speed"][workload] = full_speed({d: epoch_samples(rows) for d, rows in per_driver.items()})
        summary["fit"][workload] = {d: stats.summary([r["fit_seconds"] for r in rows]) for d, rows in per_driver.items()}
        reference = per_driver.get("python")
        if not reference:
            continue
        summary["overhead"][workload] = {
            d: stats.overhead_percent(epoch_samples(rows), epoch_samples(reference))
            for d, rows in per_driver.items() if d != "python"
        }
        summary["fit_overhead"][workload] = {
            d: stats.overhead_percent([r["fit_seconds"] for r in rows], [r["fit_seconds"] for r in reference])
            for d, rows in per_driver.items() if d != "python" and len(rows) > 1
        }
        final = {d: [r["losses"][-1] for r in rows] for d, rows in per_driver.items()}
        summary["loss_agreement"][workload] = {
            "final_loss": {d: statistics.fmean(v) for d, v in final.items()},
            "max_abs_difference_vs_python": {
                d: max(abs(a - b) for a, b in zip(v, final["python"])) for d, v in final.items() if d != "python"
            },
        }
    for row in results["micro"]:
        if "error" not in row:
            summary["micro"].setdefault(row["what"], {}).setdefault(row["driver"], []).extend(row["seconds"])
    summary["micro"] = {w: {d: stats.summary(v) for d, v in per.items()} for w, per in summary["micro"].items()}
    backends = {"tensorflow": {"train": results["train"]}, **results.get("backends", {})}
    for backend, data in backends.items():
        if "error" in data:
            summary["backends"][backend] = {"error": data["error"]}
            continue
        for workload, per_driver in collect(data["train"]).items():
            for driver, rows in per_driver.items():
                if driver in ("python", "java"):
                    summary["backends"].setdefault(backend, {}).setdefault(workload, {})[driver] = stats.summary(epoch_samples(rows))
    return summary


def seconds(value):
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def microseconds(value):
    us = value * 1e6
    return f"{us:,.0f}" if us >= 100 else f"{us:.1f}"


def interval(o):
    return f"{o['percent']:+.2f}% [{o['low']:+.2f}, {o['high']:+.2f}]"


def median_overhead(candidate, reference):
    """Difference of medians in % of the reference's: robust to the bursts of a shared machine."""
    return 100 * (candidate["median"] / reference["median"] - 1)


def epoch_verdict(overhead):
    """Java slower than Python by more than the goal is a claim the interval has to support, as is
    being within it: where the interval spans the goal's line, this machine's noise decides nothing."""
    if overhead["high"] <= GOAL_EPOCH_OVERHEAD:
        return "**met**"
    if overhead["low"] > GOAL_EPOCH_OVERHEAD:
        return "**not met**"
    estimate = "within" if overhead["percent"] <= GOAL_EPOCH_OVERHEAD else "outside"
    significant = "" if overhead["p"] >= 0.05 else ", though the difference is significant"
    return (f"**not resolved** at this machine's noise (estimate {estimate} the goal, but the 95% interval "
            f"spans {GOAL_EPOCH_OVERHEAD:.0f}%{significant})")


def goals(summary):
    lines = []
    for workload in ("mlp", "cnn"):
        o = summary["overhead"].get(workload, {}).get("java")
        if o is None:
            lines.append(f"- Java's per-epoch overhead on the {workload.upper()} within {GOAL_EPOCH_OVERHEAD:.0f}%: not measured")
            continue
        verdict = epoch_verdict(o)
        fast = summary.get("full_speed", {}).get(workload, {}).get("java", {})
        at_speed = f"; full-speed epochs, medians: {fast['percent_vs_python']:+.1f}%" if "percent_vs_python" in fast else ""
        lines.append(f"- Java's per-epoch overhead on the {workload.upper()} within {GOAL_EPOCH_OVERHEAD:.0f}%: {verdict}; "
                     f"mean {interval(o)}, Welch p = {o['p']:.2f}{at_speed}")
    fast = summary["micro"].get("fast_path_one", {})
    if "python" in fast and "java" in fast:
        gap = (fast["java"]["median"] - fast["python"]["median"]) * 1e6
        verdict = "**met**" if gap <= GOAL_FAST_PATH_US else "**not met**"
        lines.append(f"- Java's one-sample fast path within {GOAL_FAST_PATH_US:.0f} µs of Python's predict_on_batch: {verdict} "
                     f"(medians: Java {microseconds(fast['java']['median'])} µs, Python {microseconds(fast['python']['median'])} µs, "
                     f"difference {gap:+.1f} µs)")
    for workload, per in summary["overhead"].items():
        if "r" in per:
            lines.append(f"- R's per-epoch overhead on the {workload}: {interval(per['r'])}")
    return lines


def render(results, summary):
    spec = results["spec"]
    m = results["machine"]
    out = ["# jkeras benchmark: the same Keras work from Python, Java and R", ""]
    out += [f"Run {results['date']} on {m['cpu']} ({m['cores']} cores), {m['os']}, commit {m['commit']}; "
            f"mode **{results['mode']}**, {results['runs']} interleaved runs per driver, seed {results['seed']}; "
            f"took {results['seconds'] / 60:.1f} min.", ""]
    out += ["Reproduce: `scripts/bench` (full) or `scripts/bench --quick` (under 10 minutes on 2 cores).", ""]
    versions = results.get("versions", {})
    if versions:
        out += ["| driver | versions |", "|---|---|"]
        for d in DRIVERS:
            if d in versions:
                v = ", ".join(f"{k} {val}" for k, val in versions[d].items() if k not in ("driver", "jep_numpy_enabled"))
                out.append(f"| {DRIVER_NAMES[d]} | {v} |")
        out.append("")
    sources = sorted({row.get("data_source", "?") for row in results["train"] if "error" not in row})
    notes = []
    if "synthetic_cifar10" in sources:
        notes.append("CIFAR-10 is not in Keras' cache here, so the CIFAR-10 CNN runs on **synthetic** 32×32×3 data of the same shape")
    if "synthetic_sequences" in sources:
        notes.append("the small RNN runs on synthetic integer sequences (no text dataset is reachable here)")
    out += [f"Data: {', '.join(sources)}" + (f"; {'; '.join(notes)}." if notes else "."), ""]

    out += ["## Goals", ""] + goals(summary) + [""]
    out += ["## Per-epoch time", "",
            "Median seconds per epoch (min–max), from a timing callback inside the training loop, first epoch of each run "
            "left out (tracing). Overhead: mean relative to Python's, with the 95% Welch interval and p-value; "
            "in brackets after it, the difference of medians, which bursts of load on a shared machine move less.", "",
            "| workload | Python | Java | R | Java vs Python | R vs Python |", "|---|---|---|---|---|---|"]
    for workload, per in summary["epoch"].items():
        cells = []
        for d in DRIVERS:
            s = per.get(d)
            cells.append(f"{seconds(s['median'])} ({seconds(s['min'])}–{seconds(s['max'])}), n={s['n']}" if s else "–")
        o = summary["overhead"].get(workload, {})
        cells_by = {}
        for d in ("java", "r"):
            if d in o and "python" in per and d in per:
                cells_by[d] = f"{interval(o[d])}, p={o[d]['p']:.2f} (medians {median_overhead(per[d], per['python']):+.1f}%)"
        j = cells_by.get("java", "–")
        r = cells_by.get("r", "–")
        out.append(f"| {spec['workloads'][workload]['title']} | " + " | ".join(cells) + f" | {j} | {r} |")
    out += ["", "### At full speed", "",
            f"This machine's epoch times spread widely: in bursts of minutes it gives the process about one core instead "
            f"of two and an epoch takes up to twice as long, whichever driver is running. Here only epochs within "
            f"{FULL_SPEED_FACTOR}× of the workload's fastest (any driver's) count, the same cut for all: "
            f"median seconds, how many of the driver's epochs were at full speed, and the difference of medians from Python.", "",
            "| workload | Python | Java | R | Java vs Python | R vs Python |", "|---|---|---|---|---|---|"]
    for workload, per in summary.get("full_speed", {}).items():
        cells = [f"{seconds(per[d]['median'])} ({per[d]['n']} of {per[d]['of']})" if per.get(d, {}).get("median") else "–"
                 for d in DRIVERS]
        diffs = [f"{per[d]['percent_vs_python']:+.1f}%" if "percent_vs_python" in per.get(d, {}) else "–" for d in ("java", "r")]
        out.append(f"| {workload} | " + " | ".join(cells + diffs) + " |")
    out += ["", "## Whole fit", "",
            "Median seconds for the whole `fit` call (all epochs, the first included), measured in each driver's language: "
            "this includes handing the data over, which is where the drivers differ most.", "",
            "| workload | Python | Java | R | Java vs Python | R vs Python |", "|---|---|---|---|---|---|"]
    for workload, per in summary["fit"].items():
        cells = [f"{seconds(per[d]['median'])}" if d in per else "–" for d in DRIVERS]
        o = summary["fit_overhead"].get(workload, {})
        out.append(f"| {workload} | " + " | ".join(cells) + " | " + " | ".join(interval(o[d]) if d in o else "–" for d in ("java", "r")) + " |")
    out += ["", "## Same numbers from every driver", "",
            "Same seed and data: the final training loss of each run, and the largest difference from Python's run.", "",
            "| workload | Python final loss | Java max abs diff | R max abs diff |", "|---|---|---|---|"]
    for workload, agree in summary["loss_agreement"].items():
        diff = agree["max_abs_difference_vs_python"]
        out.append(f"| {workload} | {agree['final_loss']['python']:.6f} | "
                   f"{diff.get('java', float('nan')):.2e} | {diff.get('r', float('nan')):.2e} |")
    if summary["micro"]:
        out += ["", "## Micro-benchmarks", "", "Median µs per call (min–max).", "",
                "| call | Python | Java | R |", "|---|---|---|---|"]
        for what, per in summary["micro"].items():
            cells = [f"{microseconds(per[d]['median'])} ({microseconds(per[d]['min'])}–{microseconds(per[d]['max'])})" if d in per else "–"
                     for d in DRIVERS]
            out.append(f"| {MICRO_NAMES.get(what, what)} | " + " | ".join(cells) + " |")
        out += ["", "The 188 MB hand-off: Python passes its NumPy array as is; Java hands over the tensor's Arrow memory "
                "without a copy; R holds the data as doubles in column-major order and converts it to C-order float32 "
                "(what R keras' `keras_array()` does before every call)."]
    if summary["backends"]:
        out += ["", "## Keras backends", "", "Median seconds per epoch, Python / Java, same workloads.", ""]
        workloads = sorted({w for b in summary["backends"].values() if "error" not in b for w in b})
        names = list(summary["backends"])
        out += ["| workload | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
        for workload in workloads:
            cells = []
            for backend in names:
                per = summary["backends"][backend].get(workload, {}) if "error" not in summary["backends"][backend] else {}
                cells.append(" / ".join(seconds(per[d]["median"]) if d in per else "–" for d in ("python", "java")))
            out.append(f"| {workload} | " + " | ".join(cells) + " |")
        for backend, data in summary["backends"].items():
            if "error" in data:
                out.append(f"\n{backend}: not run ({data['error']})")
    out += ["", "## Method", "",
            "Each driver is one long-lived process (Python: plain Keras; Java: jkeras' public API through Jep; R: the same "
            "Keras calls through reticulate, R's keras package's layer), started once; start-up is not measured. Runs are "
            "interleaved with a rotating order (A B C, B C A, C A B…) so drift of the machine hits every driver alike. Every run "
            "seeds Keras with the same seed and builds a fresh model; the data are the same everywhere and each driver holds "
            "them as its users do (NumPy arrays, jkeras tensors, R arrays) and pays its own conversions. Overheads are "
            "differences of means relative to Python's mean with Welch's 95% interval (Python's mean taken as exact), and "
            "Welch's t-test per pair, as in the R-versus-Python study this repeats.", "",
            "![per-epoch time](epoch_times.png)", "", "![overhead](overhead.png)", ""]
    if summary["backends"]:
        out += ["![backends](backends.png)", ""]
    return "\n".join(out)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--results", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "results"))
    args = parser.parse_args()
    results = json.load(open(os.path.join(args.results, "results.json")))
    summary = summarize(results)
    with open(os.path.join(args.results, "summary.json"), "w") as f:
        json.dump(summary, f, indent=1)
    with open(os.path.join(args.results, "report.md"), "w") as f:
        f.write(render(results, summary))
    print("\n".join(goals(summary)))


if __name__ == "__main__":
    main()
