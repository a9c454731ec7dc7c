"""Array problems solved with prefix sums, sliding windows and hashing."""

from __future__ import annotations

from typing import Optional


def max_subarray_sum(nums: list[int]) -> int:
    """Kadane's algorithm. Raises ValueError on an empty list."""
    if not nums:
        raise ValueError("max_subarray_sum() arg is an empty sequence")
    best = current = nums[0]
    for x in nums[1:]:
        current = max(x, current + x)
        best = max(best, current)
    return best


def max_subarray_bounds(nums: list[int]) -> tuple[int, int, int]:
    """(sum, start, end) of the best subarray, end exclusive."""
    best_sum = nums[0]
    best_start, best_end = 0, 1
    current = 0
    start = 0
    for i, x in enumerate(nums):
        if current <= 0:
            start = i
            current = x
        else:
            current += x
        if current > best_sum:
            best_sum = current
            best_start, best_end = start, i + 1
    return best_sum, best_start, best_end


def prefix_sums(nums: list[int]) -> list[int]:
    sums = [0]
    for x in nums:
        sums.append(sums[-1] + x)
    return sums


def range_sum(prefix: list[int], left: int, right: int) -> int:
    """Sum of nums[left:right] given prefix_sums(nums)."""
    return prefix[right] - prefix[left]


def max_window_sum(nums: list[int], k: int) -> int:
    if k <= 0 or k > len(nums):
        raise ValueError(f"window size {k} out of range")
    window = sum(nums[:k])
    best = window
    for i in range(k, len(nums)):
        window += nums[i] - nums[i - k]
        best = max(best, window)
    return best


def two_sum(nums: list[int], target: int) -> Optional[tuple[int, int]]:
    seen: dict[int, int] = {}
    for i, x in enumerate(nums):
        if target - x in seen:
            return seen[target - x], i
        seen[x] = i
    return None


def subarrays_with_sum(nums: list[int], target: int) -> int:
    counts = {0: 1}
    running = 0
    total = 0
    for x in nums:
        running += x
        total += counts.get(running - target, 0)
        counts[running] = counts.get(running, 0) + 1
    return total


def longest_unique_run(text: str) -> int:
    last_seen: dict[str, int] = {}
    start = 0
    best = 0
    for i, ch in enumerate(text):
        if ch in last_seen and last_seen[ch] >= start:
            start = last_seen[ch] + 1
        last_seen[ch] = i
        best = max(best, i - start + 1)
    return best


def product_except_self(nums: list[int]) -> list[int]:
    n = len(nums)
    result = [1] * n
    left = 1
    for i in range(n):
        result[i] = left
        left *= nums[i]
    right = 1
    for i in range(n - 1, -1, -1):
        result[i] *= right
        right *= nums[i]
    return result


def moving_average(values: list[float], window: int) -> list[float]:
    if window < 1:
        raise ValueError("window must be positive")
    out = []
    total = 0.0
    for i, v in enumerate(values):
        total += v
        if i >= window:
            total -= values[i - window]
        if i >= window - 1:
            out.append(total / window)
    return out
