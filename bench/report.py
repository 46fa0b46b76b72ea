"""Turns bench/results/results.json into the report (report.md) and the numbers the charts draw
(summary.json). Run by scripts/bench after run_bench.py; rerunnable on its own."""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import analysis  # noqa: E402
import seeds  # noqa: E402
import signs  # noqa: E402

DRIVERS = ["python", "java", "r"]
DRIVER_NAMES = {"python": "Python", "java": "Java (jkeras)", "r": "R (reticulate)"}
VARIANT_NAMES = {
    "python~batch_hook": "Python + a no-op batch-end callback (Keras then calls batch callbacks synchronously, as under jkeras)",
    "python~thread": "Python, fit on a new 64 MB-stack thread (as jkeras' Python thread) instead of the main thread",
    "python~r_env": "Python in the R driver's env (NumPy 1.26.4 instead of 2.x)",
    "python~r_data": "Python handing fit float64 Fortran-order arrays (what reticulate hands over from R)",
    "java": "Java (jkeras)",
    "r": "R (reticulate)",
}
MICRO_NAMES = {
    "noop": "no-op call into Python",
    "batch_hooks": "what the bridge adds to fit per batch (Java: jkeras' callback hooks and interrupt check, timed in Python)",
    "callback": "one call from Python into the driver's language (R: an R function, timed in Python)",
    "fast_path_one": "one sample, each driver's fast path (Python, R: predict_on_batch; Java: model.predictor())",
    "predict_on_batch_one": "one sample, Keras predict_on_batch",
    "serving_one": "one sample, the compiled inference function (jkeras.serving) called from each language",
    "predict_one": "one sample, Keras predict()",
    "handoff_188mb": "handing 188 MB (Fashion-MNIST's training set) to Python",
}
GOAL_EPOCH_OVERHEAD = 1.0
GOAL_FAST_PATH_US = 20.0
GOAL_NOOP_US = 3.0
VERDICT_METRIC = "cpu"


def version_text(value):
    if isinstance(value, dict):
        return " ".join(f"{k} {v}" for k, v in value.items())
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return str(value)


def seconds(value):
    return "–" if value is None else (f"{value:.3f}" if value < 10 else f"{value:.1f}")


def microseconds(value):
    us = value * 1e6
    return f"{us:,.0f}" if us >= 100 else f"{us:.1f}"


def pct(value, digits=2):
    return "–" if value is None else f"{value:+.{digits}f}%"


def interval(o, digits=2):
    """An overhead with its t interval: '+0.31% [-0.20, +0.83]'."""
    if not o:
        return "–"
    if o.get("low") is None:
        return f"{o['percent']:+.{digits}f}% (n={o['n']})"
    return f"{o['percent']:+.{digits}f}% [{o['low']:+.{digits}f}, {o['high']:+.{digits}f}]"


def bootstrap(o, digits=2):
    b = o.get("bootstrap") if o else None
    return f"[{b[0]:+.{digits}f}, {b[1]:+.{digits}f}]" if b else "–"


def epoch_verdict(o):
    """"Within 1%" is a claim the interval has to support, as is "not within": where the interval
    spans the line, the measurement decides nothing."""
    if o is None or o.get("high") is None:
        return "**not measured**"
    if o["high"] <= GOAL_EPOCH_OVERHEAD:
        return "**met**"
    if o["low"] > GOAL_EPOCH_OVERHEAD:
        return "**not met**"
    return (f"**not resolved** (the 95% interval spans {GOAL_EPOCH_OVERHEAD:.0f}%; estimate "
            f"{'within' if o['percent'] <= GOAL_EPOCH_OVERHEAD else 'outside'} the goal)")


def half_width(o):
    return None if not o or o.get("low") is None else (o["high"] - o["low"]) / 2


