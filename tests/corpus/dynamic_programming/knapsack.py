"""Knapsack-family problems."""

from __future__ import annotations


def knapsack_01(weights: list[int], values: list[int], capacity: int) -> int:
    if len(weights) != len(values):
        raise ValueError("weights and values must have the same length")
    best = [0] * (capacity + 1)
    for w, v in zip(weights, values):
        for c in range(capacity, w - 1, -1):
            best[c] = max(best[c], best[c - w] + v)
    return best[capacity]


def knapsack_items(weights: list[int], values: list[int], capacity: int) -> list[int]:
    """Indices of the chosen items (0/1 knapsack), ascending."""
    n = len(weights)
    table = [[0] * (capacity + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        w, v = weights[i - 1], values[i - 1]
        for c in range(capacity + 1):
            table[i][c] = table[i - 1][c]
            if w <= c and table[i - 1][c - w] + v > table[i][c]:
                table[i][c] = table[i - 1][c - w] + v
    chosen = []
    c = capacity
    for i in range(n, 0, -1):
        if table[i][c] != table[i - 1][c]:
            chosen.append(i - 1)
            c -= weights[i - 1]
    return sorted(chosen)


def unbounded_knapsack(weights: list[int], values: list[int], capacity: int) -> int:
    best = [0] * (capacity + 1)
    for c in range(1, capacity + 1):
        for w, v in zip(weights, values):
            if w <= c:
                best[c] = max(best[c], best[c - w] + v)
    return best[capacity]


def subset_sum(nums: list[int], target: int) -> bool:
    reachable = {0}
    for x in nums:
        reachable |= {r + x for r in reachable if r + x <= target}
    return target in reachable


def can_partition(nums: list[int]) -> bool:
    total = sum(nums)
    if total % 2:
        return False
    return subset_sum(nums, total // 2)


def count_subsets_with_sum(nums: list[int], target: int) -> int:
    ways = [0] * (target + 1)
    ways[0] = 1
    for x in nums:
        for s in range(target, x - 1, -1):
            ways[s] += ways[s - x]
    return ways[target]


def min_subset_difference(nums: list[int]) -> int:
    total = sum(nums)
    possible = [False] * (total // 2 + 1)
    possible[0] = True
    for x in nums:
        for s in range(total // 2, x - 1, -1):
            possible[s] = possible[s] or possible[s - x]
    for s in range(total // 2, -1, -1):
        if possible[s]:
            return total - 2 * s
    return total
