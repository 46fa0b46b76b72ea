"""The report on made-up results: paired rounds, the goals stated as met or not, first-epoch and
whole-fit rows, the explain part and the model of the overhead."""
import json
import math
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import analysis  # noqa: E402
import report  # noqa: E402
import signs  # noqa: E402

SPEC = json.load(open(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "workloads.json")))
# Seconds per epoch relative to Python, per driver; the machine's speed changes from round to round.
SCALE = {"python": 1.0, "java": 1.002, "r": 1.10, "python~batch_hook": 0.98, "python~thread": 1.0}
MACHINE = [1.0, 1.9, 1.0, 1.1, 2.0, 1.0, 1.05, 1.0]


def epochs(label, workload, drivers, runs=2, per_run=4, jitter=0.0):
    rows, round_index = [], 0
    for run in range(runs):
        for epoch in range(per_run):
            order = drivers if round_index % 2 == 0 else list(reversed(drivers))
            for position, driver in enumerate(order):
                machine = MACHINE[round_index % len(MACHINE)]
                noise = 1 + jitter * (1 if (round_index + position) % 2 else -1)
                wall = (3.0 if epoch == 0 else 1.0) * SCALE[driver] * machine * noise
                rows.append({"backend": label, "workload": workload, "run": run, "epoch": epoch, "round": round_index,
                             "driver": driver, "position": position, "wall": wall, "cpu": wall * 1.8,
                             "threads": {"fit thread": wall * 0.5, "tf_Compute": wall * 1.3},
                             **({"setup": 0.1 * SCALE[driver]} if epoch == 0 else {})})
            round_index += 1
    return rows


def fits(label, workload, drivers, runs=2, loss=0.5):
    return [{"backend": label, "workload": workload, "run": run, "driver": d, "fit": 10 * SCALE[d], "paused_cpu": 0.0,
             "losses": [1.0, loss + (1e-7 if d == "r" else 0.0)], "data_source": "fashion_mnist",
             "x_handed": {"dtype": "float64" if d == "r" else "float32", "order": "F" if d == "r" else "C"}}
            for run in range(runs) for d in drivers]


def results(jitter=0.0):
    rows, fit_rows = [], []
    for workload in ("mlp", "cnn"):
        rows += epochs("drivers", workload, ["python", "java", "r"], jitter=jitter)
        fit_rows += fits("drivers", workload, ["python", "java", "r"])
    rows += epochs("explain", "mlp", ["python", "python~batch_hook", "python~thread", "java", "r"], runs=1)
    rows += epochs("jax", "mlp", ["python", "java"], runs=1)
    micro = [{"driver": d, "what": what, "run": 0, "seconds": [s] * 50}
             for d, what, s in (("python", "fast_path_one", 400e-6), ("java", "fast_path_one", 380e-6), ("r", "fast_path_one", 900e-6),
                                ("python", "noop", 0.1e-6), ("java", "noop", 5.8e-6), ("r", "noop", 19.8e-6),
                                ("java", "batch_hooks", 1e-6), ("r", "callback", 10e-6))]
    return {"date": "2026-11-23T00:00:00+00:00", "mode": "quick", "seed": 1, "seconds": 60, "seconds_by_part": {"drivers": 50},
            "machine": {"cpu": "test CPU", "cores": 2, "os": "Linux", "commit": "abc"}, "spec": SPEC,
            "versions": {"drivers": {"python": {"keras": "3.15.1"}}}, "threads": {}, "epochs": rows, "fits": fit_rows,
            "errors": [], "micro": micro}


def summary_of(data):
    s = analysis.summarize(data)
    s["_spec"], s["_threads"] = data["spec"], data["threads"]
    return s


def test_pairing_recovers_the_ratio_whatever_the_machine_did():
    s = summary_of(results())
    java = s["paired"]["tensorflow"]["mlp"]["vs_python"]["java"]["wall"]
    r = s["paired"]["tensorflow"]["mlp"]["vs_python"]["r"]["cpu"]
    assert java["percent"] == pytest.approx(0.2) and java["n"] == 6, "3 measured epochs in each of 2 runs"
    assert java["low"] == pytest.approx(0.2) and java["high"] == pytest.approx(0.2), "no noise left after pairing"
    assert r["percent"] == pytest.approx(10.0)


def test_first_epoch_and_whole_fit_are_their_own_rows():
    s = summary_of(results())
    assert s["first_epoch"]["cnn"]["runs"] == 2
    assert s["first_epoch"]["cnn"]["vs_python"]["r"]["percent"] == pytest.approx(10.0)
    assert s["first_epoch"]["cnn"]["setup"]["java"] == pytest.approx(0.1002)
    assert s["fit"]["mlp"]["vs_python"]["java"]["percent"] == pytest.approx(0.2)
    assert s["loss_agreement"]["mlp"]["max_abs_difference_vs_python"] == pytest.approx({"java": 0.0, "r": 1e-7})


def test_goals_are_stated_with_their_intervals():
    goals = "\n".join(report.goals(summary_of(results(jitter=0.002))))
    assert "Java's per-epoch overhead on the MLP within 1% (paired CPU time): **met**" in goals
    assert "fast path within 20 µs of Python's predict_on_batch: **met**" in goals
    assert "no-op call from Java at most 3 µs" in goals and "**not met** (5.8 µs)" in goals


