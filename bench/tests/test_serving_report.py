"""The serving report's ratios and verdicts from known figures."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import serving_report  # noqa: E402


def point(rps, p50=1.0, p99=2.0, batch=None):
    p = {"requests_per_second": rps, "p50_ms": p50, "p99_ms": p99}
    if batch is not None:
        p["mean_batch_rows"] = batch
    return p


RESULTS = {
    "seconds_per_point": 5, "max_batch": 32, "max_delay_ms": 2,
    "batch_call_us": {"1": 200.0, "32": 700.0},
    "one_at_a_time": {"16": point(4000), "64": point(4000)},
    "batching": {"16": point(36000, p99=3.0, batch=16), "64": point(60000, p99=3.5, batch=32)},
    "http_json": {"16": point(8000)},
    "http_binary": {"16": point(17000)},
    "python_predict_on_batch": {"16": point(4000)},
    "call_path": {
        "java_noop": {"wall_us_p50": 2.5, "wall_us_p10": 2.0, "wall_us_p90": 3.0, "cpu_us_per_call_median_block": 4.0},
        "serving_overhead_us_p50": 12.0,
    },
}


def test_goals_are_computed_from_the_figures():
    text = serving_report.report(RESULTS, ["load average: 0.10"], "scripts/bench serving")
    assert "| in-process batching ÷ one-at-a-time, 16 threads | ≥ 8× | 9.0× | met |" in text
    assert "| in-process batching ÷ one-at-a-time, 64 threads | ≥ 20× | 15.0× | **not met** |" in text
    # 2 ms + 2 x 0.7 ms = 3.4 ms
    assert "| batching p99, 16 threads | ≤ maxDelay + 2 batch times = 3.40 ms | 3.00 ms | met |" in text
    assert "| batching p99, 64 threads | ≤ maxDelay + 2 batch times = 3.40 ms | 3.50 ms | **not met** |" in text
    assert "| http json, 16 clients ÷ Python anchor, 16 threads | ≥ 4× | 2.0× | **not met** |" in text
    assert "| http binary, 16 clients ÷ Python anchor, 16 threads | ≥ 4× | 4.2× | met |" in text
    assert "2.50 µs | met |" in text
    assert "12.0 µs | **not met** |" in text
    assert "36,000 (1.00 / 3.00, 16.0/batch)" in text
