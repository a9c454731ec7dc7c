"""Collatz: the start below `limit` with the longest chain (plain integer loops)."""

from __future__ import annotations


def steps(n: int) -> int:
    count = 0
    while n != 1:
        if n % 2 == 0:
            n //= 2
        else:
            n = 3 * n + 1
        count += 1
    return count


def run(limit: int) -> tuple[int, int]:
    best = 1
    best_steps = 0
    for start in range(1, limit):
        s = steps(start)
        if s > best_steps:
            best = start
            best_steps = s
    return best, best_steps
