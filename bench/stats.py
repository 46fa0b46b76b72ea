"""The statistics of the benchmark report: summaries, Student's t, and overheads from paired
epochs (mean of within-round log-ratios with a t interval, and a bootstrap interval beside it).
Pure Python (no SciPy in the benchmark's environments); checked against R in tests/."""
import math
import random
import statistics


def summary(values):
    values = list(values)
    return {
        "n": len(values),
        "median": statistics.median(values),
        "mean": statistics.fmean(values),
        "min": min(values),
        "max": max(values),
        "sd": statistics.stdev(values) if len(values) > 1 else 0.0,
    }


def _betacf(a, b, x):
    """Continued fraction of the incomplete beta function (Lentz's method)."""
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1.0)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 400):
        m2 = 2 * m
        aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c if abs(1.0 + aa / c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c if abs(1.0 + aa / c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-15:
            break
    return h


def incomplete_beta(a, b, x):
    """The regularized incomplete beta function I_x(a, b)."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log(1 - x))
    if x < (a + 1) / (a + b + 2):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, 1 - x) / b


def t_cdf(t, df):
    """P(T <= t) for Student's t with df degrees of freedom."""
    tail = 0.5 * incomplete_beta(df / 2.0, 0.5, df / (df + t * t))
    return 1.0 - tail if t > 0 else tail


def t_quantile(p, df):
    """The t with P(T <= t) = p (bisection on t_cdf)."""
    low, high = -1e3, 1e3
    for _ in range(200):
        mid = (low + high) / 2
        if t_cdf(mid, df) < p:
            low = mid
        else:
            high = mid
    return (low + high) / 2


def welch(a, b):
    """Welch's unequal-variance t-test of mean(a) - mean(b): t, degrees of freedom, two-sided p,
    the difference and its standard error. (Unpaired: the seed study's test, kept for comparison.)"""
    na, nb = len(a), len(b)
    ma, mb = statistics.fmean(a), statistics.fmean(b)
    va = statistics.variance(a) if na > 1 else 0.0
    vb = statistics.variance(b) if nb > 1 else 0.0
    se2 = va / na + vb / nb
    if se2 == 0:
        return {"t": math.inf if ma != mb else 0.0, "df": float(na + nb - 2), "p": 0.0 if ma != mb else 1.0,
                "difference": ma - mb, "se": 0.0}
    se = math.sqrt(se2)
    df = se2 ** 2 / ((va / na) ** 2 / max(na - 1, 1) + (vb / nb) ** 2 / max(nb - 1, 1))
    t = (ma - mb) / se
    p = 2 * (1 - t_cdf(abs(t), df))
    return {"t": t, "df": df, "p": p, "difference": ma - mb, "se": se}


# ---------------------------------------------------------------- paired comparisons

def log_ratios(candidate, reference):
    """ln(candidate / reference) for every key (a round) both have: {key: seconds} each."""
    return [math.log(candidate[k] / reference[k]) for k in sorted(candidate) if k in reference]


def percent(log_ratio):
    """A mean log-ratio as an overhead in %: the geometric mean of the ratios, minus one."""
    return 100 * math.expm1(log_ratio)


def paired_overhead(ratios, confidence=0.95):
    """How much slower the candidate is than the reference, from paired log-ratios (one per round):
    the geometric mean ratio in %, with the t interval of the mean log-ratio (n - 1 degrees of
    freedom) carried over to %, and the two-sided p of "no difference"."""
    n = len(ratios)
    mean = statistics.fmean(ratios)
    out = {"n": n, "percent": percent(mean), "mean_log": mean, "low": None, "high": None, "p": None, "sd_log": None}
    if n < 2:
        return out
    sd = statistics.stdev(ratios)
    se = sd / math.sqrt(n)
    df = n - 1
    if se == 0:
        out.update({"low": percent(mean), "high": percent(mean), "p": 1.0 if mean == 0 else 0.0, "sd_log": 0.0})
        return out
    half = t_quantile(0.5 + confidence / 2, df) * se
    out.update({"low": percent(mean - half), "high": percent(mean + half), "sd_log": sd, "se_log": se,
                "t": mean / se, "df": df, "p": 2 * (1 - t_cdf(abs(mean / se), df))})
    return out


def bootstrap_interval(ratios, confidence=0.95, resamples=10000, seed=1, block=1):
    """Percentile bootstrap interval (in %) of the mean log-ratio. ``block`` > 1 resamples runs of
    that many consecutive rounds (moving blocks), which keeps correlation between neighbouring
    rounds (a burst of load lasting several rounds) in the resampled series."""
    n = len(ratios)
    if n < 2:
        return None
    block = max(1, min(block, n))
    rng = random.Random(seed)
    starts = n - block + 1
    # Sums of every block of ``block`` consecutive ratios, and of the shorter block that fills the
    # series up to n: a resample is whole blocks drawn with replacement plus one shorter block.
    whole, rest = divmod(n, block)
    block_sums = [sum(ratios[i:i + block]) for i in range(starts)]
    rest_sums = [sum(ratios[i:i + rest]) for i in range(starts)] if rest else None
    means = []
    for _ in range(resamples):
        total = sum(rng.choices(block_sums, k=whole))
        if rest_sums:
            total += rest_sums[rng.randrange(starts)]
        means.append(total / n)
    means.sort()
    tail = (1 - confidence) / 2
    return percent(_quantile(means, tail)), percent(_quantile(means, 1 - tail))


def _quantile(sorted_values, q):
    """The q-quantile of sorted values, interpolating linearly (R's type 7, NumPy's default)."""
    position = q * (len(sorted_values) - 1)
    low = math.floor(position)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (position - low)


def autocorrelation(values, lag=1):
    """Sample autocorrelation at ``lag`` (as R's acf): near zero when rounds are independent."""
    n = len(values)
    if n <= lag + 1:
        return None
    mean = statistics.fmean(values)
    denominator = sum((v - mean) ** 2 for v in values)
    if denominator == 0:
        return 0.0
    return sum((values[i] - mean) * (values[i + lag] - mean) for i in range(n - lag)) / denominator
