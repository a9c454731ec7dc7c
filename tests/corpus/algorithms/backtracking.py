"""Exhaustive search with backtracking."""

from __future__ import annotations


def permutations(items: list[int]) -> list[list[int]]:
    if len(items) <= 1:
        return [items[:]]
    result = []
    for i, first in enumerate(items):
        rest = items[:i] + items[i + 1:]
        for perm in permutations(rest):
            result.append([first] + perm)
    return result


def subsets(items: list[int]) -> list[list[int]]:
    result: list[list[int]] = []

    def walk(start: int, current: list[int]) -> None:
        result.append(current.copy())
        for i in range(start, len(items)):
            current.append(items[i])
            walk(i + 1, current)
            current.pop()

    walk(0, [])
    return result


def n_queens(n: int) -> int:
    cols: set[int] = set()
    diag1: set[int] = set()
    diag2: set[int] = set()

    def place(row: int) -> int:
        if row == n:
            return 1
        count = 0
        for col in range(n):
            if col in cols or row - col in diag1 or row + col in diag2:
                continue
            cols.add(col)
            diag1.add(row - col)
            diag2.add(row + col)
            count += place(row + 1)
            cols.remove(col)
            diag1.remove(row - col)
            diag2.remove(row + col)
        return count

    return place(0)


def combination_sum(candidates: list[int], target: int) -> list[list[int]]:
    results: list[list[int]] = []
    ordered = sorted(set(candidates))

    def search(start: int, remaining: int, chosen: list[int]) -> None:
        if remaining == 0:
            results.append(list(chosen))
            return
        for i in range(start, len(ordered)):
            value = ordered[i]
            if value > remaining:
                break
            chosen.append(value)
            search(i, remaining - value, chosen)
            chosen.pop()

    search(0, target, [])
    return results


def generate_parentheses(n: int) -> list[str]:
    out: list[str] = []

    def build(prefix: str, opened: int, closed: int) -> None:
        if len(prefix) == 2 * n:
            out.append(prefix)
            return
        if opened < n:
            build(prefix + "(", opened + 1, closed)
        if closed < opened:
            build(prefix + ")", opened, closed + 1)

    build("", 0, 0)
    return out


def word_search(grid: list[list[str]], word: str) -> bool:
    rows = len(grid)
    cols = len(grid[0]) if rows else 0

    def dfs(r: int, c: int, k: int) -> bool:
        if k == len(word):
            return True
        if r < 0 or c < 0 or r >= rows or c >= cols or grid[r][c] != word[k]:
            return False
        saved = grid[r][c]
        grid[r][c] = "#"
        found = dfs(r + 1, c, k + 1) or dfs(r - 1, c, k + 1) or dfs(r, c + 1, k + 1) or dfs(r, c - 1, k + 1)
        grid[r][c] = saved
        return found

    return any(dfs(r, c, 0) for r in range(rows) for c in range(cols))
