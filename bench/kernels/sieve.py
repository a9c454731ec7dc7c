"""Sieve of Eratosthenes over a list[bool]; returns the prime count and the largest prime."""

from __future__ import annotations


def run(n: int) -> tuple[int, int]:
    flags = [True] * (n + 1)
    flags[0] = False
    flags[1] = False
    i = 2
    while i * i <= n:
        if flags[i]:
            for j in range(i * i, n + 1, i):
                flags[j] = False
        i += 1
    count = 0
    largest = 0
    for k in range(n + 1):
        if flags[k]:
            count += 1
            largest = k
    return count, largest
