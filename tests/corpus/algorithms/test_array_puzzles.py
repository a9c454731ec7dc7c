import array_puzzles as ap
import pytest


def test_majority_element() -> None:
    assert ap.majority_element([3, 2, 3]) == 3
    assert ap.majority_element([2, 2, 1, 1, 1, 2, 2]) == 2
    assert ap.majority_element([1, 2, 3]) is None
    assert ap.majority_element([]) is None


def test_first_unique() -> None:
    assert ap.first_unique([4, 5, 4, 6, 5]) == 6
    with pytest.raises(LookupError, match="no unique element"):
        ap.first_unique([1, 1])


def test_find_duplicates() -> None:
    assert ap.find_duplicates([4, 3, 2, 7, 8, 2, 3, 1]) == [2, 3]
    assert ap.find_duplicates([1, 2]) == []


def test_missing_number() -> None:
    assert ap.missing_number([3, 0, 1]) == 2
    assert ap.missing_number([0]) == 1
    assert ap.missing_number([]) == 0


def test_rotate() -> None:
    assert ap.rotate([1, 2, 3, 4, 5, 6, 7], 3) == [5, 6, 7, 1, 2, 3, 4]
    assert ap.rotate([1, 2], 4) == [1, 2]
    assert ap.rotate([], 3) == []
    assert ap.rotate([1, 2, 3], -1) == [2, 3, 1]


def test_rotate_inplace() -> None:
    nums = [1, 2, 3, 4, 5, 6, 7]
    ap.rotate_inplace(nums, 3)
    assert nums == [5, 6, 7, 1, 2, 3, 4]
    empty: list[int] = []
    ap.rotate_inplace(empty, 2)
    assert empty == []


def test_move_zeroes() -> None:
    nums = [0, 1, 0, 3, 12]
    ap.move_zeroes(nums)
    assert nums == [1, 3, 12, 0, 0]


def test_intersect() -> None:
    assert ap.intersect([1, 2, 2, 1], [2, 2]) == [2, 2]
    assert ap.intersect([4, 9, 5], [9, 4, 9, 8, 4]) == [9, 4]


def test_spiral_order() -> None:
    assert ap.spiral_order([[1, 2, 3], [4, 5, 6], [7, 8, 9]]) == [1, 2, 3, 6, 9, 8, 7, 4, 5]
    assert ap.spiral_order([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]) == [1, 2, 3, 4, 8, 12, 11, 10, 9, 5, 6, 7]
    assert ap.spiral_order([]) == []
    assert ap.spiral_order([[1], [2]]) == [1, 2]


def test_dutch_flag() -> None:
    assert ap.dutch_flag([2, 0, 2, 1, 1, 0]) == [0, 0, 1, 1, 2, 2]
    assert ap.dutch_flag([]) == []
    with pytest.raises(ValueError, match="invalid colour 3"):
        ap.dutch_flag([1, 3])