def goals(summary):
    lines = []
    paired = summary["paired"].get("tensorflow", {})
    for workload in ("mlp", "cnn"):
        versus = paired.get(workload, {}).get("vs_python", {}).get("java")
        if not versus:
            lines.append(f"- Java's per-epoch overhead on the {workload.upper()} within {GOAL_EPOCH_OVERHEAD:.0f}%: not measured")
            continue
        wall, cpu = versus["wall"], versus["cpu"]
        width = half_width(cpu)
        narrow = "" if width is None else (f"; interval ±{width:.2f}% wide, "
                                           f"{'within' if width <= GOAL_EPOCH_OVERHEAD else '**wider than**'} the ±{GOAL_EPOCH_OVERHEAD:.0f}% asked")
        lines.append(f"- Java's per-epoch overhead on the {workload.upper()} within {GOAL_EPOCH_OVERHEAD:.0f}% (paired CPU time): "
                     f"{epoch_verdict(cpu)}: {interval(cpu)}, n = {cpu['n']} rounds{narrow}; wall time {interval(wall)}")
    micro = summary["micro"]
    fast = micro.get("fast_path_one", {})
    if "python" in fast and "java" in fast:
        gap = (fast["java"]["median"] - fast["python"]["median"]) * 1e6
        lines.append(f"- Java's one-sample fast path within {GOAL_FAST_PATH_US:.0f} µs of Python's predict_on_batch: "
                     f"{'**met**' if gap <= GOAL_FAST_PATH_US else '**not met**'} (medians: Java {microseconds(fast['java']['median'])} µs, "
                     f"Python {microseconds(fast['python']['median'])} µs, difference {gap:+.1f} µs)")
    noop = micro.get("noop", {}).get("java")
    if noop:
        us = noop["median"] * 1e6
        lines.append(f"- A no-op call from Java at most {GOAL_NOOP_US:.0f} µs (median, hand-off to the Python thread included): "
                     f"{'**met**' if us <= GOAL_NOOP_US else '**not met**'} ({us:.1f} µs)")
    return lines


def driver_cells(per, key):
    return [seconds(per.get(d, {}).get(key)) if isinstance(per.get(d), dict) else seconds(per.get(d)) for d in DRIVERS]


def render_paired(out, summary):
    paired = summary["paired"].get("tensorflow", {})
    out += ["## Per-epoch time, paired", "",
            "Each round, every driver runs one epoch of its own `fit` while the others wait (order Python, Java, R, then "
            "R, Java, Python). Per driver: the median seconds per epoch (wall) and the process' CPU seconds per epoch "
            "(all threads). Overhead: the geometric mean of the within-round ratios to Python, minus one, with the 95% "
            "t interval of the mean log-ratio; below it the moving-block bootstrap interval and the lag-1 "
            "autocorrelation of the log-ratios (near 0: rounds independent, the t interval is fair). "
            "Each fit's first epoch is left out here (its own table below).", "",
            "| workload | rounds | wall: Python / Java / R | Java vs Python, wall | Java vs Python, CPU | R vs Python, wall | R vs Python, CPU |",
            "|---|---|---|---|---|---|---|"]
    spec = summary["_spec"]
    for workload, p in paired.items():
        med = p["medians"]
        walls = " / ".join(seconds(med.get(d, {}).get("wall")) for d in DRIVERS)
        cells = []
        for d in ("java", "r"):
            for metric in ("wall", "cpu"):
                o = p["vs_python"].get(d, {}).get(metric)
                cells.append(f"{interval(o)}<br>boot {bootstrap(o)}, r₁ {o['acf1']:+.2f}" if o and o.get("acf1") is not None else interval(o))
        out.append(f"| {spec['workloads'][workload]['title']} | {p['rounds']} | {walls} | " + " | ".join(cells) + " |")
    out += ["", "CPU seconds per epoch (median), Python / Java / R: " + "; ".join(
        f"{w} {' / '.join(seconds(p['medians'].get(d, {}).get('cpu')) for d in DRIVERS)}" for w, p in paired.items()) + ".", ""]
    out += ["The verdicts use **CPU time**. During an epoch no driver hands work between threads on the bridge's "
            "account: `fit` is one call, and jkeras' per-batch hooks and R's callbacks run inline on the thread running "
            "`fit`. So what a bridge adds is work its process does, which CPU time counts whatever the machine gives the "
            "process. Wall time also counts how much CPU the VM granted, which on this VM changes several-fold within "
            "seconds (epochs of the same CPU time were seen taking from under a second to forty), and pairing cannot "
            "cancel a burst that lands on one epoch of a round. Wall time is shown beside it with its own interval; for "
            "a change that moves work between threads without adding any (Keras' synchronous or thread-pool batch "
            "callbacks, below) it is the witness that matters, and the explain part measures both.", ""]


