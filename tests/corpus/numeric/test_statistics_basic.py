import math
import statistics

import pytest
import statistics_basic as sb

DATA = [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]


def test_mean() -> None:
    assert sb.mean(DATA) == 5.0
    assert sb.mean([0.1, 0.2, 0.3]) == sum([0.1, 0.2, 0.3]) / 3
    with pytest.raises(sb.StatisticsError, match="at least one"):
        sb.mean([])


def test_median() -> None:
    assert sb.median(DATA) == 4.5
    assert sb.median([3.0, 1.0, 2.0]) == 2.0
    with pytest.raises(ValueError):
        sb.median([])


def test_mode() -> None:
    assert sb.mode(DATA) == 4.0
    assert sb.mode([1.0, 2.0, 2.0, 1.0]) == 1.0


def test_variance_stdev() -> None:
    assert sb.variance(DATA, sample=False) == 4.0
    assert sb.stdev(DATA, sample=False) == 2.0
    assert sb.variance(DATA) == pytest.approx(statistics.variance(DATA))
    assert sb.stdev([1.5, 2.5, 2.5, 2.75, 3.25, 4.75]) == pytest.approx(statistics.stdev([1.5, 2.5, 2.5, 2.75, 3.25, 4.75]))
    with pytest.raises(sb.StatisticsError, match="two data points"):
        sb.variance([1.0])
    assert sb.variance([1.0], sample=False) == 0.0


def test_percentile() -> None:
    assert sb.percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5
    assert sb.percentile([1.0, 2.0, 3.0, 4.0], 0) == 1.0
    assert sb.percentile([1.0, 2.0, 3.0, 4.0], 100) == 4.0
    assert sb.percentile([10.0, 20.0, 30.0], 25.0) == 15.0
    with pytest.raises(ValueError, match=r"\[0, 100\]"):
        sb.percentile([1.0], 101)


def test_zscores() -> None:
    z = sb.zscores([1.0, 2.0, 3.0])
    assert z == [-1.0, 0.0, 1.0]


def test_correlation_and_regression() -> None:
    xs = [1.0, 2.0, 3.0, 4.0, 5.0]
    ys = [2.0, 4.0, 6.0, 8.0, 10.0]
    assert sb.covariance(xs, ys) == 5.0
    assert sb.correlation(xs, ys) == pytest.approx(1.0)
    assert sb.linear_regression(xs, [3.0, 5.0, 7.0, 9.0, 11.0]) == (2.0, 1.0)
    with pytest.raises(sb.StatisticsError, match="same number"):
        sb.covariance([1.0], [1.0, 2.0])


def test_histogram() -> None:
    assert sb.histogram([0.0, 0.5, 1.0, 1.5, 2.0, 3.0], 2, 0.0, 2.0) == [2, 3]
    assert sb.histogram([], 3, 0.0, 1.0) == [0, 0, 0]


def test_describe() -> None:
    d = sb.describe([1.0, 2.0, 4.0])
    assert d == {"count": 3.0, "mean": 2.3333, "min": 1.0, "max": 4.0, "median": 2.0}
    assert math.isclose(d["mean"], 7 / 3, rel_tol=1e-4)
