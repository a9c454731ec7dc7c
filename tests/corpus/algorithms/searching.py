"""Searching in lists: linear, binary and friends."""

from __future__ import annotations

import bisect
from typing import Optional


def linear_search(items: list[int], target: int) -> int:
    for index, value in enumerate(items):
        if value == target:
            return index
    return -1


def binary_search(items: list[int], target: int) -> int:
    lo, hi = 0, len(items) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if items[mid] == target:
            return mid
        if items[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1


def binary_search_recursive(items: list[int], target: int, lo: int = 0, hi: Optional[int] = None) -> int:
    if hi is None:
        hi = len(items) - 1
    if lo > hi:
        return -1
    mid = (lo + hi) // 2
    if items[mid] == target:
        return mid
    if items[mid] < target:
        return binary_search_recursive(items, target, mid + 1, hi)
    return binary_search_recursive(items, target, lo, mid - 1)


def lower_bound(items: list[int], target: int) -> int:
    """First index whose value is >= target."""
    lo, hi = 0, len(items)
    while lo < hi:
        mid = (lo + hi) // 2
        if items[mid] < target:
            lo = mid + 1
        else:
            hi = mid
    return lo


def upper_bound(items: list[int], target: int) -> int:
    lo, hi = 0, len(items)
    while lo < hi:
        mid = (lo + hi) // 2
        if items[mid] <= target:
            lo = mid + 1
        else:
            hi = mid
    return lo


def count_occurrences(items: list[int], target: int) -> int:
    return bisect.bisect_right(items, target) - bisect.bisect_left(items, target)


def search_rotated(items: list[int], target: int) -> int:
    lo, hi = 0, len(items) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if items[mid] == target:
            return mid
        if items[lo] <= items[mid]:
            if items[lo] <= target < items[mid]:
                hi = mid - 1
            else:
                lo = mid + 1
        else:
            if items[mid] < target <= items[hi]:
                lo = mid + 1
            else:
                hi = mid - 1
    return -1


def integer_sqrt(n: int) -> int:
    if n < 0:
        raise ValueError("square root of negative number")
    lo, hi = 0, n
    while lo <= hi:
        mid = (lo + hi) // 2
        if mid * mid <= n:
            lo = mid + 1
        else:
            hi = mid - 1
    return hi


def find_peak(values: list[float]) -> int:
    if not values:
        raise ValueError("empty sequence")
    lo, hi = 0, len(values) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if values[mid] < values[mid + 1]:
            lo = mid + 1
        else:
            hi = mid
    return lo


def closest_value(items: list[int], target: int) -> Optional[int]:
    if not items:
        return None
    pos = bisect.bisect_left(items, target)
    candidates = []
    if pos < len(items):
        candidates.append(items[pos])
    if pos > 0:
        candidates.append(items[pos - 1])
    return min(candidates, key=lambda v: (abs(v - target), v))
