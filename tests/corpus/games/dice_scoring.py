"""Dice probability and Yacht-style scoring."""

from __future__ import annotations

from collections import Counter
from itertools import product

CATEGORIES = (
    "ones", "twos", "threes", "fours", "fives", "sixes",
    "full_house", "four_of_a_kind", "little_straight", "big_straight", "choice", "yacht",
)


def score(dice: list[int], category: str) -> int:
    if len(dice) != 5 or any(not 1 <= d <= 6 for d in dice):
        raise ValueError(f"invalid roll: {dice}")
    counts = Counter(dice)
    faces = {"ones": 1, "twos": 2, "threes": 3, "fours": 4, "fives": 5, "sixes": 6}
    if category in faces:
        face = faces[category]
        return face * counts[face]
    if category == "full_house":
        return sum(dice) if sorted(counts.values()) == [2, 3] else 0
    if category == "four_of_a_kind":
        face, n = counts.most_common(1)[0]
        return 4 * face if n >= 4 else 0
    if category == "little_straight":
        return 30 if sorted(dice) == [1, 2, 3, 4, 5] else 0
    if category == "big_straight":
        return 30 if sorted(dice) == [2, 3, 4, 5, 6] else 0
    if category == "choice":
        return sum(dice)
    if category == "yacht":
        return 50 if len(counts) == 1 else 0
    raise KeyError(category)


def best_category(dice: list[int]) -> tuple[str, int]:
    return max(((c, score(dice, c)) for c in CATEGORIES), key=lambda cs: cs[1])


def sum_distribution(n_dice: int, sides: int = 6) -> dict[int, int]:
    dist: dict[int, int] = {0: 1}
    for _ in range(n_dice):
        nxt: dict[int, int] = {}
        for total, ways in dist.items():
            for face in range(1, sides + 1):
                nxt[total + face] = nxt.get(total + face, 0) + ways
        dist = nxt
    return dist


def probability_of_sum(target: int, n_dice: int, sides: int = 6) -> float:
    dist = sum_distribution(n_dice, sides)
    return dist.get(target, 0) / sides**n_dice


def most_likely_sums(n_dice: int) -> list[int]:
    dist = sum_distribution(n_dice)
    best = max(dist.values())
    return [s for s, w in dist.items() if w == best]


def count_rolls(n_dice: int, predicate_pair: bool = True) -> int:
    """Rolls of n six-sided dice containing at least one pair (or all distinct)."""
    total = 0
    for roll in product(range(1, 7), repeat=n_dice):
        has_pair = len(set(roll)) < n_dice
        if has_pair == predicate_pair:
            total += 1
    return total


def expected_value(sides: int) -> float:
    return sum(range(1, sides + 1)) / sides
