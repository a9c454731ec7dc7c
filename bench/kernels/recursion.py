"""Recursion: naive Fibonacci, Ackermann(2, n) and an N-queens backtracking count."""

from __future__ import annotations


def fib(n: int) -> int:
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def ackermann(m: int, n: int) -> int:
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))


def queens(n: int, row: int, cols: list[bool], d1: list[bool], d2: list[bool]) -> int:
    if row == n:
        return 1
    total = 0
    for c in range(n):
        if not cols[c] and not d1[row + c] and not d2[row - c + n - 1]:
            cols[c] = True
            d1[row + c] = True
            d2[row - c + n - 1] = True
            total += queens(n, row + 1, cols, d1, d2)
            cols[c] = False
            d1[row + c] = False
            d2[row - c + n - 1] = False
    return total


def run(n: int) -> tuple[int, int, int]:
    q = n // 3
    return fib(n), ackermann(2, n), queens(q, 0, [False] * q, [False] * (2 * q), [False] * (2 * q))
