import pytest
import subarrays


def test_max_subarray_sum() -> None:
    assert subarrays.max_subarray_sum([-2, 1, -3, 4, -1, 2, 1, -5, 4]) == 6
    assert subarrays.max_subarray_sum([-3, -1, -2]) == -1
    assert subarrays.max_subarray_sum([5]) == 5


def test_max_subarray_sum_empty() -> None:
    with pytest.raises(ValueError, match="empty sequence"):
        subarrays.max_subarray_sum([])


def test_max_subarray_bounds() -> None:
    assert subarrays.max_subarray_bounds([-2, 1, -3, 4, -1, 2, 1, -5, 4]) == (6, 3, 7)
    assert subarrays.max_subarray_bounds([-3, -1, -2]) == (-1, 1, 2)
    with pytest.raises(IndexError):
        subarrays.max_subarray_bounds([])


def test_prefix_and_range_sum() -> None:
    nums = [3, -1, 4, 1, 5]
    prefix = subarrays.prefix_sums(nums)
    assert prefix == [0, 3, 2, 6, 7, 12]
    assert subarrays.range_sum(prefix, 1, 4) == 4
    assert subarrays.range_sum(prefix, 0, 5) == 12
    assert subarrays.prefix_sums([]) == [0]


def test_max_window_sum() -> None:
    assert subarrays.max_window_sum([1, 4, 2, 10, 23, 3, 1, 0, 20], 4) == 39
    assert subarrays.max_window_sum([5], 1) == 5
    with pytest.raises(ValueError, match="window size 0 out of range"):
        subarrays.max_window_sum([1, 2], 0)
    with pytest.raises(ValueError, match="window size 3"):
        subarrays.max_window_sum([1, 2], 3)


def test_two_sum() -> None:
    assert subarrays.two_sum([2, 7, 11, 15], 9) == (0, 1)
    assert subarrays.two_sum([3, 2, 4], 6) == (1, 2)
    assert subarrays.two_sum([1, 2], 7) is None


def test_subarrays_with_sum() -> None:
    assert subarrays.subarrays_with_sum([1, 1, 1], 2) == 2
    assert subarrays.subarrays_with_sum([1, -1, 0], 0) == 3
    assert subarrays.subarrays_with_sum([], 0) == 0


def test_longest_unique_run() -> None:
    assert subarrays.longest_unique_run("abcabcbb") == 3
    assert subarrays.longest_unique_run("bbbbb") == 1
    assert subarrays.longest_unique_run("pwwkew") == 3
    assert subarrays.longest_unique_run("") == 0


def test_product_except_self() -> None:
    assert subarrays.product_except_self([1, 2, 3, 4]) == [24, 12, 8, 6]
    assert subarrays.product_except_self([0, 4, 0]) == [0, 0, 0]
    assert subarrays.product_except_self([]) == []


def test_moving_average() -> None:
    assert subarrays.moving_average([1.0, 2.0, 3.0, 4.0, 5.0], 2) == [1.5, 2.5, 3.5, 4.5]
    assert subarrays.moving_average([1.0], 3) == []
    assert subarrays.moving_average([0.1, 0.2, 0.3], 3) == [pytest.approx(0.2)]
    with pytest.raises(ValueError):
        subarrays.moving_average([1.0], 0)
