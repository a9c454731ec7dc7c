import math

import combinatorics as cb
import pytest


def test_factorial() -> None:
    assert cb.factorial(0) == 1
    assert cb.factorial(20) == 2432902008176640000
    assert cb.factorial(25) == math.factorial(25)
    with pytest.raises(ValueError, match="negative"):
        cb.factorial(-1)


def test_binomial() -> None:
    assert cb.binomial(5, 2) == 10
    assert cb.binomial(5, 7) == 0
    assert cb.binomial(5, -1) == 0
    assert cb.binomial(100, 50) == math.comb(100, 50)
    assert cb.binomial(60, 30) == 118264581564861424


def test_pascal() -> None:
    assert cb.pascal_triangle(5) == [[1], [1, 1], [1, 2, 1], [1, 3, 3, 1], [1, 4, 6, 4, 1]]
    assert cb.pascal_triangle(0) == []


def test_catalan_stirling_bell() -> None:
    assert [cb.catalan(n) for n in range(10)] == [1, 1, 2, 5, 14, 42, 132, 429, 1430, 4862]
    assert cb.stirling2(10, 3) == 9330
    assert [cb.bell(n) for n in range(8)] == [1, 1, 2, 5, 15, 52, 203, 877]
    assert cb.bell(30) == 846749014511809332450147


def test_derangements_partitions() -> None:
    assert [cb.derangements(n) for n in range(7)] == [1, 0, 1, 2, 9, 44, 265]
    assert cb.partitions(5) == 7
    assert cb.partitions(100) == 190569292


def test_kth_permutation() -> None:
    assert cb.kth_permutation([1, 2, 3], 0) == [1, 2, 3]
    assert cb.kth_permutation([3, 1, 2], 3) == [2, 3, 1]
    with pytest.raises(IndexError, match="out of range"):
        cb.kth_permutation([1, 2], 2)


def test_misc() -> None:
    assert cb.count_pairs_with_sum([1, 5, 7, -1, 5], 6) == 3
    assert cb.distinct_arrangements("aab") == 3
    assert cb.multinomial([2, 1, 1]) == 12