def render_first_and_fit(out, summary):
    out += ["## First epoch and whole fit", "",
            "The first epoch of each fit (tracing and compiling the train step, the first pass over the data) and the "
            "whole `fit` call (data hand-over, every epoch; the waits between turns left out), paired by run. "
            "Setup: from calling `fit` to the first epoch's start (converting and handing over the data).", "",
            "| workload | runs | first epoch: Python / Java / R | Java vs Python | R vs Python | setup: Python / Java / R | whole fit: Python / Java / R | Java vs Python | R vs Python |",
            "|---|---|---|---|---|---|---|---|---|"]
    for workload, first in summary["first_epoch"].items():
        fit = summary["fit"].get(workload, {})
        out.append(f"| {workload} | {first['runs']} | {' / '.join(driver_cells(first['medians'], None))} | "
                   f"{interval(first['vs_python'].get('java'), 1)} | {interval(first['vs_python'].get('r'), 1)} | "
                   f"{' / '.join(driver_cells(first['setup'], None))} | {' / '.join(driver_cells(fit.get('medians', {}), None))} | "
                   f"{interval(fit.get('vs_python', {}).get('java'), 1)} | {interval(fit.get('vs_python', {}).get('r'), 1)} |")
    handed = []
    for workload, per in summary["handed"].items():
        cells = [f"{DRIVER_NAMES.get(d, d).split(' ')[0]} {h['dtype']} {h['order']}" for d, h in per.items() if h]
        if cells and workload in ("mlp", "rnn"):
            handed.append(f"{workload}: " + ", ".join(cells))
    if handed:
        out += ["", "What each driver hands `fit` as x, as Python receives it (dtype, order): " + "; ".join(handed) +
                ". Keras casts floats to float32 and copies the arrays into one TensorFlow tensor when `fit` starts, "
                "so dtype and layout cost in the setup column, not per epoch (the explain part checks this)."]
    out.append("")


def render_threads(out, summary):
    out += ["## Where the CPU goes", "",
            "Mean CPU seconds per measured epoch by thread, from /proc/self/task: the thread running `fit` (Python's "
            "main thread; jkeras' Python thread; R's main thread), TensorFlow's pools (tf_…), threads started without "
            "a name by Python or TensorFlow (they carry their creator's name: python, jkeras-python, R), and the JVM's own.", ""]
    for workload, per_driver in summary["threads_cpu"].items():
        parts = []
        for d in DRIVERS:
            groups = per_driver.get(d)
            if groups:
                parts.append(f"{DRIVER_NAMES[d]}: " + ", ".join(f"{g} {s:.3f}" for g, s in groups.items() if s >= 0.0005))
        out.append(f"- {workload}: " + "; ".join(parts))
    paused = summary.get("paused_cpu", {})
    if any(paused.values()):
        out += ["", "While a driver waits for its turn another runs its epoch, so what the waiting process burns competes "
                "with the epoch being measured. CPU used while waiting, in % of one core, and the busiest threads:", ""]
        for workload, per_driver in paused.items():
            parts = []
            for d in DRIVERS:
                p = per_driver.get(d)
                if p:
                    top = ", ".join(f"{g} {100 * v:.2f}%" for g, v in list(p["threads"].items())[:3] if v >= 0.00005)
                    parts.append(f"{DRIVER_NAMES[d]} {100 * p['core_share']:.2f}%" + (f" ({top})" if top else ""))
            out.append(f"- {workload}: " + "; ".join(parts))
    libraries = (summary.get("_libraries") or {}).get("drivers") or {}
    if libraries:
        out += ["", "Libraries with thread pools of their own loaded in each process (/proc/self/maps): " + "; ".join(
            f"{DRIVER_NAMES.get(d, d)}: {', '.join(v) if v else 'none'}" for d, v in libraries.items()) + "."]
    counts = (summary.get("_threads") or {}).get("drivers") or {}
    if counts:
        out += ["", "Threads per process after the runs (by name): " + "; ".join(
            f"{DRIVER_NAMES.get(d, d)}: " + ", ".join(f"{g} ×{n}" for g, n in c.items()) for d, c in counts.items() if c) + "."]
    out.append("")


