import binary_heap as bh
import pytest


def test_min_heap() -> None:
    h = bh.MinHeap([5, 3, 8, 1])
    assert len(h) == 4
    assert h.peek() == 1
    assert h.pop() == 1
    assert h.pop() == 3
    h.push(0)
    assert h.pop() == 0
    assert [h.pop(), h.pop()] == [5, 8]
    with pytest.raises(IndexError, match="pop from empty heap"):
        h.pop()
    with pytest.raises(IndexError, match="peek"):
        h.peek()


def test_heap_sort() -> None:
    assert bh.heap_sort([9, -1, 4, 4, 0]) == [-1, 0, 4, 4, 9]
    assert bh.heap_sort([]) == []


def test_k_smallest_largest() -> None:
    data = [7, 10, 4, 3, 20, 15]
    assert bh.k_smallest(data, 3) == [3, 4, 7]
    assert bh.k_largest(data, 2) == [20, 15]
    assert bh.k_largest(data, 0) == []
    assert bh.k_largest([1], 5) == [1]


def test_merge_k_sorted() -> None:
    assert bh.merge_k_sorted([[1, 4, 5], [1, 3, 4], [2, 6]]) == [1, 1, 2, 3, 4, 4, 5, 6]
    assert bh.merge_k_sorted([[], []]) == []


def test_running_median() -> None:
    assert bh.running_median([5, 15, 1, 3]) == [5.0, 10.0, 5.0, 4.0]
    assert bh.running_median([]) == []


def test_ropes() -> None:
    assert bh.min_cost_to_connect_ropes([4, 3, 2, 6]) == 29
    assert bh.min_cost_to_connect_ropes([7]) == 0
