"""From results.json's rows to the numbers the report states: paired per-epoch overheads (wall and
CPU), first-epoch and whole-fit rows, CPU per thread group, the explain part's comparisons and the
model of the overhead. report.py renders them; summary.json keeps them for the charts."""
import math
import statistics

import stats

REFERENCE = "python"
CONFIDENCE = 0.95
METRICS = ("wall", "cpu")


def epoch_rows(results, backend, workload):
    return [r for r in results["epochs"] if r["backend"] == backend and r["workload"] == workload]


def measured_rounds(rows):
    """{round: {driver: row}} for the epochs after each fit's first (those are reported on their own)."""
    out = {}
    for row in rows:
        if row["epoch"] > 0:
            out.setdefault(row["round"], {})[row["driver"]] = row
    return out


def block_length(n):
    """Moving-block length for the bootstrap: about n^(1/3), even, so that a block holds as many
    forward rounds as reversed ones."""
    return max(2, 2 * round(n ** (1 / 3) / 2))


def compare(by_key, candidate, metric, reference=REFERENCE):
    """Paired overhead of ``candidate`` over ``reference`` in ``metric``, over the keys (rounds, runs)
    where both have a figure: t interval, moving-block bootstrap interval, lag-1 autocorrelation."""
    cand = {k: rows[candidate][metric] for k, rows in by_key.items() if candidate in rows and rows[candidate].get(metric)}
    ref = {k: rows[reference][metric] for k, rows in by_key.items() if reference in rows and rows[reference].get(metric)}
    ratios = stats.log_ratios(cand, ref)
    if not ratios:
        return None
    out = stats.paired_overhead(ratios, CONFIDENCE)
    block = block_length(len(ratios))
    out["bootstrap"] = stats.bootstrap_interval(ratios, CONFIDENCE, block=block)
    out["block"] = block
    out["acf1"] = stats.autocorrelation(ratios)
    return out


def paired_workload(rows):
    """Medians and paired comparisons with the reference driver of one workload's measured epochs."""
    rounds = measured_rounds(rows)
    drivers = sorted({d for r in rounds.values() for d in r}, key=lambda d: (d != REFERENCE, d))
    medians = {d: {m: statistics.median([r[d][m] for r in rounds.values() if d in r]) for m in METRICS} for d in drivers}
    for d in drivers:
        medians[d]["n"] = sum(1 for r in rounds.values() if d in r)
    versus = {}
    if REFERENCE in drivers:
        for d in drivers:
            if d != REFERENCE:
                versus[d] = {m: compare(rounds, d, m) for m in METRICS}
    return {"rounds": len(rounds), "medians": medians, "vs_python": versus}


def first_epochs(rows):
    """Each fit's first epoch (tracing, compilation, the first pass over the data), paired by run."""
    by_run = {}
    for row in rows:
        if row["epoch"] == 0:
            by_run.setdefault(row["run"], {})[row["driver"]] = row
    drivers = sorted({d for r in by_run.values() for d in r}, key=lambda d: (d != REFERENCE, d))
    return {"runs": len(by_run),
            "medians": {d: statistics.median([r[d]["wall"] for r in by_run.values() if d in r]) for d in drivers},
            "setup": {d: statistics.median([r[d]["setup"] for r in by_run.values() if d in r and "setup" in r[d]]) for d in drivers},
            "vs_python": {d: compare(by_run, d, "wall") for d in drivers if d != REFERENCE}}


def whole_fits(fits):
    """The whole fit call per run (every epoch, the data hand-over, the first epoch; waits left out)."""
    by_run = {}
    for row in fits:
        if row.get("fit"):
            by_run.setdefault(row["run"], {})[row["driver"]] = row
    drivers = sorted({d for r in by_run.values() for d in r}, key=lambda d: (d != REFERENCE, d))
    return {"runs": len(by_run),
            "medians": {d: statistics.median([r[d]["fit"] for r in by_run.values() if d in r]) for d in drivers},
            "vs_python": {d: compare(by_run, d, "fit") for d in drivers if d != REFERENCE}}


