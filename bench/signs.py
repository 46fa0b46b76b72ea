"""The report's account of the signs the earlier, unpaired benchmark showed (Java and R faster than
Python on the MLP and CNN; the hierarchical RNN slower from Java and R): the same epochs of this run
put through the earlier method beside the paired one, and the explain part's candidates, each said
to move Python's epoch or not by its interval."""
import statistics

import analysis
import stats

FULL_SPEED_FACTOR = 1.25  # the earlier report's cut: epochs within 1.25x of the workload's fastest


def earlier_method(rows):
    """What the earlier report computed from these epochs: unpaired difference of means over
    Python's mean, with Welch's interval, and the difference of medians over the epochs within 1.25x of
    the fastest (one cut for all drivers)."""
    measured = [r for r in rows if r["epoch"] > 0]
    walls = {}
    for row in measured:
        walls.setdefault(row["driver"], []).append(row["wall"])
    if "python" not in walls or len(walls["python"]) < 2:
        return {}
    cut = FULL_SPEED_FACTOR * min(min(v) for v in walls.values())
    fast = {d: [w for w in v if w <= cut] for d, v in walls.items()}
    out = {}
    reference = statistics.fmean(walls["python"])
    for driver, values in walls.items():
        if driver == "python" or len(values) < 2:
            continue
        test = stats.welch(values, walls["python"])
        half = stats.t_quantile(0.975, test["df"]) * test["se"] if test["se"] else 0.0
        entry = {"welch": {"percent": 100 * test["difference"] / reference,
                           "low": 100 * (test["difference"] - half) / reference,
                           "high": 100 * (test["difference"] + half) / reference}}
        if fast[driver] and fast["python"]:
            entry["full_speed"] = {"percent": 100 * (statistics.median(fast[driver]) / statistics.median(fast["python"]) - 1),
                                   "kept": len(fast[driver]), "of": len(values),
                                   "python_kept": len(fast["python"]), "python_of": len(walls["python"])}
        out[driver] = entry
    return out


def effect(o, digits=1):
    """'moves it' or 'no effect found' from an interval, with the figures."""
    if not o or o.get("low") is None:
        return "not measured"
    figures = f"{o['percent']:+.{digits}f}% [{o['low']:+.{digits}f}, {o['high']:+.{digits}f}]"
    if o["low"] > 0:
        return f"slower, {figures}"
    if o["high"] < 0:
        return f"faster, {figures}"
    return f"no difference found, {figures}"


def thread_configuration(results):
    """One sentence per process: TensorFlow's pool settings where the driver can ask for them, the
    TensorFlow threads it runs, and libraries with thread pools of their own."""
    versions = results.get("versions", {}).get("drivers", {})
    threads = results.get("threads", {}).get("drivers", {})
    libraries = results.get("libraries", {}).get("drivers", {})
    parts = []
    for driver in ("python", "java", "r"):
        if driver not in threads:
            continue
        tf = (versions.get(driver) or {}).get("tf_threads")
        setting = f"intra-op {tf['intra_op']}, inter-op {tf['inter_op']}" if tf else "pool sizes not reachable from the public API"
        pools = ", ".join(f"{g} ×{n}" for g, n in (threads[driver] or {}).items() if g.startswith("tf_"))
        libs = ", ".join(libraries.get(driver) or []) or "none"
        parts.append(f"{driver}: {setting}; {pools or 'no tf_ threads'}; libraries with own pools: {libs}")
    return parts


CANDIDATES = {"python~thread": "fit on a non-main thread", "python~r_env": "NumPy 1.26",
              "python~r_data": "R's float64 Fortran-order data", "python~batch_hook": "synchronous batch callbacks"}


