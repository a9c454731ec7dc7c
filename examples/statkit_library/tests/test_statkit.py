"""statkit's own tests: they pass on plain CPython and with the WASM build alike.

With STATKIT_EXPECT_WASM=1 (set by Portalis's integration tests after
installing the Portalis-built wheel) they also insist that the functions
Portalis translates really run in WebAssembly.
"""

from __future__ import annotations

import os

import pytest
import statkit
from statkit import _util, core, dynamic, histogram, intervals


@pytest.mark.skipif(os.environ.get("STATKIT_EXPECT_WASM") != "1", reason="plain install")
def test_translated_functions_run_in_wasm() -> None:
    # at least these (the translator keeps learning; more may run in WASM)
    assert set(_util.__portalis__.translated) >= {"square", "clamp", "digit_count"}
    # library mode: these call helpers of other modules of the package, inside WASM
    assert set(core.__portalis__.translated) >= {
        "mean",
        "variance",
        "clipped_total",
        "sum_of_squares",
    }
    assert set(histogram.__portalis__.translated) >= {
        "bucket_index",
        "bucket_counts",
        "label_width",
        "centred_mean",
    }
    assert set(intervals.__portalis__.translated) >= {"overlap_length", "bucket_of"}
    assert "weighted_score" not in core.__portalis__.translated
    assert core.__portalis__.mode == "wasm"
    assert dynamic.__portalis__.translated == []


def test_reexports() -> None:
    assert statkit.mean is core.mean
    assert statkit.evaluate is dynamic.evaluate
    assert statkit.Interval is intervals.Interval


@pytest.mark.parametrize("xs", [[1.0], [1.0, 2.0, 4.0], [0.1, 0.2, 0.3], [-1e300, 1e300]])
def test_mean_and_variance(xs: list[float]) -> None:
    total = 0.0
    for x in xs:
        total += x
    m = total / len(xs)
    assert core.mean(xs) == m
    assert core.variance(xs) == sum((x - m) * (x - m) for x in xs) / len(xs)


def test_mean_of_nothing() -> None:
    with pytest.raises(ValueError, match="mean of an empty list"):
        core.mean([])


def test_helpers() -> None:
    assert _util.square(3.0) == 9.0
    assert _util.clamp(5.0, 0.0, 1.0) == 1.0
    assert _util.clamp(-5.0, 0.0, 1.0) == 0.0
    assert [_util.digit_count(n) for n in (0, 9, 10, -12345, 2**62)] == [1, 1, 2, 5, 19]
    assert core.clipped_total([-1.0, 0.5, 3.0], 0.0, 1.0) == 1.5


def test_sum_of_squares_overflows_into_cpython() -> None:
    assert core.sum_of_squares(10) == 385
    n = 3_000_000  # the sum passes 2**63: the call re-runs in CPython, exactly
    assert core.sum_of_squares(n) == n * (n + 1) * (2 * n + 1) // 6


def test_histogram_and_intervals() -> None:
    xs = [0.5, 1.5, 1.7, 2.2, 9.9, -1.0]
    assert histogram.bucket_counts(xs, 1.0, 3) == [1, 2, 1]
    assert histogram.bucket_index(2.5, 0.5) == 5
    with pytest.raises(ValueError, match="width must be positive"):
        histogram.bucket_index(1.0, 0.0)
    assert intervals.bucket_of(7.5, 2.0) == 3
    assert intervals.overlap_length(0.0, 2.0, 1.0, 5.0) == 1.0
    assert intervals.overlap_length(0.0, 1.0, 2.0, 3.0) == 0.0
    items = [intervals.Interval(0.0, 1.0), intervals.Interval(2.0, 5.0)]
    assert intervals.span(items) == 5.0
    assert histogram.widest(items) == 3.0
    assert histogram.label_width(12345) == 7
    assert histogram.centred_mean([1.0, 3.0]) == 1.0


def test_dynamic() -> None:
    assert dynamic.evaluate("6 * 7") == 42
    assert core.weighted_score("1 + 2", 3) == 9
    assert dynamic.attribute(3, "real") == 3