def thread_cpu(rows):
    """Mean CPU seconds per measured epoch of each thread group, per driver."""
    out = {}
    for driver in sorted({r["driver"] for r in rows}):
        mine = [r for r in rows if r["driver"] == driver and r["epoch"] > 0]
        groups = {}
        for row in mine:
            threads = row.get("threads")
            for group, seconds in (threads.items() if isinstance(threads, dict) else ()):  # R sends [] for none
                groups[group] = groups.get(group, 0.0) + seconds
        out[driver] = {g: s / len(mine) for g, s in sorted(groups.items(), key=lambda kv: -kv[1])} if mine else {}
    return out


def paused_cpu(fits):
    """Per driver: CPU its process used while waiting for its turn (another driver running an epoch),
    as a share of one core, in total and by thread group: a waiting driver's CPU competes with the
    epoch being measured."""
    out = {}
    for driver in sorted({f["driver"] for f in fits}):
        mine = [f for f in fits if f["driver"] == driver and f.get("paused")]
        waited = sum(f["paused"] for f in mine)
        if waited < 1.0:  # a share of a few clock ticks over milliseconds says nothing
            continue
        groups = {}
        for f in mine:
            threads = f.get("paused_threads")
            for group, seconds in (threads.items() if isinstance(threads, dict) else ()):
                groups[group] = groups.get(group, 0.0) + seconds
        out[driver] = {"core_share": sum(f["paused_cpu"] for f in mine) / waited, "waited": waited,
                       "threads": {g: v / waited for g, v in sorted(groups.items(), key=lambda kv: -kv[1])}}
    return out


def loss_agreement(fits):
    final = {}
    for row in fits:
        if row.get("losses"):
            final.setdefault(row["driver"], {})[row["run"]] = row["losses"][-1]
    if REFERENCE not in final:
        return None
    return {"final_loss": statistics.fmean(final[REFERENCE].values()),
            "max_abs_difference_vs_python": {d: max(abs(v[k] - final[REFERENCE][k]) for k in v if k in final[REFERENCE])
                                             for d, v in final.items() if d != REFERENCE}}


def batches_per_epoch(spec_sizes):
    return math.ceil(spec_sizes["samples"] / spec_sizes["batch_size"])


def micro_summary(micro_rows):
    pooled = {}
    for row in micro_rows:
        if "error" not in row and row.get("seconds"):
            pooled.setdefault(row["what"], {}).setdefault(row["driver"], []).extend(row["seconds"])
    return {w: {d: stats.summary(v) for d, v in per.items()} for w, per in pooled.items()}


def overhead_model(summary, spec, mode):
    """Predicted per-epoch overhead of Java and R over Python: what each adds per batch and per
    epoch (counted from how the drivers call fit) times its measured cost, against the measured one.

    Java: after every batch jkeras' callback hooks and interrupt check (one call into Java; the
    micro-benchmark batch_hooks), and, because those callbacks define a batch hook, Keras calls
    batch callbacks synchronously where Python's and R's fits dispatch them to a thread pool (the
    explain part measures that switch alone: python~batch_hook against python). Per epoch two
    calls into Java (epoch begin and end; costed like one batch's hooks). R: per epoch two calls
    into R functions (the micro-benchmark callback); nothing per batch."""
    micro = summary.get("micro", {})
    hooks = micro.get("batch_hooks", {}).get("java", {}).get("median")
    r_callback = micro.get("callback", {}).get("r", {}).get("median")
    sync = summary.get("explain", {}).get("per_batch", {}).get("python~batch_hook", {}).get("cpu")
    out = {}
    for workload, paired in summary.get("paired", {}).get("tensorflow", {}).items():
        sizes = spec["workloads"][workload][mode]
        batches = batches_per_epoch(sizes)
        base = paired["medians"].get(REFERENCE, {}).get("cpu")
        if not base:
            continue
        entry = {"batches": batches}
        if hooks is not None:
            terms = {"hooks": batches * hooks, "epoch_callbacks": 2 * hooks}
            fixed = sum(terms.values())
            low = high = None
            if sync is not None:
                terms["synchronous_dispatch"] = batches * sync["seconds"]
                if sync["low"] is not None:
                    low, high = 100 * (fixed + batches * sync["low"]) / base, 100 * (fixed + batches * sync["high"]) / base
            entry["java"] = {"terms": terms, "predicted_percent": 100 * sum(terms.values()) / base, "predicted_low": low,
                             "predicted_high": high, "complete": sync is not None, "measured": paired["vs_python"].get("java")}
        if r_callback is not None:
            terms = {"epoch_callbacks": 2 * r_callback}
            entry["r"] = {"terms": terms, "predicted_percent": 100 * sum(terms.values()) / base, "complete": True,
                          "measured": paired["vs_python"].get("r")}
        out[workload] = entry
    return out