def conclusions(summary):
    """For each earlier sign: does the paired CPU measurement still show it, and if so, which of the
    explain part's candidates moves Python's epoch the same way."""
    paired = summary["paired"].get("tensorflow", {})
    explain = summary.get("explain", {}).get("workloads", {})
    out = []
    for workloads, drivers, sign, text in ((("mlp", "cnn"), ("java", "r"), -1, "Java and R faster than Python on the MLP and CNN"),
                                           (("hrnn",), ("java", "r"), +1, "the hierarchical RNN slower from Java and R")):
        found = []
        for workload in workloads:
            for driver in drivers:
                o = paired.get(workload, {}).get("vs_python", {}).get(driver, {}).get("cpu")
                if o and o.get("low") is not None:
                    found.append((workload, driver, o))
        if not found:
            out.append(f"- *{text}*: not measured in this run.")
            continue
        persists = [(w, d, o) for w, d, o in found if (o["high"] < 0 if sign < 0 else o["low"] > 0)]
        figures = "; ".join(f"{d} on {w} {o['percent']:+.1f}% [{o['low']:+.1f}, {o['high']:+.1f}]" for w, d, o in found)
        if not persists:
            out.append(f"- *{text}*: **not found** by the paired CPU measurement, whose intervals reach the other side "
                       f"of zero ({figures}); the earlier figures came from the method (table above).")
            continue
        matching = []
        for workload in {w for w, _, _ in persists}:
            for variant, what in CANDIDATES.items():
                o = explain.get(workload, {}).get("vs_python", {}).get(variant, {}).get("cpu")
                if o and o.get("low") is not None and (o["high"] < 0 if sign < 0 else o["low"] > 0):
                    matching.append(f"{what} on {workload} ({o['percent']:+.1f}% [{o['low']:+.1f}, {o['high']:+.1f}])")
        out.append(f"- *{text}*: **still there** for " + ", ".join(f"{d} on {w}" for w, d, _ in persists) + f" ({figures}); "
                   + ("candidates moving Python's epoch the same way: " + "; ".join(matching) if matching
                      else "no candidate of the explain part moves Python's epoch that way, so the cause is not among them"
                      if explain else "the explain part did not run") + ".")
    return out


def render(results, summary, interval):
    out = ["## The signs of the earlier report", "",
           "The earlier, unpaired benchmark found Java and R 5–9% *faster* than Python on the MLP and CNN (comparing "
           "each driver's epochs within 1.25× of the fastest) and the hierarchical RNN 20% slower from Java "
           "(Welch, p = 0.01). Below, the same epochs of this run through that method and through the paired one. "
           "Where the two disagree, the earlier method's figure came from when each driver's epochs ran, not from the "
           "driver: on this VM the CPU a process gets changes several-fold within seconds (the wall/CPU columns above "
           "show epochs of equal CPU time taking up to tens of times longer), unpaired means compare different "
           "minutes, and one cut applied to all drivers keeps a different share of each driver's epochs.", "",
           "In this run:", ""] + conclusions(summary) + ["",
           "| workload | driver | earlier: Welch on means | earlier: medians at full speed (kept) | paired, wall | paired, CPU |",
           "|---|---|---|---|---|---|"]
    for workload, paired in summary["paired"].get("tensorflow", {}).items():
        earlier = earlier_method(analysis.epoch_rows(results, "drivers", workload))
        for driver in ("java", "r"):
            e = earlier.get(driver)
            versus = paired["vs_python"].get(driver)
            if not e or not versus:
                continue
            fast = e.get("full_speed")
            fast_cell = (f"{fast['percent']:+.1f}% ({fast['kept']} of {fast['of']}; Python {fast['python_kept']} of {fast['python_of']})"
                         if fast else "–")
            out.append(f"| {workload} | {driver} | {interval(e['welch'], 1)} | {fast_cell} | "
                       f"{interval(versus['wall'], 1)} | {interval(versus['cpu'], 1)} |")
    out.append("")
    configuration = thread_configuration(results)
    if configuration:
        out += ["Thread configuration of each process (0 is TensorFlow's default: one thread per core; the same pools "
                "everywhere rules out a difference in thread pools, and the per-thread CPU above shows whether any other "
                "pool is busy during epochs): " + "; ".join(configuration) + ".", ""]
    explain = summary.get("explain", {}).get("workloads", {})
    if explain:
        out += ["Candidates for a real difference between the processes (the explain part's rows, CPU time, which the "
                "VM's bursts do not move):", ""]
        for workload, p in explain.items():
            versus = p["vs_python"]
            lines = []
            for variant, what in (("python~thread", "Python on a 64 MB-stack thread instead of the main thread"),
                                  ("python~r_env", "NumPy 1.26 (R's env)"),
                                  ("python~r_data", "float64 Fortran-order data (what R hands over)"),
                                  ("python~batch_hook", "synchronous batch callbacks (what jkeras' hooks switch on)")):
                if variant in versus:
                    lines.append(f"{what}: {effect(versus[variant]['cpu'])}")
            for driver in ("java", "r"):
                if driver in versus:
                    lines.append(f"{driver.capitalize() if driver == 'java' else 'R'} itself in these rounds: {effect(versus[driver]['cpu'])}")
            out.append(f"- {workload}: " + "; ".join(lines) + ".")
        out.append("")
    return out
