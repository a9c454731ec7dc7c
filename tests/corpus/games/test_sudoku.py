import pytest
import sudoku

PUZZLE = [
    "53..7....",
    "6..195...",
    ".98....6.",
    "8...6...3",
    "4..8.3..1",
    "7...2...6",
    ".6....28.",
    "...419..5",
    "....8..79",
]
SOLUTION = [
    "534678912",
    "672195348",
    "198342567",
    "859761423",
    "426853791",
    "713924856",
    "961537284",
    "287419635",
    "345286179",
]


def test_parse_format() -> None:
    grid = sudoku.parse(PUZZLE)
    assert grid[0][:3] == [5, 3, 0]
    assert sudoku.format_grid(grid) == PUZZLE
    with pytest.raises(ValueError, match="9 rows"):
        sudoku.parse(PUZZLE[:8])
    with pytest.raises(ValueError, match="invalid literal"):
        sudoku.parse(["x" * 9] * 9)


def test_is_valid() -> None:
    assert sudoku.is_valid(sudoku.parse(PUZZLE))
    assert sudoku.is_valid(sudoku.parse(SOLUTION))
    bad = list(PUZZLE)
    bad[0] = "55..7...."
    assert not sudoku.is_valid(sudoku.parse(bad))


def test_candidates() -> None:
    grid = sudoku.parse(PUZZLE)
    assert sudoku.candidates(grid, 0, 2) == {1, 2, 4}
    assert sudoku.candidates(grid, 0, 0) == set()


def test_solve() -> None:
    assert sudoku.solve_rows(PUZZLE) == SOLUTION
    assert sudoku.count_givens(PUZZLE) == 30


def test_unsolvable() -> None:
    rows = ["12345678.", "........9"] + ["." * 9] * 7
    with pytest.raises(ValueError, match="no solution"):
        sudoku.solve_rows(rows)
    with pytest.raises(ValueError, match="breaks the rules"):
        sudoku.solve_rows(["11......."] + ["." * 9] * 8)
