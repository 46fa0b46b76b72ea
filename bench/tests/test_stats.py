"""The benchmark's statistics against values from statistical tables and from R (4.2.2: t.test, acf)."""
import math
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import stats  # noqa: E402


def pct(log_value):
    return 100 * math.expm1(log_value)


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


def test_log_ratios_pair_by_key_and_skip_unpaired_keys():
    candidate = {0: 2.0, 1: 1.1, 2: 3.0, 5: 9.0}
    reference = {0: 1.0, 1: 1.0, 2: 3.0, 3: 7.0}
    assert stats.log_ratios(candidate, reference) == pytest.approx([math.log(2.0), math.log(1.1), 0.0])


def test_paired_overhead_matches_r_t_test():
    # R: t.test(c(0.01, 0.02, 0.03, 0.00, -0.01)) -> 95% CI -0.009632431615 0.029632431615, p 0.2301996411
    result = stats.paired_overhead([0.01, 0.02, 0.03, 0.00, -0.01])
    assert result["n"] == 5
    assert result["percent"] == pytest.approx(pct(0.01), abs=1e-9)
    assert result["low"] == pytest.approx(pct(-0.009632431615), abs=1e-6)
    assert result["high"] == pytest.approx(pct(0.029632431615), abs=1e-6)
    assert result["p"] == pytest.approx(0.2301996411, abs=1e-6)


def test_paired_overhead_second_case_from_r():
    # R: y <- c(0.05, -0.02, 0.011, 0.034, 0.002, 0.027, -0.008, 0.019); t.test(y)
    #    -> mean 0.014375, 95% CI -0.004798555104 0.033548555104, p 0.1195408889
    result = stats.paired_overhead([0.05, -0.02, 0.011, 0.034, 0.002, 0.027, -0.008, 0.019])
    assert result["mean_log"] == pytest.approx(0.014375)
    assert result["low"] == pytest.approx(pct(-0.004798555104), abs=1e-6)
    assert result["high"] == pytest.approx(pct(0.033548555104), abs=1e-6)
    assert result["p"] == pytest.approx(0.1195408889, abs=1e-6)


def test_paired_overhead_from_epoch_times():
    # Candidate epochs 1.02, 1.01, 1.05, 0.99, 1.03, 1.00 s against a reference of 1.00 s each.
    # R: t.test(log(c(1.02,1.01,1.05,0.99,1.03,1.00))) -> 95% CI -0.005890322089 0.038574184991
    candidate = dict(enumerate([1.02, 1.01, 1.05, 0.99, 1.03, 1.00]))
    reference = dict(enumerate([1.0] * 6))
    result = stats.paired_overhead(stats.log_ratios(candidate, reference))
    assert result["low"] == pytest.approx(pct(-0.005890322089), abs=1e-6)
    assert result["high"] == pytest.approx(pct(0.038574184991), abs=1e-6)
    geometric_mean = math.prod([1.02, 1.01, 1.05, 0.99, 1.03, 1.00]) ** (1 / 6)
    assert result["percent"] == pytest.approx(100 * (geometric_mean - 1))


def test_pairing_removes_what_both_drivers_share():
    # Rounds where the machine is twice as slow for everyone: the ratio is what is left.
    machine = [1.0, 2.0, 1.0, 2.0, 1.5, 1.0, 2.0, 1.2]
    reference = {i: m * 3.0 for i, m in enumerate(machine)}
    candidate = {i: m * 3.0 * (1.01 if i % 2 else 1.03) for i, m in enumerate(machine)}
    result = stats.paired_overhead(stats.log_ratios(candidate, reference))
    assert result["percent"] == pytest.approx(100 * (math.sqrt(1.01 * 1.03) - 1))
    assert 1.0 < result["low"] < result["percent"] < result["high"] < 3.0


def test_paired_overhead_without_spread_or_pairs():
    same = stats.paired_overhead([0.02, 0.02, 0.02])
    assert same["low"] == same["high"] == pytest.approx(pct(0.02)) and same["p"] == 0.0
    one = stats.paired_overhead([0.05])
    assert one["n"] == 1 and one["low"] is None and one["percent"] == pytest.approx(pct(0.05))


def test_bootstrap_interval_of_two_values_is_their_range():
    # Resampling [a, b] gives means a, (a+b)/2, b with chances 1/4, 1/2, 1/4: the 2.5% and 97.5%
    # quantiles of the bootstrap distribution are a and b.
    low, high = stats.bootstrap_interval([0.01, 0.03], resamples=4000)
    assert low == pytest.approx(pct(0.01))
    assert high == pytest.approx(pct(0.03))


def test_bootstrap_with_one_block_of_everything_is_the_mean():
    ratios = [0.01, -0.02, 0.03, 0.0, 0.04]
    low, high = stats.bootstrap_interval(ratios, block=len(ratios), resamples=200)
    assert low == pytest.approx(pct(0.012)) and high == pytest.approx(pct(0.012))


def test_bootstrap_agrees_with_t_for_a_long_even_series():
    # 200 log-ratios spread evenly (a sawtooth): the bootstrap interval of the mean is close to t's.
    ratios = [0.01 + 0.02 * ((i * 37) % 100 - 49.5) / 50 for i in range(200)]
    t = stats.paired_overhead(ratios)
    low, high = stats.bootstrap_interval(ratios, resamples=4000, seed=3)
    assert low == pytest.approx(t["low"], abs=0.03)
    assert high == pytest.approx(t["high"], abs=0.03)


def test_bootstrap_is_reproducible():
    ratios = [0.05, -0.02, 0.011, 0.034, 0.002, 0.027, -0.008, 0.019]
    assert stats.bootstrap_interval(ratios, block=2) == stats.bootstrap_interval(ratios, block=2)


def test_autocorrelation_matches_r_acf():
    # R: acf(c(0.05, -0.02, 0.011, 0.034, 0.002, 0.027, -0.008, 0.019), plot=FALSE)$acf[2] -> -0.5323078
    assert stats.autocorrelation([0.05, -0.02, 0.011, 0.034, 0.002, 0.027, -0.008, 0.019]) == pytest.approx(-0.5323078, abs=1e-7)
    assert stats.autocorrelation([1.0, 2.0]) is None
