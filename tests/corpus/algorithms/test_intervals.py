import intervals
import pytest


def test_merge_intervals() -> None:
    assert intervals.merge_intervals([(1, 3), (2, 6), (8, 10), (15, 18)]) == [(1, 6), (8, 10), (15, 18)]
    assert intervals.merge_intervals([(1, 4), (4, 5)]) == [(1, 5)]
    assert intervals.merge_intervals([(5, 7), (1, 2)]) == [(1, 2), (5, 7)]
    assert intervals.merge_intervals([]) == []


def test_insert_interval() -> None:
    assert intervals.insert_interval([(1, 3), (6, 9)], (2, 5)) == [(1, 5), (6, 9)]
    assert intervals.insert_interval([], (2, 5)) == [(2, 5)]


def test_overlaps() -> None:
    assert intervals.overlaps((1, 5), (4, 8))
    assert not intervals.overlaps((1, 4), (4, 8))
    assert intervals.overlaps((0, 10), (2, 3))


def test_total_covered() -> None:
    assert intervals.total_covered([(1, 3), (2, 6), (10, 11)]) == 6
    assert intervals.total_covered([]) == 0


def test_intersection() -> None:
    a = [(0, 2), (5, 10), (13, 23), (24, 25)]
    b = [(1, 5), (8, 12), (15, 24), (25, 26)]
    assert intervals.intersection(a, b) == [(1, 2), (8, 10), (15, 23)]
    assert intervals.intersection([], b) == []


def test_min_meeting_rooms() -> None:
    assert intervals.min_meeting_rooms([(0, 30), (5, 10), (15, 20)]) == 2
    assert intervals.min_meeting_rooms([(7, 10), (2, 4)]) == 1
    assert intervals.min_meeting_rooms([]) == 0
    with pytest.raises(ValueError, match=r"meeting ends before it starts: \(5, 1\)"):
        intervals.min_meeting_rooms([(5, 1)])


def test_gaps() -> None:
    assert intervals.gaps([(2, 4), (6, 7)], 0, 10) == [(0, 2), (4, 6), (7, 10)]
    assert intervals.gaps([], 0, 5) == [(0, 5)]
    assert intervals.gaps([(0, 10)], 2, 8) == []
