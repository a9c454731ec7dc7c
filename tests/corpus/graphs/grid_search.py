"""Graph algorithms on character grids."""

from __future__ import annotations

from collections import deque
from typing import Optional

DIRS = ((1, 0), (-1, 0), (0, 1), (0, -1))


def parse_grid(text: str) -> list[list[str]]:
    return [list(line) for line in text.strip().splitlines()]


def find(grid: list[list[str]], target: str) -> tuple[int, int]:
    for r, row in enumerate(grid):
        for c, ch in enumerate(row):
            if ch == target:
                return r, c
    raise LookupError(f"{target!r} not found in grid")


def count_islands(grid: list[list[str]]) -> int:
    rows = len(grid)
    cols = len(grid[0]) if rows else 0
    seen = [[False] * cols for _ in range(rows)]
    islands = 0
    for r in range(rows):
        for c in range(cols):
            if grid[r][c] == "#" and not seen[r][c]:
                islands += 1
                stack = [(r, c)]
                seen[r][c] = True
                while stack:
                    cr, cc = stack.pop()
                    for dr, dc in DIRS:
                        nr, nc = cr + dr, cc + dc
                        if 0 <= nr < rows and 0 <= nc < cols and grid[nr][nc] == "#" and not seen[nr][nc]:
                            seen[nr][nc] = True
                            stack.append((nr, nc))
    return islands


def maze_distance(grid: list[list[str]]) -> Optional[int]:
    """Steps from 'S' to 'E' avoiding '#', or None."""
    start = find(grid, "S")
    goal = find(grid, "E")
    dist = {start: 0}
    queue = deque([start])
    while queue:
        r, c = queue.popleft()
        if (r, c) == goal:
            return dist[(r, c)]
        for dr, dc in DIRS:
            nr, nc = r + dr, c + dc
            if 0 <= nr < len(grid) and 0 <= nc < len(grid[nr]) and grid[nr][nc] != "#" and (nr, nc) not in dist:
                dist[(nr, nc)] = dist[(r, c)] + 1
                queue.append((nr, nc))
    return None


def flood_fill(grid: list[list[str]], r: int, c: int, new: str) -> int:
    """Fill in place; returns the number of cells changed."""
    old = grid[r][c]
    if old == new:
        return 0
    changed = 0
    stack = [(r, c)]
    while stack:
        cr, cc = stack.pop()
        if 0 <= cr < len(grid) and 0 <= cc < len(grid[0]) and grid[cr][cc] == old:
            grid[cr][cc] = new
            changed += 1
            stack.extend((cr + dr, cc + dc) for dr, dc in DIRS)
    return changed


def render(grid: list[list[str]]) -> str:
    return "\n".join("".join(row) for row in grid)


def rotting_oranges(grid: list[list[int]]) -> int:
    rows, cols = len(grid), len(grid[0])
    queue = deque((r, c, 0) for r in range(rows) for c in range(cols) if grid[r][c] == 2)
    fresh = sum(row.count(1) for row in grid)
    minutes = 0
    cells = [row[:] for row in grid]
    while queue:
        r, c, t = queue.popleft()
        minutes = max(minutes, t)
        for dr, dc in DIRS:
            nr, nc = r + dr, c + dc
            if 0 <= nr < rows and 0 <= nc < cols and cells[nr][nc] == 1:
                cells[nr][nc] = 2
                fresh -= 1
                queue.append((nr, nc, t + 1))
    return -1 if fresh else minutes