def render_explain(out, summary):
    explain = summary["explain"]["workloads"]
    if not explain:
        return
    out += ["## Explaining the differences", "",
            "Each row is a process that differs from the plain Python driver in one respect in which the Java or R "
            "driver's process differs from it, run in the same rounds as Python, Java and R (paired as above). A "
            "candidate explains a difference only if it moves Python's epoch the same way.", ""]
    for workload, p in explain.items():
        out += [f"**{workload}** ({p['rounds']} rounds; Python's median epoch {seconds(p['medians']['python']['wall'])} s wall, "
                f"{seconds(p['medians']['python']['cpu'])} s CPU)", "",
                "| process | wall vs Python | CPU vs Python | CPU of the fit thread, s/epoch |", "|---|---|---|---|"]
        threads = p.get("threads_cpu", {})
        for d, versus in p["vs_python"].items():
            fit_thread = threads.get(d, {}).get("fit thread")
            out.append(f"| {VARIANT_NAMES.get(d, d)} | {interval(versus['wall'])} | {interval(versus['cpu'])} | "
                       f"{seconds(fit_thread)} |")
        out.append(f"| Python itself | – | – | {seconds(threads.get('python', {}).get('fit thread'))} |")
        out.append("")
    per_batch = summary["explain"]["per_batch"].get("python~batch_hook")
    if per_batch:
        cpu, wall = per_batch["cpu"], per_batch["wall"]
        out += [f"Keras' synchronous batch callbacks change Python's MLP epoch by {cpu['seconds'] * 1e6:+.1f} µs of CPU per batch "
                f"(95% interval {cpu['low'] * 1e6:+.1f} to {cpu['high'] * 1e6:+.1f} µs) and {wall['seconds'] * 1e6:+.1f} µs of wall time "
                f"({wall['low'] * 1e6:+.1f} to {wall['high'] * 1e6:+.1f} µs): the figures the model below uses.", ""]


def render_model(out, summary):
    model = summary["model"]
    if not model:
        return
    out += ["## A model of the overhead", "",
            "What each bridge adds to an epoch, counted from how the drivers call `fit`, times its measured cost: "
            "Java: after every batch jkeras' callback hooks and interrupt check (one call from Python into Java; "
            "micro-benchmark *batch_hooks*) and Keras' synchronous batch-callback dispatch, which those hooks switch on "
            "(Python and R dispatch to a thread pool; the explain part's *python~batch_hook* measures the switch); per "
            "epoch two calls into Java (epoch begin and end). R: per epoch two calls into R functions (micro-benchmark "
            "*callback*), nothing per batch. No driver calls into Python during an epoch: `fit` is one call.", "",
            "| workload | batches/epoch | Java: predicted (CPU) | Java: measured, CPU / wall | R: predicted | R: measured, CPU / wall |",
            "|---|---|---|---|---|---|"]
    for workload, entry in model.items():
        cells = []
        for d in ("java", "r"):
            m = entry.get(d)
            if not m:
                cells += ["–", "–"]
                continue
            terms = ", ".join(f"{k.replace('_', ' ')} {v * 1e3:+.2f} ms" for k, v in m["terms"].items())
            measured = m.get("measured") or {}
            band = f" [{m['predicted_low']:+.2f}, {m['predicted_high']:+.2f}]" if m.get("predicted_low") is not None else ""
            cells += [f"{m['predicted_percent']:+.2f}%{band} ({terms}){'' if m['complete'] else ', without the dispatch term'}",
                      f"{interval(measured.get('cpu'))} / {interval(measured.get('wall'))}"]
        out.append(f"| {workload} | {entry['batches']} | " + " | ".join(cells) + " |")
    out.append("")


def render_micro(out, summary):
    micro = summary["micro"]
    if not micro:
        return
    out += ["## Micro-benchmarks", "", "Median µs per call (min–max).", "", "| call | Python | Java | R |", "|---|---|---|---|"]
    for what, per in micro.items():
        cells = [f"{microseconds(per[d]['median'])} ({microseconds(per[d]['min'])}–{microseconds(per[d]['max'])})" if d in per else "–"
                 for d in DRIVERS]
        out.append(f"| {MICRO_NAMES.get(what, what)} | " + " | ".join(cells) + " |")
    out += ["", "The 188 MB hand-off: Python passes its NumPy array as is; Java hands over the tensor's Arrow memory "
            "without a copy; R holds the data as doubles in column-major order and converts it to C-order float32 "
            "(what R keras' `keras_array()` does before every call).", ""]


