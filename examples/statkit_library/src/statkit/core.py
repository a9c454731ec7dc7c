"""Means and spreads; uses the shared helpers of `_util` and the formulas of `dynamic`."""

from __future__ import annotations

from . import _util
from ._util import square
from .dynamic import parse_formula


def mean(xs: list[float]) -> float:
    if not xs:
        raise ValueError("mean of an empty list")
    total = 0.0
    for x in xs:
        total += x
    return total / len(xs)


def variance(xs: list[float]) -> float:
    m = mean(xs)
    acc = 0.0
    for x in xs:
        acc += square(x - m)
    return acc / len(xs)


def clipped_total(xs: list[float], lo: float, hi: float) -> float:
    total = 0.0
    for x in xs:
        total += _util.clamp(x, lo, hi)
    return total


def sum_of_squares(n: int) -> int:
    total = 0
    for i in range(1, n + 1):
        total += i * i
    return total


def weighted_score(text: str, weight: int) -> int:
    return weight * parse_formula(text)
