import pytest
import searching

DATA = [1, 3, 5, 7, 9, 11, 13]


def test_linear_search() -> None:
    assert searching.linear_search([4, 2, 7, 2], 2) == 1
    assert searching.linear_search([4, 2, 7], 5) == -1
    assert searching.linear_search([], 1) == -1


def test_binary_search() -> None:
    for i, v in enumerate(DATA):
        assert searching.binary_search(DATA, v) == i
    assert searching.binary_search(DATA, 4) == -1
    assert searching.binary_search(DATA, 100) == -1
    assert searching.binary_search([], 3) == -1


def test_binary_search_recursive() -> None:
    for i, v in enumerate(DATA):
        assert searching.binary_search_recursive(DATA, v) == i
    assert searching.binary_search_recursive(DATA, 0) == -1
    assert searching.binary_search_recursive(DATA, 9, 0, 3) == -1


def test_bounds() -> None:
    items = [1, 2, 2, 2, 5, 8]
    assert searching.lower_bound(items, 2) == 1
    assert searching.upper_bound(items, 2) == 4
    assert searching.lower_bound(items, 0) == 0
    assert searching.upper_bound(items, 9) == 6
    assert searching.lower_bound([], 1) == 0


def test_count_occurrences() -> None:
    assert searching.count_occurrences([1, 2, 2, 2, 5, 8], 2) == 3
    assert searching.count_occurrences([1, 2, 2, 2, 5, 8], 3) == 0


def test_search_rotated() -> None:
    rotated = [15, 18, 22, 3, 5, 9, 12]
    for i, v in enumerate(rotated):
        assert searching.search_rotated(rotated, v) == i
    assert searching.search_rotated(rotated, 4) == -1
    assert searching.search_rotated([], 4) == -1


@pytest.mark.parametrize(("n", "root"), [(0, 0), (1, 1), (15, 3), (16, 4), (10**12, 10**6), (99, 9)])
def test_integer_sqrt(n: int, root: int) -> None:
    assert searching.integer_sqrt(n) == root


def test_integer_sqrt_negative() -> None:
    with pytest.raises(ValueError, match="negative"):
        searching.integer_sqrt(-4)


def test_find_peak() -> None:
    assert searching.find_peak([1.0, 3.0, 7.5, 2.0]) == 2
    assert searching.find_peak([5.0]) == 0
    assert searching.find_peak([1.0, 2.0, 3.0]) == 2
    with pytest.raises(ValueError):
        searching.find_peak([])


def test_closest_value() -> None:
    assert searching.closest_value(DATA, 6) == 5
    assert searching.closest_value(DATA, 8) == 7
    assert searching.closest_value(DATA, 100) == 13
    assert searching.closest_value(DATA, -3) == 1
    assert searching.closest_value([], 3) is None