def render_backends(out, summary):
    backends = {b: per for b, per in summary["paired"].items()}
    if len(backends) < 2:
        return
    out += ["## Keras backends", "", "Median seconds per epoch, Python / Java, each backend in its own paired rounds; "
            "Java vs Python as above.", ""]
    names = list(backends)
    workloads = [w for w in summary["_spec"]["workloads"] if any(w in backends[b] for b in names)]
    out += ["| workload | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    for workload in workloads:
        cells = []
        for b in names:
            p = backends[b].get(workload)
            if not p:
                cells.append("–")
                continue
            med = p["medians"]
            java = p["vs_python"].get("java", {}).get("wall")
            cells.append(f"{seconds(med.get('python', {}).get('wall'))} / {seconds(med.get('java', {}).get('wall'))} ({interval(java, 1)})")
        out.append(f"| {workload} | " + " | ".join(cells) + " |")
    out.append("")


def headline(results, summary):
    """The README's table: per-epoch overheads (CPU, the verdicts' measure, and wall) and the one-call rows."""
    label = "quick run (a check of the method on a busy machine, not figures to quote)" if results["mode"] == "quick" else "full run"
    out = [f"From the committed {label}, {results['date'][:10]}, commit {results['machine']['commit']} "
           f"([bench/results/report.md](bench/results/report.md)). Median seconds per epoch (wall); overhead relative "
           "to Python from paired epochs, CPU time (the verdicts' measure) and wall time, with 95% intervals.", "",
           "| workload | rounds | Python s/epoch | Java vs Python, CPU | wall | R vs Python, CPU | wall |",
           "|---|---|---|---|---|---|---|"]
    for workload, p in summary["paired"].get("tensorflow", {}).items():
        versus = p["vs_python"]
        cells = []
        for d in ("java", "r"):
            cells += [interval(versus.get(d, {}).get("cpu"), 1), interval(versus.get(d, {}).get("wall"), 1)]
        out.append(f"| {workload} | {p['rounds']} | {seconds(p['medians'].get('python', {}).get('wall'))} | " + " | ".join(cells) + " |")
    micro = summary["micro"]
    if micro:
        out += ["", "| one call, median µs | Python | Java | R |", "|---|---|---|---|"]
        for what in ("noop", "fast_path_one", "predict_one", "handoff_188mb"):
            per = micro.get(what, {})
            out.append(f"| {MICRO_NAMES[what]} | " + " | ".join(microseconds(per[d]["median"]) if d in per else "–" for d in DRIVERS) + " |")
    out += ["", "Goals:", ""] + goals(summary)
    return "\n".join(out) + "\n"


def render(results, summary):
    m = results["machine"]
    out = ["# jkeras benchmark: the same Keras work from Python, Java and R", ""]
    label = "**quick** (small data, few rounds: a check of the method, not a measurement to quote)" if results["mode"] == "quick" else "**full**"
    out += [f"Run {results['date']} on {m['cpu']} ({m['cores']} cores), {m['os']}, commit {m['commit']}; "
            f"mode {label}; seed {results['seed']}; took {results['seconds'] / 60:.1f} min "
            f"({', '.join(f'{k} {v / 60:.1f}' for k, v in results.get('seconds_by_part', {}).items())}).", ""]
    out += ["Reproduce: `scripts/bench` (full) or `scripts/bench --quick`.", ""]
    estimate = summary.get("full_estimate")
    if estimate:
        out += [f"Estimated duration of the full run on this machine, from this quick run's timings: **{estimate['total']:.0f} min** ("
                + ", ".join(f"{k} {v:.1f}" for k, v in estimate.items() if k != "total") + f", fixed {analysis.FIXED_MINUTES})."
                " Each workload's share of time is capped in workloads.json (minutes): past it no new round starts.", ""]
    versions = results.get("versions", {}).get("drivers", {})
    if versions:
        out += ["| driver | versions |", "|---|---|"]
        for d in DRIVERS:
            if d in versions:
                v = ", ".join(f"{k} {version_text(val)}" for k, val in versions[d].items() if k not in ("driver", "variant") and val is not None)
                out.append(f"| {DRIVER_NAMES[d]} | {v} |")
        out.append("")
    sources = sorted({f.get("data_source") or "?" for f in results["fits"]})
    notes = []
    if "synthetic_cifar10" in sources:
        notes.append("CIFAR-10 is not in Keras' cache here, so the CIFAR-10 CNN runs on **synthetic** 32×32×3 data of the same shape")
    if "synthetic_sequences" in sources:
        notes.append("the small RNN runs on synthetic integer sequences (no text dataset is reachable here)")
    out += [f"Data: {', '.join(sources)}" + (f"; {'; '.join(notes)}." if notes else "."), ""]
    if results.get("errors"):
        out += ["Errors: " + "; ".join(f"{e.get('driver', e.get('part'))} {e.get('workload', '')}: {e['error']}" for e in results["errors"]), ""]
    out += ["## Goals", ""] + goals(summary) + [""]
    render_paired(out, summary)
    render_first_and_fit(out, summary)
    render_threads(out, summary)
    render_explain(out, summary)
    out += signs.render(results, summary, interval)
    render_model(out, summary)
    out += seeds.render(summary) + [""]
    out += ["## Same numbers from every driver", "",
            "Same seed and data: the final training loss of each run, and the largest difference from Python's run.", "",
            "| workload | Python final loss | Java max abs diff | R max abs diff |", "|---|---|---|---|"]
    for workload, agree in summary["loss_agreement"].items():
        if agree:
            diff = agree["max_abs_difference_vs_python"]
            out.append(f"| {workload} | {agree['final_loss']:.6f} | {diff.get('java', float('nan')):.2e} | {diff.get('r', float('nan')):.2e} |")
    out.append("")
    render_micro(out, summary)
    render_backends(out, summary)
    out += ["## Method", "",
            "Each driver is one long-lived process (Python: plain Keras; Java: jkeras' public API through Jep; R: the same "
            "Keras calls through reticulate, R's keras package's layer), started once; start-up is not measured. Every "
            "run seeds Keras with the same seed, builds a fresh model and calls `fit` once; the data are the same "
            "everywhere and each driver holds them as its users do (NumPy arrays, jkeras tensors, R arrays) and pays "
            "its own conversions. A timing callback in each driver reads the wall clock and /proc/self/stat (the "
            "process' CPU time, every thread) at Keras' `on_epoch_begin` and `on_epoch_end`; between epochs it reports "
            "and waits for its next turn, so the drivers' epochs interleave round by round. Overheads are geometric "
            "means of within-round ratios (mean log-ratio, t interval with n − 1 degrees of freedom), with a "
            "moving-block bootstrap beside them; the first epoch and the whole fit are paired by run.", "",
            "![per-epoch time](epoch_times.png)", "", "![overhead](overhead.png)", ""]
    if len(summary["paired"]) > 1:
        out += ["![backends](backends.png)", ""]
    return "\n".join(out)


README_START = "<!-- bench:headline"
README_END = "<!-- /bench:headline -->"


def update_readme(path, text):
    """Puts the headline between the README's bench:headline markers; False if it has none."""
    readme = open(path).read()
    start, end = readme.find(README_START), readme.find(README_END)
    if start < 0 or end < start:
        return False
    opening_end = readme.index("-->", start) + len("-->")
    with open(path, "w") as f:
        f.write(readme[:opening_end] + "\n" + text + readme[end:])
    return True


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--results", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "results"))
    parser.add_argument("--readme", help="a README whose bench:headline block gets the headline table")
    args = parser.parse_args()
    results = json.load(open(os.path.join(args.results, "results.json")))
    summary = analysis.summarize(results)
    summary["_spec"] = results["spec"]
    summary["_threads"] = results.get("threads", {})
    summary["_libraries"] = results.get("libraries", {})
    summary["full_estimate"] = analysis.estimate_full_minutes(results)
    with open(os.path.join(args.results, "summary.json"), "w") as f:
        json.dump({k: v for k, v in summary.items() if not k.startswith("_")}, f, indent=1)
    with open(os.path.join(args.results, "report.md"), "w") as f:
        f.write(render(results, summary))
    with open(os.path.join(args.results, "headline.md"), "w") as f:
        f.write(headline(results, summary))
    if args.readme and not update_readme(args.readme, headline(results, summary)):
        print(f"{args.readme} has no {README_START} ... {README_END} block; headline.md not copied into it")
    print("\n".join(goals(summary)))
    if summary["full_estimate"]:
        print(f"Estimated full run on this machine: {summary['full_estimate']['total']:.0f} min")


if __name__ == "__main__":
    main()
