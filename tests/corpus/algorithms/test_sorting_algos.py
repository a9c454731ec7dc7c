import pytest
import sorting_algos

CASES = [
    [],
    [1],
    [2, 1],
    [5, 3, 8, 1, 9, 2],
    [3, 3, 3],
    [-1, 0, -5, 7, 7, -5],
    [10, 9, 8, 7, 6, 5, 4, 3, 2, 1],
    [4, 1, 3, 9, 7, 1, 0, 2**40, -(2**40)],
]


def test_bubble_sort() -> None:
    for case in CASES:
        assert sorting_algos.bubble_sort(case) == sorted(case)


def test_bubble_sort_does_not_mutate() -> None:
    data = [3, 1, 2]
    sorting_algos.bubble_sort(data)
    assert data == [3, 1, 2]


def test_insertion_sort_inplace() -> None:
    for case in CASES:
        data = list(case)
        assert sorting_algos.insertion_sort_inplace(data) is None
        assert data == sorted(case)


def test_selection_sort() -> None:
    for case in CASES:
        assert sorting_algos.selection_sort(case) == sorted(case)


def test_merge() -> None:
    assert sorting_algos.merge([1, 4, 9], [2, 3, 10, 11]) == [1, 2, 3, 4, 9, 10, 11]
    assert sorting_algos.merge([], [1]) == [1]
    assert sorting_algos.merge([], []) == []


def test_merge_sort() -> None:
    for case in CASES:
        assert sorting_algos.merge_sort(case) == sorted(case)


def test_quick_sort() -> None:
    for case in CASES:
        assert sorting_algos.quick_sort(case) == sorted(case)


def test_counting_sort() -> None:
    for case in CASES[:-1]:
        assert sorting_algos.counting_sort(case) == sorted(case)


def test_heap_sort() -> None:
    for case in CASES:
        assert sorting_algos.heap_sort(case) == sorted(case)


def test_is_sorted() -> None:
    assert sorting_algos.is_sorted([])
    assert sorting_algos.is_sorted([1, 2, 2, 3])
    assert not sorting_algos.is_sorted([2, 1])
    assert sorting_algos.is_sorted([3, 2, 2, 1], reverse=True)
    assert not sorting_algos.is_sorted([1, 2], reverse=True)


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ([4, 6, 4, 2, 6, 4], [4, 4, 4, 6, 6, 2]),
        ([], []),
        ([3, 1, 2], [1, 2, 3]),
    ],
)
def test_sort_by_frequency(items: list[int], expected: list[int]) -> None:
    assert sorting_algos.sort_by_frequency(items) == expected
