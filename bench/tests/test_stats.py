"""The benchmark's statistics against values from statistical tables and R."""
import math
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import stats  # noqa: E402


@pytest.mark.parametrize("df, expected", [(1, 12.706205), (5, 2.570582), (10, 2.228139), (30, 2.042272), (1000, 1.962339)])
def test_t_quantile_matches_tables(df, expected):
    assert stats.t_quantile(0.975, df) == pytest.approx(expected, abs=1e-5)


def test_t_cdf_is_symmetric_and_centered():
    assert stats.t_cdf(0, 7) == pytest.approx(0.5)
    assert stats.t_cdf(-1.3, 7) + stats.t_cdf(1.3, 7) == pytest.approx(1.0)


def test_welch_matches_r():
    # R: t.test(c(1,2,3,4,5), c(2,4,6,8,10)) -> t = -1.8974, df = 5.8824, p-value = 0.1075
    result = stats.welch([1, 2, 3, 4, 5], [2, 4, 6, 8, 10])
    assert result["t"] == pytest.approx(-1.8974, abs=1e-4)
    assert result["df"] == pytest.approx(5.8824, abs=1e-4)
    assert result["p"] == pytest.approx(0.1075, abs=1e-4)


def test_overhead_interval_contains_the_estimate():
    reference = [1.00, 1.02, 0.98, 1.01, 0.99]
    slower = [1.10, 1.12, 1.08, 1.11, 1.09]
    overhead = stats.overhead_percent(slower, reference)
    assert overhead["percent"] == pytest.approx(10.0)
    assert overhead["low"] < 10.0 < overhead["high"]
    assert overhead["p"] < 0.001


def test_identical_samples():
    result = stats.overhead_percent([1.0, 1.0], [1.0, 1.0])
    assert result["percent"] == 0 and result["p"] == 1.0
    assert math.isfinite(result["low"])
