"""Sudoku validation and a backtracking solver. Boards are 9 strings of 9 chars, '.' = empty."""

from __future__ import annotations

from typing import Optional

Grid = list[list[int]]


def parse(rows: list[str]) -> Grid:
    if len(rows) != 9 or any(len(r) != 9 for r in rows):
        raise ValueError("a sudoku has 9 rows of 9 cells")
    return [[0 if ch == "." else int(ch) for ch in row] for row in rows]


def format_grid(grid: Grid) -> list[str]:
    return ["".join(str(v) if v else "." for v in row) for row in grid]


def is_valid(grid: Grid) -> bool:
    for i in range(9):
        row = [v for v in grid[i] if v]
        col = [grid[r][i] for r in range(9) if grid[r][i]]
        if len(row) != len(set(row)) or len(col) != len(set(col)):
            return False
    for br in range(0, 9, 3):
        for bc in range(0, 9, 3):
            box = [grid[r][c] for r in range(br, br + 3) for c in range(bc, bc + 3) if grid[r][c]]
            if len(box) != len(set(box)):
                return False
    return True


def candidates(grid: Grid, r: int, c: int) -> set[int]:
    if grid[r][c]:
        return set()
    used = set(grid[r]) | {grid[i][c] for i in range(9)}
    br, bc = 3 * (r // 3), 3 * (c // 3)
    used |= {grid[i][j] for i in range(br, br + 3) for j in range(bc, bc + 3)}
    return set(range(1, 10)) - used


def solve(grid: Grid) -> bool:
    """Solve in place; returns False if there is no solution."""
    best: Optional[tuple[int, int]] = None
    best_options: set[int] = set()
    for r in range(9):
        for c in range(9):
            if grid[r][c] == 0:
                options = candidates(grid, r, c)
                if not options:
                    return False
                if best is None or len(options) < len(best_options):
                    best, best_options = (r, c), options
    if best is None:
        return True
    r, c = best
    for v in sorted(best_options):
        grid[r][c] = v
        if solve(grid):
            return True
    grid[r][c] = 0
    return False


def solve_rows(rows: list[str]) -> list[str]:
    grid = parse(rows)
    if not is_valid(grid):
        raise ValueError("puzzle breaks the rules")
    if not solve(grid):
        raise ValueError("puzzle has no solution")
    return format_grid(grid)


def count_givens(rows: list[str]) -> int:
    return sum(ch != "." for row in rows for ch in row)
