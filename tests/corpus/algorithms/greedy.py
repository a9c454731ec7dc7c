"""Greedy algorithms."""

from __future__ import annotations


def activity_selection(activities: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Maximum set of non-overlapping (start, finish) activities."""
    chosen: list[tuple[int, int]] = []
    last_finish = None
    for start, finish in sorted(activities, key=lambda a: a[1]):
        if last_finish is None or start >= last_finish:
            chosen.append((start, finish))
            last_finish = finish
    return chosen


def make_change(amount: int, coins: list[int]) -> dict[int, int]:
    if amount < 0:
        raise ValueError("amount must be non-negative")
    result: dict[int, int] = {}
    for coin in sorted(coins, reverse=True):
        if amount >= coin:
            result[coin], amount = divmod(amount, coin)
    if amount:
        raise ValueError(f"cannot make exact change, {amount} left over")
    return result


def can_jump(steps: list[int]) -> bool:
    reach = 0
    for i, step in enumerate(steps):
        if i > reach:
            return False
        reach = max(reach, i + step)
    return True


def min_jumps(steps: list[int]) -> int:
    if len(steps) <= 1:
        return 0
    jumps = 0
    current_end = farthest = 0
    for i in range(len(steps) - 1):
        farthest = max(farthest, i + steps[i])
        if i == current_end:
            if farthest <= i:
                return -1
            jumps += 1
            current_end = farthest
            if current_end >= len(steps) - 1:
                break
    return jumps


def gas_station(gas: list[int], cost: list[int]) -> int:
    if sum(gas) < sum(cost):
        return -1
    tank = start = 0
    for i in range(len(gas)):
        tank += gas[i] - cost[i]
        if tank < 0:
            start = i + 1
            tank = 0
    return start


def fractional_knapsack(items: list[tuple[float, float]], capacity: float) -> float:
    """items are (value, weight); returns the best total value."""
    total = 0.0
    for value, weight in sorted(items, key=lambda it: it[0] / it[1], reverse=True):
        if capacity <= 0:
            break
        take = min(weight, capacity)
        total += value * take / weight
        capacity -= take
    return total


def assign_cookies(greed: list[int], sizes: list[int]) -> int:
    greed = sorted(greed)
    sizes = sorted(sizes)
    child = 0
    for size in sizes:
        if child < len(greed) and size >= greed[child]:
            child += 1
    return child


def min_platforms(arrivals: list[int], departures: list[int]) -> int:
    arr = sorted(arrivals)
    dep = sorted(departures)
    i = j = 0
    needed = best = 0
    while i < len(arr):
        if arr[i] <= dep[j]:
            needed += 1
            i += 1
        else:
            needed -= 1
            j += 1
        best = max(best, needed)
    return best