def explain_summary(results, spec, mode):
    """The explain part: each variant and Java and R against Python in the same rounds; and the
    synchronous-dispatch cost per batch (python~batch_hook) for the model."""
    out = {"workloads": {}, "per_batch": {}}
    sizes = spec["explain"][mode]["sizes"]
    for workload in sizes:
        rows = epoch_rows(results, "explain", workload)
        if not rows:
            continue
        paired = paired_workload(rows)
        paired["threads_cpu"] = thread_cpu(rows)
        out["workloads"][workload] = paired
    mlp = out["workloads"].get("mlp")
    if mlp and "python~batch_hook" in mlp["vs_python"]:
        batches = batches_per_epoch(sizes["mlp"])
        out["per_batch"]["python~batch_hook"] = {}
        for metric in METRICS:
            o = mlp["vs_python"]["python~batch_hook"][metric]
            base = mlp["medians"][REFERENCE][metric]
            scale = lambda value: None if value is None else base * value / 100 / batches  # noqa: E731
            out["per_batch"]["python~batch_hook"][metric] = {"seconds": scale(o["percent"]), "low": scale(o["low"]), "high": scale(o["high"])}
    return out


def summarize(results):
    spec, mode = results["spec"], results["mode"]
    summary = {"paired": {}, "first_epoch": {}, "fit": {}, "threads_cpu": {}, "paused_cpu": {}, "loss_agreement": {}, "handed": {}}
    # Parts: "drivers" (Python, Java, R on tensorflow), "explain", and one per other backend.
    labels = sorted({r["backend"] for r in results["epochs"] if r["backend"] != "explain"}, key=lambda b: (b != "drivers", b))
    for label in labels:
        backend = "tensorflow" if label == "drivers" else label
        for workload in spec["workloads"]:
            rows = epoch_rows(results, label, workload)
            if not rows:
                continue
            summary["paired"].setdefault(backend, {})[workload] = paired_workload(rows)
            if label != "drivers":
                continue
            fits = [f for f in results["fits"] if f["backend"] == label and f["workload"] == workload]
            summary["first_epoch"][workload] = first_epochs(rows)
            summary["fit"][workload] = whole_fits(fits)
            summary["threads_cpu"][workload] = thread_cpu(rows)
            summary["paused_cpu"][workload] = paused_cpu(fits)
            summary["loss_agreement"][workload] = loss_agreement(fits)
            summary["handed"][workload] = {f["driver"]: f.get("x_handed") for f in fits}
    summary["micro"] = micro_summary(results.get("micro", []))
    summary["explain"] = explain_summary(results, spec, mode)
    summary["model"] = overhead_model(summary, spec, mode)
    return summary


# ---------------------------------------------------------------- how long the full run will take

FIXED_MINUTES = 1.5  # environment checks, the Java build, the report and charts
PROTOCOL_SECONDS_PER_TURN = 0.05


