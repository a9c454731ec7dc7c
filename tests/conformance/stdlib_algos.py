"""Conformance corpus: heapq, bisect, collections (deque, Counter, defaultdict).

Lists cross the boundary, so heapq/bisect functions take and mutate lists
directly: the test compares the caller's list after each call too.
"""

import bisect
import heapq
import math
from bisect import bisect_left, insort


def heap_push_all(heap: list[int], items: list[int]) -> list[int]:
    for x in items:
        heapq.heappush(heap, x)
    return heap


def heap_drain(items: list[int]) -> list[int]:
    heapq.heapify(items)
    out: list[int] = []
    while items:
        out.append(heapq.heappop(items))
    return out


def heap_pop_one(heap: list[int]) -> int:
    return heapq.heappop(heap)


def heapify_only(items: list[int]) -> None:
    heapq.heapify(items)


def heapify_floats(items: list[float]) -> None:
    heapq.heapify(items)


def heap_replace(heap: list[int], x: int) -> int:
    return heapq.heapreplace(heap, x)


def heap_pushpop(heap: list[int], x: int) -> int:
    return heapq.heappushpop(heap, x)


def heap_pairs(items: list[tuple[int, str]]) -> list[tuple[int, str]]:
    heap: list[tuple[int, str]] = []
    for it in items:
        heapq.heappush(heap, it)
    return [heapq.heappop(heap) for _ in range(len(heap))]


def dijkstra(n: int, edges: list[tuple[int, int, float]], src: int) -> list[float]:
    adj: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    for u, v, w in edges:
        adj[u].append((v, w))
    dist = [math.inf] * n
    dist[src] = 0.0
    heap = [(0.0, src)]
    while heap:
        d, u = heapq.heappop(heap)
        if d > dist[u]:
            continue
        for v, w in adj[u]:
            nd = d + w
            if nd < dist[v]:
                dist[v] = nd
                heapq.heappush(heap, (nd, v))
    return dist


def float_heap(items: list[float]) -> list[float]:
    heap: list[float] = []
    for x in items:
        heapq.heappush(heap, x)
    return [heapq.heappop(heap) for _ in range(len(heap))]


def smallest(k: int, items: list[int]) -> list[int]:
    return heapq.nsmallest(k, items)


def largest(k: int, items: list[str]) -> list[str]:
    return heapq.nlargest(k, items)


def positions(xs: list[int], x: int) -> tuple[int, int, int]:
    return bisect.bisect_left(xs, x), bisect.bisect_right(xs, x), bisect.bisect(xs, x)


def bisect_bounds(xs: list[int], x: int, lo: int, hi: int) -> tuple[int, int]:
    return bisect.bisect_left(xs, x, lo, hi), bisect.bisect_right(xs, x, lo=lo, hi=hi)


def bisect_lo_only(xs: list[int], x: int, lo: int) -> int:
    return bisect_left(xs, x, lo)


def bisect_key(pairs: list[tuple[str, int]], x: int) -> int:
    return bisect.bisect_left(pairs, x, key=lambda p: p[1])


def insort_all(xs: list[int], items: list[int]) -> list[int]:
    for v in items:
        insort(xs, v)
    return xs


def insort_left_bounded(xs: list[str], v: str, lo: int) -> None:
    bisect.insort_left(xs, v, lo)


def insort_key(pairs: list[tuple[str, int]], name: str, score: int) -> None:
    bisect.insort(pairs, (name, score), key=lambda p: p[1])


def insort_key_raises(pairs: list[tuple[str, int]], lo: int) -> None:
    bisect.insort(pairs, ("x", 0), lo, key=lambda p: 10 // p[1])


def lis_length(nums: list[int]) -> int:
    tails: list[int] = []
    for x in nums:
        pos = bisect.bisect_left(tails, x)
        if pos == len(tails):
            tails.append(x)
        else:
            tails[pos] = x
    return len(tails)


def bisect_floats(xs: list[float], x: float) -> int:
    return bisect.bisect_right(xs, x)


def float_pairs(items: list[tuple[float, int]]) -> list[tuple[float, int]]:
    heap: list[tuple[float, int]] = []
    for it in items:
        heapq.heappush(heap, it)
    return [heapq.heappop(heap) for _ in range(len(heap))]
