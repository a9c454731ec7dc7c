"""Helpers shared by the other modules of the package."""

from __future__ import annotations


def square(x: float) -> float:
    return x * x


def clamp(x: float, lo: float, hi: float) -> float:
    if x < lo:
        return lo
    if x > hi:
        return hi
    return x


def digit_count(n: int) -> int:
    """Decimal digits of |n| (0 has one)."""
    n = abs(n)
    count = 1
    while n >= 10:
        n //= 10
        count += 1
    return count
