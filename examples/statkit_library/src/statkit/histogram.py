"""Fixed-width histograms; imports `intervals` (an import cycle) and the shared helpers."""

from __future__ import annotations

import statkit.core as core_mod

from . import intervals
from ._util import digit_count


def bucket_index(x: float, width: float) -> int:
    if width <= 0.0:
        raise ValueError("width must be positive")
    return int(x // width)


def bucket_counts(xs: list[float], width: float, buckets: int) -> list[int]:
    counts = [0] * buckets
    for x in xs:
        i = int(x // width)
        if 0 <= i < buckets:
            counts[i] += 1
    return counts


def widest(items: list[intervals.Interval]) -> float:
    return max(i.hi - i.lo for i in items)


def label_width(n: int) -> int:
    return digit_count(n) + 2


def centred_mean(xs: list[float]) -> float:
    return core_mod.mean(xs) - intervals.overlap_length(0.0, 1.0, 0.0, 1.0)
