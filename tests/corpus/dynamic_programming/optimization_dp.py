"""Classic optimisation DPs: rod cutting, matrix chains, egg drop, house robber."""

from __future__ import annotations

import sys


def rod_cutting(prices: list[int], length: int) -> int:
    best = [0] * (length + 1)
    for n in range(1, length + 1):
        best[n] = max(prices[i] + best[n - i - 1] for i in range(min(n, len(prices))))
    return best[length]


def matrix_chain_order(dims: list[int]) -> int:
    """Fewest scalar multiplications to multiply matrices with these dimensions."""
    n = len(dims) - 1
    if n < 1:
        raise ValueError("need at least one matrix")
    cost = [[0] * n for _ in range(n)]
    for span in range(2, n + 1):
        for i in range(n - span + 1):
            j = i + span - 1
            cost[i][j] = sys.maxsize
            for k in range(i, j):
                q = cost[i][k] + cost[k + 1][j] + dims[i] * dims[k + 1] * dims[j + 1]
                if q < cost[i][j]:
                    cost[i][j] = q
    return cost[0][n - 1]


def egg_drop(eggs: int, floors: int) -> int:
    """Minimum number of drops needed in the worst case."""
    moves = 0
    reach = [0] * (eggs + 1)
    while reach[eggs] < floors:
        moves += 1
        for e in range(eggs, 0, -1):
            reach[e] = reach[e] + reach[e - 1] + 1
    return moves


def house_robber(values: list[int]) -> int:
    take, skip = 0, 0
    for v in values:
        take, skip = skip + v, max(take, skip)
    return max(take, skip)


def house_robber_circle(values: list[int]) -> int:
    if len(values) == 1:
        return values[0]
    return max(house_robber(values[1:]), house_robber(values[:-1]))


def climb_stairs(n: int, steps: tuple[int, ...] = (1, 2)) -> int:
    ways = [0] * (n + 1)
    ways[0] = 1
    for i in range(1, n + 1):
        ways[i] = sum(ways[i - s] for s in steps if s <= i)
    return ways[n]


def max_profit_with_cooldown(prices: list[int]) -> int:
    held = -float("inf")
    sold = 0.0
    rest = 0.0
    for p in prices:
        held, sold, rest = max(held, rest - p), held + p, max(rest, sold)
    return int(max(sold, rest))


def longest_arithmetic_run(nums: list[int]) -> int:
    if len(nums) < 2:
        return len(nums)
    best: dict[tuple[int, int], int] = {}
    longest = 2
    for i in range(len(nums)):
        for j in range(i):
            diff = nums[i] - nums[j]
            best[(i, diff)] = best.get((j, diff), 1) + 1
            longest = max(longest, best[(i, diff)])
    return longest
