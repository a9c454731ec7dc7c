"""Counting: factorials, binomials and friends (results may exceed 64 bits)."""

from __future__ import annotations

import math
from itertools import combinations, permutations


def factorial(n: int) -> int:
    if n < 0:
        raise ValueError("factorial() not defined for negative values")
    result = 1
    for k in range(2, n + 1):
        result *= k
    return result


def binomial(n: int, k: int) -> int:
    if k < 0 or k > n:
        return 0
    k = min(k, n - k)
    result = 1
    for i in range(1, k + 1):
        result = result * (n - k + i) // i
    return result


def pascal_triangle(rows: int) -> list[list[int]]:
    triangle: list[list[int]] = []
    for r in range(rows):
        row = [1] * (r + 1)
        for c in range(1, r):
            row[c] = triangle[r - 1][c - 1] + triangle[r - 1][c]
        triangle.append(row)
    return triangle


def catalan(n: int) -> int:
    return binomial(2 * n, n) // (n + 1)


def stirling2(n: int, k: int) -> int:
    table = [[0] * (k + 1) for _ in range(n + 1)]
    table[0][0] = 1
    for i in range(1, n + 1):
        for j in range(1, min(i, k) + 1):
            table[i][j] = j * table[i - 1][j] + table[i - 1][j - 1]
    return table[n][k]


def bell(n: int) -> int:
    return sum(stirling2(n, k) for k in range(n + 1))


def derangements(n: int) -> int:
    if n == 0:
        return 1
    a, b = 1, 0
    for i in range(2, n + 1):
        a, b = b, (i - 1) * (a + b)
    return b


def partitions(n: int) -> int:
    ways = [1] + [0] * n
    for part in range(1, n + 1):
        for total in range(part, n + 1):
            ways[total] += ways[total - part]
    return ways[n]


def kth_permutation(items: list[int], k: int) -> list[int]:
    pool = sorted(items)
    if not 0 <= k < math.factorial(len(pool)):
        raise IndexError("permutation index out of range")
    out = []
    while pool:
        f = math.factorial(len(pool) - 1)
        idx, k = divmod(k, f)
        out.append(pool.pop(idx))
    return out


def count_pairs_with_sum(nums: list[int], target: int) -> int:
    return sum(1 for a, b in combinations(nums, 2) if a + b == target)


def distinct_arrangements(word: str) -> int:
    return len(set(permutations(word)))


def multinomial(counts: list[int]) -> int:
    return math.factorial(sum(counts)) // math.prod(math.factorial(c) for c in counts)
