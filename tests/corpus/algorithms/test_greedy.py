import greedy
import pytest


def test_activity_selection() -> None:
    acts = [(1, 4), (3, 5), (0, 6), (5, 7), (3, 9), (5, 9), (6, 10), (8, 11), (8, 12), (2, 14), (12, 16)]
    assert greedy.activity_selection(acts) == [(1, 4), (5, 7), (8, 11), (12, 16)]
    assert greedy.activity_selection([]) == []


def test_make_change() -> None:
    assert greedy.make_change(289, [1, 5, 10, 25, 100]) == {100: 2, 25: 3, 10: 1, 1: 4}
    assert greedy.make_change(0, [1, 2]) == {}
    with pytest.raises(ValueError, match="cannot make exact change, 1 left over"):
        greedy.make_change(7, [2, 4])
    with pytest.raises(ValueError, match="non-negative"):
        greedy.make_change(-1, [1])


def test_can_jump() -> None:
    assert greedy.can_jump([2, 3, 1, 1, 4])
    assert not greedy.can_jump([3, 2, 1, 0, 4])
    assert greedy.can_jump([0])


def test_min_jumps() -> None:
    assert greedy.min_jumps([2, 3, 1, 1, 4]) == 2
    assert greedy.min_jumps([1]) == 0
    assert greedy.min_jumps([0, 1]) == -1
    assert greedy.min_jumps([1, 1, 1, 1]) == 3


def test_gas_station() -> None:
    assert greedy.gas_station([1, 2, 3, 4, 5], [3, 4, 5, 1, 2]) == 3
    assert greedy.gas_station([2, 3, 4], [3, 4, 3]) == -1


def test_fractional_knapsack() -> None:
    assert greedy.fractional_knapsack([(60.0, 10.0), (100.0, 20.0), (120.0, 30.0)], 50.0) == 240.0
    assert greedy.fractional_knapsack([(10.0, 3.0)], 1.0) == pytest.approx(3.3333333333333335)
    assert greedy.fractional_knapsack([], 10.0) == 0.0
    with pytest.raises(ZeroDivisionError):
        greedy.fractional_knapsack([(1.0, 0.0)], 1.0)


def test_assign_cookies() -> None:
    assert greedy.assign_cookies([1, 2, 3], [1, 1]) == 1
    assert greedy.assign_cookies([1, 2], [1, 2, 3]) == 2


def test_min_platforms() -> None:
    assert greedy.min_platforms([900, 940, 950, 1100, 1500, 1800], [910, 1200, 1120, 1130, 1900, 2000]) == 3
    assert greedy.min_platforms([], []) == 0
