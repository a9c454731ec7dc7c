"""Interview-style list puzzles."""

from __future__ import annotations

from collections import Counter
from typing import Optional


def majority_element(nums: list[int]) -> Optional[int]:
    """Boyer-Moore vote, verified; None when no element has a strict majority."""
    candidate = None
    count = 0
    for x in nums:
        if count == 0:
            candidate = x
        count += 1 if x == candidate else -1
    if candidate is not None and nums.count(candidate) * 2 > len(nums):
        return candidate
    return None


def first_unique(nums: list[int]) -> int:
    counts = Counter(nums)
    for x in nums:
        if counts[x] == 1:
            return x
    raise LookupError("no unique element")


def find_duplicates(nums: list[int]) -> list[int]:
    seen: set[int] = set()
    dupes: set[int] = set()
    for x in nums:
        if x in seen:
            dupes.add(x)
        seen.add(x)
    return sorted(dupes)


def missing_number(nums: list[int]) -> int:
    n = len(nums)
    return n * (n + 1) // 2 - sum(nums)


def rotate(nums: list[int], k: int) -> list[int]:
    if not nums:
        return []
    k %= len(nums)
    return nums[-k:] + nums[:-k] if k else nums[:]


def rotate_inplace(nums: list[int], k: int) -> None:
    n = len(nums)
    if n == 0:
        return
    k %= n

    def reverse(lo: int, hi: int) -> None:
        while lo < hi:
            nums[lo], nums[hi] = nums[hi], nums[lo]
            lo += 1
            hi -= 1

    reverse(0, n - 1)
    reverse(0, k - 1)
    reverse(k, n - 1)


def move_zeroes(nums: list[int]) -> None:
    write = 0
    for read in range(len(nums)):
        if nums[read] != 0:
            nums[write], nums[read] = nums[read], nums[write]
            write += 1


def intersect(a: list[int], b: list[int]) -> list[int]:
    counts = Counter(a)
    out = []
    for x in b:
        if counts[x] > 0:
            out.append(x)
            counts[x] -= 1
    return out


def spiral_order(matrix: list[list[int]]) -> list[int]:
    result: list[int] = []
    if not matrix:
        return result
    top, bottom, left, right = 0, len(matrix) - 1, 0, len(matrix[0]) - 1
    while top <= bottom and left <= right:
        for c in range(left, right + 1):
            result.append(matrix[top][c])
        top += 1
        for r in range(top, bottom + 1):
            result.append(matrix[r][right])
        right -= 1
        if top <= bottom:
            for c in range(right, left - 1, -1):
                result.append(matrix[bottom][c])
            bottom -= 1
        if left <= right:
            for r in range(bottom, top - 1, -1):
                result.append(matrix[r][left])
            left += 1
    return result


def dutch_flag(colors: list[int]) -> list[int]:
    out = list(colors)
    low, mid, high = 0, 0, len(out) - 1
    while mid <= high:
        if out[mid] == 0:
            out[low], out[mid] = out[mid], out[low]
            low += 1
            mid += 1
        elif out[mid] == 1:
            mid += 1
        elif out[mid] == 2:
            out[mid], out[high] = out[high], out[mid]
            high -= 1
        else:
            raise ValueError(f"invalid colour {out[mid]}")
    return out
