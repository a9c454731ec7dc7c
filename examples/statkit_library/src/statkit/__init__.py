"""statkit: small statistics helpers, re-exported from the modules that define them."""

from __future__ import annotations

from .core import mean, sum_of_squares, variance
from .dynamic import evaluate
from .histogram import bucket_counts
from .intervals import Interval, overlap_length

__all__ = [
    "Interval",
    "bucket_counts",
    "evaluate",
    "mean",
    "overlap_length",
    "sum_of_squares",
    "variance",
]
