"""The statistics of the benchmark report: summaries, Welch's t-test, and the 95% interval of an
overhead in percent. Pure Python (no SciPy in the benchmark's environments); checked in tests/."""
import math
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
    the difference and its standard error."""
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


def overhead_percent(candidate, reference, confidence=0.95):
    """How much slower ``candidate`` is than ``reference``, in % of the reference's mean, with the
    Welch interval of the difference of means scaled by that mean (the reference mean is taken as
    exact, a fair approximation with the run counts used here)."""
    test = welch(candidate, reference)
    base = statistics.fmean(reference)
    half = t_quantile(0.5 + confidence / 2, test["df"]) * test["se"] if test["se"] else 0.0
    return {
        "percent": 100 * test["difference"] / base,
        "low": 100 * (test["difference"] - half) / base,
        "high": 100 * (test["difference"] + half) / base,
        "p": test["p"],
        "t": test["t"],
        "df": test["df"],
    }
