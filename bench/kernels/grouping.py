"""Grouping: bucket generated records by key in a dict[int, list[int]], then aggregate."""

from __future__ import annotations


def run(n: int) -> tuple[int, int, int]:
    groups: dict[int, list[int]] = {}
    state = 12345
    for _ in range(n):
        state = (state * 1103515245 + 12345) % 2147483648
        key = state % 97
        value = (state >> 8) % 1000
        if key in groups:
            groups[key].append(value)
        else:
            groups[key] = [value]
    best_key = -1
    best_total = -1
    spread = 0
    for key, values in groups.items():
        total = sum(values)
        if total > best_total:
            best_total = total
            best_key = key
        spread += max(values) - min(values)
    return best_key, best_total, spread
