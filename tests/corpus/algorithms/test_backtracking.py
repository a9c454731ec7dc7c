import itertools

import backtracking
import pytest


def test_permutations() -> None:
    assert backtracking.permutations([1, 2, 3]) == [list(p) for p in itertools.permutations([1, 2, 3])]
    assert backtracking.permutations([]) == [[]]
    assert len(backtracking.permutations([1, 2, 3, 4, 5])) == 120


def test_subsets() -> None:
    assert backtracking.subsets([1, 2, 3]) == [[], [1], [1, 2], [1, 2, 3], [1, 3], [2], [2, 3], [3]]
    assert backtracking.subsets([]) == [[]]


@pytest.mark.parametrize(("n", "count"), [(1, 1), (2, 0), (3, 0), (4, 2), (5, 10), (6, 4), (8, 92)])
def test_n_queens(n: int, count: int) -> None:
    assert backtracking.n_queens(n) == count


def test_combination_sum() -> None:
    assert backtracking.combination_sum([2, 3, 6, 7], 7) == [[2, 2, 3], [7]]
    assert backtracking.combination_sum([2, 3, 5], 8) == [[2, 2, 2, 2], [2, 3, 3], [3, 5]]
    assert backtracking.combination_sum([2], 1) == []


def test_generate_parentheses() -> None:
    assert backtracking.generate_parentheses(3) == ["((()))", "(()())", "(())()", "()(())", "()()()"]
    assert backtracking.generate_parentheses(0) == [""]
    assert len(backtracking.generate_parentheses(5)) == 42


def test_word_search() -> None:
    grid = [list("ABCE"), list("SFCS"), list("ADEE")]
    assert backtracking.word_search(grid, "ABCCED")
    assert backtracking.word_search(grid, "SEE")
    assert not backtracking.word_search(grid, "ABCB")
    assert grid == [list("ABCE"), list("SFCS"), list("ADEE")]
    assert not backtracking.word_search([], "A")
