"""Conway's Game of Life on a finite grid and on an infinite set of cells."""

from __future__ import annotations

from collections import Counter

Board = list[list[bool]]


def parse(text: str) -> Board:
    return [[ch == "#" for ch in line] for line in text.strip().splitlines()]


def render(board: Board) -> str:
    return "\n".join("".join("#" if cell else "." for cell in row) for row in board)


def live_neighbours(board: Board, r: int, c: int, wrap: bool = False) -> int:
    rows, cols = len(board), len(board[0])
    count = 0
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            if dr == 0 and dc == 0:
                continue
            nr, nc = r + dr, c + dc
            if wrap:
                nr %= rows
                nc %= cols
            elif not (0 <= nr < rows and 0 <= nc < cols):
                continue
            count += board[nr][nc]
    return count


def step(board: Board, wrap: bool = False) -> Board:
    new = []
    for r, row in enumerate(board):
        new_row = []
        for c, alive in enumerate(row):
            n = live_neighbours(board, r, c, wrap)
            new_row.append(n == 3 or (alive and n == 2))
        new.append(new_row)
    return new


def run(board: Board, generations: int, wrap: bool = False) -> Board:
    for _ in range(generations):
        board = step(board, wrap)
    return board


def population(board: Board) -> int:
    return sum(sum(row) for row in board)


def step_sparse(cells: set[tuple[int, int]]) -> set[tuple[int, int]]:
    counts = Counter((x + dx, y + dy) for x, y in cells for dx in (-1, 0, 1) for dy in (-1, 0, 1) if dx or dy)
    return {cell for cell, n in counts.items() if n == 3 or (n == 2 and cell in cells)}


def period(board: Board, max_steps: int = 100) -> int | None:
    """Length of the cycle the (wrapping) board falls into, or None."""
    seen: dict[str, int] = {}
    for t in range(max_steps):
        key = render(board)
        if key in seen:
            return t - seen[key]
        seen[key] = t
        board = step(board, wrap=True)
    return None
