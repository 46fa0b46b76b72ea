"""Turns the serving benchmark's raw results (serving_java.json from jkeras.bench.ServingBenchmark,
serving_python.json from serving_anchor.py) into bench/results/serving.md and serving.json.
Run by scripts/bench serving; rerunnable on its own:

    python bench/serving_report.py [RESULTS_FOLDER] [--load "uptime before" --load "uptime after"] [--command "..."] [--note "..."]
"""
import argparse
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
GOAL_NOOP_US = 3.0
GOAL_SERVING_OVERHEAD_US = 10.0
GOAL_BATCHING_RATIO = {"16": 8.0, "64": 20.0}
GOAL_HTTP_VS_PYTHON = 4.0

ROWS = [
    ("python_predict_on_batch", "Python anchor: `predict_on_batch` per request, N Python threads (GIL)"),
    ("python_compiled", "Python: the compiled function (`jkeras.serving.Predictor`), N Python threads"),
    ("one_at_a_time", "Java `model.predictor()`, one request at a time"),
    ("batching", "Java `model.predictor(p -> p.maxBatchSize(B).maxDelay(D))`, in-process"),
    ("http_json", "HTTP `scripts/serve`, JSON body, keep-alive"),
    ("http_binary", "HTTP `scripts/serve`, float32 body, keep-alive"),
]


def load(folder):
    merged = {}
    for name in ("serving_java.json", "serving_python.json"):
        path = os.path.join(folder, name)
        if os.path.exists(path):
            with open(path) as f:
                data = json.load(f)
            for key, value in data.items():
                merged.setdefault("python_versions" if name.startswith("serving_python") and key == "versions" else key, value)
    return merged


def rps(results, row, threads):
    point = results.get(row, {}).get(str(threads))
    return point["requests_per_second"] if point else None


def verdict(ok):
    return "met" if ok else "**not met**"


def fmt(v, digits=0):
    return "–" if v is None else f"{v:,.{digits}f}"


