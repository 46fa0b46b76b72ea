"""The custom-layer benchmark's statistics (bench/extending/report.py) on made-up epochs."""
import importlib.util
import math
from pathlib import Path

_spec = importlib.util.spec_from_file_location("extending_report", Path(__file__).parents[1] / "extending" / "report.py")
report = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(report)


def _result(java_times, python_times, steps=100):
    epochs = []
    for pair, (j, p) in enumerate(zip(java_times, python_times)):
        for variant, t in (("java", j), ("python", p)):
            epochs.append({"round": 0, "pair": pair, "variant": variant, "wall_s": t, "cpu_s": 2 * t,
                           "java_calls": steps if variant == "java" else 0, "loss": 0.5})
    return {"backend": "torch", "steps_per_epoch": steps, "epochs": epochs}


def test_a_constant_overhead_is_found_exactly():
    summary = report.summarize(_result([1.1] * 8, [1.0] * 8))
    median, low, high = summary["wall_s_overhead"]
    assert math.isclose(median, 0.1) and math.isclose(low, 0.1) and math.isclose(high, 0.1)
    assert summary["pairs"] == 8
    assert summary["java_calls_per_epoch"] == 100
    assert summary["loss_difference"] == 0
    per_step, _, _ = summary["wall_s_per_step_us"]
    assert math.isclose(per_step, 0.1 / 100 * 1e6)


def test_the_median_interval_ignores_a_burst_and_needs_six_values():
    values = [0.01 * i for i in range(20)] + [25.0]   # one epoch slowed 25 times by another process
    median, low, high = report.median_interval(values)
    assert median == 0.1
    assert low == 0.05 and high == 0.15                # order statistics 6 and 16 of 21 (sign test)
    assert math.isnan(report.median_interval([0.1] * 5)[1])
    assert report.median_interval([0.1] * 6)[1] == 0.1


def test_the_report_has_one_row_per_backend():
    text = report.report([report.summarize(_result([1.1, 1.2], [1.0, 1.0]))])
    rows = [line for line in text.splitlines() if line.startswith("| torch")]
    assert len(rows) == 1 and "+15.0%" in rows[0] and "every step" in rows[0]
