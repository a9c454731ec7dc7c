"""Dynamic programming on grids."""

from __future__ import annotations


def unique_paths(rows: int, cols: int) -> int:
    if rows <= 0 or cols <= 0:
        return 0
    row = [1] * cols
    for _ in range(1, rows):
        for c in range(1, cols):
            row[c] += row[c - 1]
    return row[-1]


def unique_paths_with_obstacles(grid: list[list[int]]) -> int:
    if not grid or grid[0][0] == 1:
        return 0
    cols = len(grid[0])
    ways = [0] * cols
    ways[0] = 1
    for row in grid:
        for c in range(cols):
            if row[c] == 1:
                ways[c] = 0
            elif c > 0:
                ways[c] += ways[c - 1]
    return ways[-1]


def min_path_sum(grid: list[list[int]]) -> int:
    rows, cols = len(grid), len(grid[0])
    cost = [[0] * cols for _ in range(rows)]
    for r in range(rows):
        for c in range(cols):
            if r == 0 and c == 0:
                cost[r][c] = grid[r][c]
            elif r == 0:
                cost[r][c] = cost[r][c - 1] + grid[r][c]
            elif c == 0:
                cost[r][c] = cost[r - 1][c] + grid[r][c]
            else:
                cost[r][c] = min(cost[r - 1][c], cost[r][c - 1]) + grid[r][c]
    return cost[-1][-1]


def triangle_min_path(triangle: list[list[int]]) -> int:
    best = list(triangle[-1])
    for row in reversed(triangle[:-1]):
        best = [value + min(best[i], best[i + 1]) for i, value in enumerate(row)]
    return best[0]


def largest_square(matrix: list[str]) -> int:
    """Area of the largest square of '1' characters."""
    if not matrix:
        return 0
    cols = len(matrix[0])
    side = [0] * (cols + 1)
    best = 0
    for row in matrix:
        prev_diag = 0
        for c in range(1, cols + 1):
            saved = side[c]
            if row[c - 1] == "1":
                side[c] = min(side[c], side[c - 1], prev_diag) + 1
                best = max(best, side[c])
            else:
                side[c] = 0
            prev_diag = saved
    return best * best


def max_gold(grid: list[list[int]]) -> int:
    """Collect gold moving right, up-right or down-right from any cell of the first column."""
    rows = len(grid)
    if rows == 0:
        return 0
    cols = len(grid[0])
    gold = [row[:] for row in grid]
    for c in range(cols - 2, -1, -1):
        for r in range(rows):
            right = gold[r][c + 1]
            up = gold[r - 1][c + 1] if r > 0 else 0
            down = gold[r + 1][c + 1] if r < rows - 1 else 0
            gold[r][c] += max(right, up, down)
    return max(gold[r][0] for r in range(rows))