def report(results, loads, command, notes=()):
    threads = sorted({int(t) for row, _ in ROWS for t in results.get(row, {})})
    lines = ["# Serving: many client threads, one Python thread", ""]
    lines += [f"Command: `{command}`", ""]
    if loads:
        lines += ["Machine load (`uptime`) " + " / ".join(f"`{l.strip()}`" for l in loads) + ".", ""]
    for note in notes:
        lines += [note, ""]
    lines += [
        f"The tutorial MLP (784-256-128-64-10), one-sample requests, clients in a closed loop (each sends its next request"
        f" when the last is answered) for {results.get('seconds_per_point', '?')} s per point after a warm-up; the load"
        f" generator runs on this machine (raw keep-alive sockets, one connection per client). Batching:"
        f" maxBatchSize {results.get('max_batch')}, maxDelay {results.get('max_delay_ms')} ms.", "",
        "## Throughput (requests/s) and latency (p50 / p99 ms)", "",
        "| | " + " | ".join(f"{t} thread{'s' if t > 1 else ''}" for t in threads) + " |",
        "|---|" + "---|" * len(threads),
    ]
    for row, title in ROWS:
        if row not in results:
            continue
        cells = []
        for t in threads:
            p = results[row].get(str(t))
            if p is None:
                cells.append("–")
                continue
            batch = f", {p['mean_batch_rows']:.1f}/batch" if "mean_batch_rows" in p else ""
            cells.append(f"{p['requests_per_second']:,.0f} ({p['p50_ms']:.2f} / {p['p99_ms']:.2f}{batch})")
        lines.append(f"| {title} | " + " | ".join(cells) + " |")
    lines.append("")

    goals = []
    for t, goal in GOAL_BATCHING_RATIO.items():
        b, o = rps(results, "batching", t), rps(results, "one_at_a_time", t)
        if b and o:
            goals.append(f"| in-process batching ÷ one-at-a-time, {t} threads | ≥ {goal:.0f}× | {b / o:.1f}× | {verdict(b / o >= goal)} |")
    batch_us = results.get("batch_call_us", {})
    full = batch_us.get(str(results.get("max_batch")))
    if full:
        bound = results["max_delay_ms"] + 2 * full / 1e3
        for t in ("16", "64"):
            p = results.get("batching", {}).get(t)
            if p:
                goals.append(f"| batching p99, {t} threads | ≤ maxDelay + 2 batch times = {bound:.2f} ms | {p['p99_ms']:.2f} ms |"
                             f" {verdict(p['p99_ms'] <= bound)} |")
    anchor = rps(results, "python_predict_on_batch", 16)
    for row in ("http_json", "http_binary"):
        h = rps(results, row, 16)
        if h and anchor:
            goals.append(f"| {row.replace('_', ' ')}, 16 clients ÷ Python anchor, 16 threads | ≥ {GOAL_HTTP_VS_PYTHON:.0f}× |"
                         f" {h / anchor:.1f}× | {verdict(h / anchor >= GOAL_HTTP_VS_PYTHON)} |")
    calls = results.get("call_path", {})
    if calls:
        noop = calls["java_noop"]["wall_us_p50"]
        goals.append(f"| no-op call from a Java thread, hand-off included (median) | ≤ {GOAL_NOOP_US:.0f} µs | {noop:.2f} µs |"
                     f" {verdict(noop <= GOAL_NOOP_US)} |")
        over = calls["serving_overhead_us_p50"]
        goals.append(f"| serving call from Java − the same function from Python (medians) | ≤ {GOAL_SERVING_OVERHEAD_US:.0f} µs |"
                     f" {over:.1f} µs | {verdict(over <= GOAL_SERVING_OVERHEAD_US)} |")
    if goals:
        lines += ["## Goals (issue 13, issue 15 item 6)", "", "| | goal | measured | |", "|---|---|---|---|"] + goals + [""]

    if batch_us:
        lines += ["## One call of n rows (one-at-a-time predictor, median µs)", "",
                  "| rows | " + " | ".join(batch_us) + " |", "|---|" + "---|" * len(batch_us),
                  "| µs | " + " | ".join(f"{v:.0f}" for v in batch_us.values()) + " |",
                  "| µs per row | " + " | ".join(f"{v / int(k):.1f}" for k, v in batch_us.items()) + " |", ""]
    if calls:
        lines += ["## The call path (medians of alternating blocks, same process, same minute)", "",
                  "| | wall p50 µs | p10 | p90 | process CPU µs per call |", "|---|---|---|---|---|"]
        names = {"java_noop": "no-op, from a Java thread (hand-off to the Python thread included)",
                 "java_noop_inline": "no-op, Java code already on the Python thread (Jep + bridge only)",
                 "python_noop": "no-op, timed inside Python",
                 "java_serving": "serving call (`predictor.predict(x)`, 1×784), from a Java thread",
                 "java_serving_inline": "serving call, Java code on the Python thread",
                 "python_serving": "the same compiled function called from Python on that thread (`Predictor.predict`)"}
        for key, title in names.items():
            c = calls.get(key)
            if c:
                lines.append(f"| {title} | {c['wall_us_p50']:.2f} | {c['wall_us_p10']:.2f} | {c['wall_us_p90']:.2f} |"
                             f" {c['cpu_us_per_call_median_block']:.2f} |")
        lines.append("")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", nargs="?", default=os.path.join(HERE, "results"))
    parser.add_argument("--load", action="append", default=[])
    parser.add_argument("--command", default="scripts/bench serving")
    parser.add_argument("--note", action="append", default=[], help="a sentence about the run (e.g. what else the machine ran)")
    args = parser.parse_args()
    results = load(args.folder)
    results["machine_load"] = args.load
    results["notes"] = args.note
    with open(os.path.join(args.folder, "serving.json"), "w") as f:
        json.dump(results, f, indent=2)
    with open(os.path.join(args.folder, "serving.md"), "w") as f:
        f.write(report(results, args.load, args.command, args.note) + "\n")
    print(os.path.join(args.folder, "serving.md"))


if __name__ == "__main__":
    main()
