"""Descriptive statistics on lists of floats (no statistics module)."""

from __future__ import annotations

import math
from collections import Counter


class StatisticsError(ValueError):
    pass


def mean(data: list[float]) -> float:
    if not data:
        raise StatisticsError("mean requires at least one data point")
    return sum(data) / len(data)


def median(data: list[float]) -> float:
    n = len(data)
    if n == 0:
        raise StatisticsError("no median for empty data")
    ordered = sorted(data)
    mid = n // 2
    if n % 2:
        return ordered[mid]
    return (ordered[mid - 1] + ordered[mid]) / 2


def mode(data: list[float]) -> float:
    if not data:
        raise StatisticsError("no mode for empty data")
    counts = Counter(data)
    best = max(counts.values())
    return next(x for x in data if counts[x] == best)


def variance(data: list[float], sample: bool = True) -> float:
    n = len(data)
    if n < 2 and sample:
        raise StatisticsError("variance requires at least two data points")
    if n == 0:
        raise StatisticsError("variance requires at least one data point")
    m = mean(data)
    ss = sum((x - m) ** 2 for x in data)
    return ss / (n - 1 if sample else n)


def stdev(data: list[float], sample: bool = True) -> float:
    return math.sqrt(variance(data, sample))


def percentile(data: list[float], p: float) -> float:
    if not 0 <= p <= 100:
        raise ValueError("percentile must be in [0, 100]")
    ordered = sorted(data)
    if not ordered:
        raise StatisticsError("empty data")
    k = (len(ordered) - 1) * p / 100
    lo = math.floor(k)
    hi = math.ceil(k)
    if lo == hi:
        return ordered[int(k)]
    return ordered[lo] * (hi - k) + ordered[hi] * (k - lo)


def zscores(data: list[float]) -> list[float]:
    m = mean(data)
    s = stdev(data)
    return [(x - m) / s for x in data]


def covariance(xs: list[float], ys: list[float]) -> float:
    if len(xs) != len(ys):
        raise StatisticsError("covariance requires that both inputs have same number of data points")
    mx, my = mean(xs), mean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / (len(xs) - 1)


def correlation(xs: list[float], ys: list[float]) -> float:
    return covariance(xs, ys) / (stdev(xs) * stdev(ys))


def linear_regression(xs: list[float], ys: list[float]) -> tuple[float, float]:
    """(slope, intercept) of the least-squares line."""
    slope = covariance(xs, ys) / variance(xs)
    return slope, mean(ys) - slope * mean(xs)


def histogram(data: list[float], bins: int, lo: float, hi: float) -> list[int]:
    counts = [0] * bins
    width = (hi - lo) / bins
    for x in data:
        if lo <= x < hi:
            counts[int((x - lo) / width)] += 1
        elif x == hi:
            counts[-1] += 1
    return counts


def describe(data: list[float]) -> dict[str, float]:
    return {
        "count": float(len(data)),
        "mean": round(mean(data), 4),
        "min": min(data),
        "max": max(data),
        "median": median(data),
    }