def test_epoch_goal_needs_the_interval_not_just_the_estimate():
    within = {"percent": 0.2, "low": -0.5, "high": 0.9}
    faster = {"percent": -8.0, "low": -12.0, "high": -4.0}
    slower = {"percent": 9.0, "low": 4.0, "high": 14.0}
    noisy = {"percent": -3.0, "low": -20.0, "high": 14.0}
    assert report.epoch_verdict(within) == "**met**"
    assert report.epoch_verdict(faster) == "**met**", "faster than Python is within an overhead goal"
    assert report.epoch_verdict(slower) == "**not met**"
    assert report.epoch_verdict(noisy).startswith("**not resolved**") and "estimate within the goal" in report.epoch_verdict(noisy)


def test_explain_part_and_model():
    s = summary_of(results())
    explain = s["explain"]["workloads"]["mlp"]["vs_python"]
    assert explain["python~batch_hook"]["wall"]["percent"] == pytest.approx(-2.0)
    batches = math.ceil(SPEC["explain"]["quick"]["sizes"]["mlp"]["samples"] / SPEC["explain"]["quick"]["sizes"]["mlp"]["batch_size"])
    per_batch = s["explain"]["per_batch"]["python~batch_hook"]["cpu"]["seconds"]
    python_cpu = s["explain"]["workloads"]["mlp"]["medians"]["python"]["cpu"]
    assert python_cpu == pytest.approx(1.1 * 1.8), "the machine's factors of the measured rounds 1-3: 1.9, 1.0, 1.1; CPU 1.8 x wall"
    assert per_batch == pytest.approx(-0.02 * python_cpu / batches)
    java = s["model"]["mlp"]["java"]
    mlp_batches = math.ceil(SPEC["workloads"]["mlp"]["quick"]["samples"] / SPEC["workloads"]["mlp"]["quick"]["batch_size"])
    assert java["terms"]["hooks"] == pytest.approx(mlp_batches * 1e-6)
    assert java["terms"]["synchronous_dispatch"] == pytest.approx(mlp_batches * per_batch)
    assert s["model"]["mlp"]["r"]["terms"]["epoch_callbacks"] == pytest.approx(20e-6)


def test_report_renders_every_section():
    data = results()
    text = report.render(data, summary_of(data))
    for heading in ("## Goals", "## Per-epoch time, paired", "## First epoch and whole fit", "## Where the CPU goes",
                    "## Explaining the differences", "## The signs of the earlier report", "## A model of the overhead", "## The seed experiments, side by side",
                    "## Same numbers from every driver", "## Micro-benchmarks", "## Keras backends", "## Method"):
        assert heading in text
    assert "mode **quick**" in text and "not a measurement to quote" in text
    assert "R up to 15% slower than Python" in text


def test_earlier_method_is_fooled_by_when_epochs_ran_and_cpu_time_is_not():
    # Java is exactly as fast as Python, but its epochs happen to fall in the machine's slow rounds.
    rows = []
    for round_index in range(8):
        slow = round_index % 2 == 1
        for position, driver in enumerate(["python", "java"]):
            java_slowed = driver == "java" and slow
            rows.append({"backend": "drivers", "workload": "mlp", "run": 0, "epoch": round_index + 1, "round": round_index,
                         "driver": driver, "position": position, "wall": 2.0 if java_slowed else 1.0, "cpu": 1.8})
    earlier = signs.earlier_method(rows)["java"]
    assert earlier["welch"]["percent"] == pytest.approx(50.0), "unpaired: half of Java's epochs took twice as long"
    assert earlier["full_speed"]["kept"] == 4 and earlier["full_speed"]["percent"] == pytest.approx(0.0)
    paired = analysis.paired_workload(rows)["vs_python"]["java"]
    assert paired["cpu"]["percent"] == pytest.approx(0.0) and paired["cpu"]["low"] == pytest.approx(0.0)


def test_headline_for_the_readme():
    data = results()
    text = report.headline(data, summary_of(data))
    assert "quick run" in text and "| mlp | 6 |" in text and "+0.2% [+0.2, +0.2]" in text


def test_headline_goes_between_the_readme_markers(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# x\n\n<!-- bench:headline (note) -->\nold table\n<!-- /bench:headline -->\n\n## Layout\n")
    assert report.update_readme(str(readme), "new table\n")
    assert readme.read_text() == "# x\n\n<!-- bench:headline (note) -->\nnew table\n<!-- /bench:headline -->\n\n## Layout\n"
    plain = tmp_path / "plain.md"
    plain.write_text("no markers\n")
    assert not report.update_readme(str(plain), "t")


def test_conclusions_say_whether_a_sign_is_still_there_and_what_matches_it():
    data = results()
    assert "**not found**" in signs.conclusions(summary_of(data))[0]
    for row in data["epochs"]:  # Java 3% faster everywhere, and so is Python with synchronous batch callbacks
        if row["driver"] in ("java", "python~batch_hook") and row["workload"] == "mlp":
            row["wall"] *= 0.97 / (1.002 if row["driver"] == "java" else 0.98)
            row["cpu"] = row["wall"] * 1.8
    lines = signs.conclusions(summary_of(data))
    assert "**still there** for java on mlp" in lines[0]
    assert "synchronous batch callbacks on mlp (-3.0% [-3.0, -3.0])" in lines[0]
    assert "not measured" in lines[1]
