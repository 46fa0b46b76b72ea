"""The report on made-up results: tables, goals stated as met or not, agreement of losses."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import report  # noqa: E402

SPEC = json.load(open(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "workloads.json")))


def train(driver, workload, run, scale, loss=0.5):
    return {"driver": driver, "workload": workload, "run": run, "backend": "tensorflow", "data_source": "fashion_mnist",
            "epoch_seconds": [5.0] + [scale * (1 + 0.001 * i) for i in range(4)], "fit_seconds": 5 + 4 * scale,
            "losses": [1.0, 0.7, 0.6, 0.55, loss]}


def results():
    rows = []
    for run in range(3):
        for workload in ("mlp", "cnn"):
            rows += [train("python", workload, run, 1.0), train("java", workload, run, 1.002),
                     train("r", workload, run, 1.10, loss=0.5 + 1e-7)]
    micro = [{"driver": d, "what": "fast_path_one", "run": 0, "seconds": [s] * 50}
             for d, s in (("python", 400e-6), ("java", 380e-6), ("r", 900e-6))]
    return {"date": "2026-11-23T00:00:00+00:00", "mode": "quick", "runs": 3, "seed": 1, "seconds": 60,
            "machine": {"cpu": "test CPU", "cores": 2, "os": "Linux", "commit": "abc"}, "spec": SPEC,
            "versions": {"python": {"keras": "3.15.1"}}, "train": rows, "micro": micro, "backends": {}}


def test_goals_are_stated_with_numbers():
    summary = report.summarize(results())
    goals = "\n".join(report.goals(summary))
    assert "MLP within 1%: **met**" in goals
    assert "fast path within 20 µs of Python's predict_on_batch: **met**" in goals
    assert "R's per-epoch overhead on the mlp: +10.00%" in goals


def test_overhead_and_loss_agreement():
    summary = report.summarize(results())
    assert abs(summary["overhead"]["cnn"]["java"]["percent"] - 0.2) < 1e-6
    assert summary["loss_agreement"]["mlp"]["max_abs_difference_vs_python"]["java"] == 0
    assert abs(summary["loss_agreement"]["mlp"]["max_abs_difference_vs_python"]["r"] - 1e-7) < 1e-12
    assert summary["epoch"]["mlp"]["python"]["n"] == 12, "first epoch of each of 3 runs left out"


def test_report_renders_every_section():
    data = results()
    text = report.render(data, report.summarize(data))
    for heading in ("## Goals", "## Per-epoch time", "## Whole fit", "## Same numbers from every driver", "## Micro-benchmarks", "## Method"):
        assert heading in text
    assert "MLP 784-256-128-64-10" in text


def test_epoch_goal_needs_the_interval_not_just_the_estimate():
    within = {"percent": 0.2, "low": -0.5, "high": 0.9, "p": 0.6}
    faster = {"percent": -8.0, "low": -12.0, "high": -4.0, "p": 0.001}
    slower = {"percent": 9.0, "low": 4.0, "high": 14.0, "p": 0.001}
    noisy = {"percent": -3.0, "low": -20.0, "high": 14.0, "p": 0.7}
    assert report.epoch_verdict(within) == "**met**"
    assert report.epoch_verdict(faster) == "**met**", "faster than Python is within an overhead goal"
    assert report.epoch_verdict(slower) == "**not met**"
    assert report.epoch_verdict(noisy).startswith("**not resolved**")
    assert "estimate within the goal" in report.epoch_verdict(noisy)


def test_full_speed_uses_one_cut_for_every_driver():
    # Python: all at 1.0; Java: two throttled epochs at 2.0 and the rest at 1.02; R: at 1.3, over the 1.25 cut.
    per = report.full_speed({"python": [1.0] * 4, "java": [1.02, 2.0, 1.02, 2.0], "r": [1.3] * 4})
    assert per["python"] == {"median": 1.0, "n": 4, "of": 4}
    assert per["java"]["n"] == 2 and abs(per["java"]["percent_vs_python"] - 2.0) < 1e-9
    assert per["r"]["n"] == 0 and per["r"]["median"] is None and "percent_vs_python" not in per["r"]


def test_report_renders_the_full_speed_table():
    summary = report.summarize(results())
    text = report.render(results(), summary)
    assert "### At full speed" in text
    assert "| mlp | 1.002 (12 of 12) | 1.004 (12 of 12) | 1.102 (12 of 12) | +0.2% | +10.0% |" in text
