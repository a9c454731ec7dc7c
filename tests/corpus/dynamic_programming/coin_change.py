"""Coin change: fewest coins, number of ways, and the coins themselves."""

from __future__ import annotations

import math
from typing import Optional


def min_coins(coins: list[int], amount: int) -> int:
    """Fewest coins summing to amount, or -1 when impossible."""
    if amount < 0:
        raise ValueError("amount must be >= 0")
    best = [0] + [math.inf] * amount
    for value in range(1, amount + 1):
        for coin in coins:
            if coin <= value and best[value - coin] + 1 < best[value]:
                best[value] = best[value - coin] + 1
    return -1 if best[amount] == math.inf else int(best[amount])


def coin_combinations(coins: list[int], amount: int) -> int:
    ways = [1] + [0] * amount
    for coin in coins:
        for value in range(coin, amount + 1):
            ways[value] += ways[value - coin]
    return ways[amount]


def coin_permutations(coins: list[int], amount: int) -> int:
    ways = [1] + [0] * amount
    for value in range(1, amount + 1):
        ways[value] = sum(ways[value - c] for c in coins if c <= value)
    return ways[amount]


def change_for(coins: list[int], amount: int) -> Optional[list[int]]:
    """One optimal multiset of coins (largest first), or None."""
    best: list[Optional[list[int]]] = [None] * (amount + 1)
    best[0] = []
    for value in range(1, amount + 1):
        for coin in coins:
            if coin <= value:
                prev = best[value - coin]
                if prev is not None:
                    candidate = prev + [coin]
                    current = best[value]
                    if current is None or len(candidate) < len(current):
                        best[value] = candidate
    result = best[amount]
    return sorted(result, reverse=True) if result is not None else None


def memo_min_coins(coins: tuple[int, ...], amount: int, memo: Optional[dict[int, int]] = None) -> int:
    if memo is None:
        memo = {}
    if amount == 0:
        return 0
    if amount < 0:
        return -1
    if amount in memo:
        return memo[amount]
    best = -1
    for coin in coins:
        sub = memo_min_coins(coins, amount - coin, memo)
        if sub >= 0 and (best < 0 or sub + 1 < best):
            best = sub + 1
    memo[amount] = best
    return best
