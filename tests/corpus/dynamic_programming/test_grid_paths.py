import grid_paths as gp
import pytest


def test_unique_paths() -> None:
    assert gp.unique_paths(3, 7) == 28
    assert gp.unique_paths(1, 1) == 1
    assert gp.unique_paths(0, 5) == 0
    assert gp.unique_paths(18, 18) == 2333606220
    assert gp.unique_paths(40, 40) == 27217014869199032015600


def test_unique_paths_with_obstacles() -> None:
    assert gp.unique_paths_with_obstacles([[0, 0, 0], [0, 1, 0], [0, 0, 0]]) == 2
    assert gp.unique_paths_with_obstacles([[1]]) == 0
    assert gp.unique_paths_with_obstacles([]) == 0


def test_min_path_sum() -> None:
    assert gp.min_path_sum([[1, 3, 1], [1, 5, 1], [4, 2, 1]]) == 7
    assert gp.min_path_sum([[5]]) == 5
    with pytest.raises(IndexError):
        gp.min_path_sum([])


def test_triangle_min_path() -> None:
    assert gp.triangle_min_path([[2], [3, 4], [6, 5, 7], [4, 1, 8, 3]]) == 11
    assert gp.triangle_min_path([[-10]]) == -10


def test_largest_square() -> None:
    assert gp.largest_square(["10100", "10111", "11111", "10010"]) == 4
    assert gp.largest_square(["0"]) == 0
    assert gp.largest_square([]) == 0
    assert gp.largest_square(["111", "111", "111"]) == 9


def test_max_gold() -> None:
    assert gp.max_gold([[1, 3, 3], [2, 1, 4], [0, 6, 4]]) == 12
    assert gp.max_gold([[1, 3, 1, 5], [2, 2, 4, 1], [5, 0, 2, 3], [0, 6, 1, 2]]) == 16
    assert gp.max_gold([]) == 0