def _per_driver_costs(rows, samples):
    """Per driver: seconds per sample of a measured epoch, extra seconds of a first epoch (tracing),
    setup seconds per sample."""
    out = {}
    for driver in {r["driver"] for r in rows}:
        mine = [r for r in rows if r["driver"] == driver]
        later = [r["wall"] for r in mine if r["epoch"] > 0]
        first = [r["wall"] for r in mine if r["epoch"] == 0]
        setup = [r["setup"] for r in mine if r["epoch"] == 0 and "setup" in r]
        if not later or not first:
            continue
        epoch = statistics.median(later)
        out[driver] = {"per_sample": epoch / samples, "tracing": max(0.0, statistics.median(first) - epoch),
                       "setup_per_sample": (statistics.median(setup) if setup else 0.0) / samples}
    return out


def _workload_seconds(costs, full, drivers):
    total = 0.0
    for driver in drivers:
        c = costs.get(driver) or next(iter(costs.values()))
        per_run = c["tracing"] + full["samples"] * (c["setup_per_sample"] + full["epochs"] * c["per_sample"])
        total += full["runs"] * (per_run + full["epochs"] * PROTOCOL_SECONDS_PER_TURN)
    if "minutes" in full:
        # Past its share no new round starts: at most one round more than the share.
        one_round = sum((costs.get(d) or next(iter(costs.values())))["per_sample"] * full["samples"] for d in drivers)
        total = min(total, 60 * full["minutes"] + one_round)
    return total


def estimate_full_minutes(results):
    """From a quick run's timings on this machine, the minutes the full run should take, by part:
    measured per-sample epoch costs, first-epoch and setup costs and driver start-ups scaled to the
    full sizes (workloads the quick part did not run borrow the drivers part's costs, scaled by how
    much slower that part's workloads were there); the micro-benchmarks from their per-call medians."""
    spec = results["spec"]
    if results["mode"] != "quick":
        return None
    parts = {"drivers": (["python", "java", "r"], {w: d["full"] for w, d in spec["workloads"].items()}, {w: d["quick"] for w, d in spec["workloads"].items()}),
             "explain": (spec["explain"]["drivers"], spec["explain"]["full"]["sizes"], spec["explain"]["quick"]["sizes"])}
    for backend in ("jax", "torch"):
        parts[backend] = (["python", "java"], spec["backends"]["full"]["sizes"], spec["backends"]["quick"]["sizes"])
    reference = {w: _per_driver_costs(epoch_rows(results, "drivers", w), q["samples"])
                 for w, q in parts["drivers"][2].items() if epoch_rows(results, "drivers", w)}
    out = {}
    for label, (drivers, full_sizes, quick_sizes) in parts.items():
        if label not in results.get("timing", {}):
            continue
        measured = {w: _per_driver_costs(epoch_rows(results, label, w), quick_sizes[w]["samples"])
                    for w in quick_sizes if epoch_rows(results, label, w)}
        factors = [statistics.median([c["per_sample"] for c in measured[w].values()]) /
                   statistics.median([c["per_sample"] for c in reference[w].values()])
                   for w in measured if w in reference and measured[w] and reference[w]]
        factor = statistics.median(factors) if factors else 1.0
        seconds = results["timing"][label].get("startup", 0.0)
        for workload, full in full_sizes.items():
            costs = measured.get(workload)
            if not costs and reference.get(workload):
                costs = {d: {k: v * factor for k, v in c.items()} for d, c in reference[workload].items()}
            if costs:
                seconds += _workload_seconds(costs, full, drivers)
        out[label] = seconds / 60
    if results.get("micro"):
        calls = {}
        for row in results["micro"]:
            if row.get("seconds"):
                calls.setdefault((row["driver"], row["what"]), []).extend(row["seconds"])
        mode = spec["modes"]["full"]
        seconds = 0.0
        for (driver, what), values in calls.items():
            repeats = mode["handoff_repeats"] if what == "handoff_188mb" else (max(20, mode["micro_repeats"] // 10) if what == "predict_one" else mode["micro_repeats"])
            seconds += mode["micro_runs"] * ((repeats + min(20, repeats)) * statistics.median(values) + 1.0)
        out["micro"] = seconds / 60
    out["total"] = sum(out.values()) + FIXED_MINUTES
    return out
