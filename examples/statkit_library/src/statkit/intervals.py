"""Intervals on the real line; imports `histogram`, which imports this module back."""

from __future__ import annotations

from dataclasses import dataclass

from . import histogram


@dataclass(frozen=True)
class Interval:
    lo: float
    hi: float


def overlap_length(a_lo: float, a_hi: float, b_lo: float, b_hi: float) -> float:
    lo = max(a_lo, b_lo)
    hi = min(a_hi, b_hi)
    if hi <= lo:
        return 0.0
    return hi - lo


def bucket_of(x: float, width: float) -> int:
    return histogram.bucket_index(x, width)


def span(items: list[Interval]) -> float:
    return max(i.hi for i in items) - min(i.lo for i in items)
