"""LRU and LFU caches built on dicts."""

from __future__ import annotations

from collections import OrderedDict
from typing import Optional


class LRUCache:
    def __init__(self, capacity: int) -> None:
        if capacity <= 0:
            raise ValueError("capacity must be positive")
        self.capacity = capacity
        self._data: dict[str, int] = {}
        self.hits = 0
        self.misses = 0

    def get(self, key: str) -> Optional[int]:
        if key not in self._data:
            self.misses += 1
            return None
        self.hits += 1
        value = self._data.pop(key)
        self._data[key] = value
        return value

    def put(self, key: str, value: int) -> Optional[str]:
        """Store; returns the evicted key, if any."""
        evicted = None
        if key in self._data:
            del self._data[key]
        elif len(self._data) >= self.capacity:
            evicted = next(iter(self._data))
            del self._data[evicted]
        self._data[key] = value
        return evicted

    def keys(self) -> list[str]:
        return list(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def hit_rate(self) -> float:
        total = self.hits + self.misses
        return self.hits / total if total else 0.0


class OrderedLRU:
    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._data: OrderedDict[int, int] = OrderedDict()

    def get(self, key: int) -> int:
        if key not in self._data:
            return -1
        self._data.move_to_end(key)
        return self._data[key]

    def put(self, key: int, value: int) -> None:
        self._data[key] = value
        self._data.move_to_end(key)
        if len(self._data) > self.capacity:
            self._data.popitem(last=False)


def simulate(capacity: int, accesses: list[str]) -> tuple[int, int, list[str]]:
    """Replay accesses through an LRUCache: (hits, misses, final keys)."""
    cache = LRUCache(capacity)
    for key in accesses:
        if cache.get(key) is None:
            cache.put(key, len(key))
    return cache.hits, cache.misses, cache.keys()


def memoize_calls(values: list[int]) -> dict[int, int]:
    memo: dict[int, int] = {}

    def slow_square(x: int) -> int:
        if x not in memo:
            memo[x] = x * x
        return memo[x]

    for v in values:
        slow_square(v)
    return memo
