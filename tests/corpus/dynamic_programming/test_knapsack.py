import knapsack
import pytest


def test_knapsack_01() -> None:
    assert knapsack.knapsack_01([1, 3, 4, 5], [1, 4, 5, 7], 7) == 9
    assert knapsack.knapsack_01([10, 20, 30], [60, 100, 120], 50) == 220
    assert knapsack.knapsack_01([], [], 10) == 0
    assert knapsack.knapsack_01([5], [10], 4) == 0
    with pytest.raises(ValueError, match="same length"):
        knapsack.knapsack_01([1], [], 3)


def test_knapsack_items() -> None:
    assert knapsack.knapsack_items([10, 20, 30], [60, 100, 120], 50) == [1, 2]
    assert knapsack.knapsack_items([1, 3, 4, 5], [1, 4, 5, 7], 7) == [1, 2]
    assert knapsack.knapsack_items([], [], 5) == []


def test_unbounded_knapsack() -> None:
    assert knapsack.unbounded_knapsack([1, 3, 4, 5], [10, 40, 50, 70], 8) == 110
    assert knapsack.unbounded_knapsack([5], [1], 4) == 0


def test_subset_sum() -> None:
    assert knapsack.subset_sum([3, 34, 4, 12, 5, 2], 9)
    assert not knapsack.subset_sum([3, 34, 4, 12, 5, 2], 30)
    assert knapsack.subset_sum([], 0)


def test_can_partition() -> None:
    assert knapsack.can_partition([1, 5, 11, 5])
    assert not knapsack.can_partition([1, 2, 3, 5])


def test_count_subsets_with_sum() -> None:
    assert knapsack.count_subsets_with_sum([1, 2, 3, 3], 6) == 3
    assert knapsack.count_subsets_with_sum([1, 1, 1, 1], 2) == 6
    assert knapsack.count_subsets_with_sum([], 0) == 1


def test_min_subset_difference() -> None:
    assert knapsack.min_subset_difference([1, 6, 11, 5]) == 1
    assert knapsack.min_subset_difference([3, 1, 4, 2, 2, 1]) == 1
    assert knapsack.min_subset_difference([]) == 0
