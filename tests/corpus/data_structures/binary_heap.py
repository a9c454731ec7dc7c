"""A binary min-heap written out by hand, plus heapq-based helpers."""

from __future__ import annotations

import heapq


class MinHeap:
    def __init__(self, items: list[int] | None = None) -> None:
        self.data: list[int] = []
        for x in items or []:
            self.push(x)

    def __len__(self) -> int:
        return len(self.data)

    def push(self, x: int) -> None:
        self.data.append(x)
        i = len(self.data) - 1
        while i > 0:
            parent = (i - 1) // 2
            if self.data[parent] <= self.data[i]:
                break
            self.data[parent], self.data[i] = self.data[i], self.data[parent]
            i = parent

    def peek(self) -> int:
        if not self.data:
            raise IndexError("peek from empty heap")
        return self.data[0]

    def pop(self) -> int:
        if not self.data:
            raise IndexError("pop from empty heap")
        top = self.data[0]
        last = self.data.pop()
        if self.data:
            self.data[0] = last
            self._sift_down(0)
        return top

    def _sift_down(self, i: int) -> None:
        n = len(self.data)
        while True:
            smallest = i
            for child in (2 * i + 1, 2 * i + 2):
                if child < n and self.data[child] < self.data[smallest]:
                    smallest = child
            if smallest == i:
                return
            self.data[i], self.data[smallest] = self.data[smallest], self.data[i]
            i = smallest


def heap_sort(items: list[int]) -> list[int]:
    h = MinHeap(items)
    return [h.pop() for _ in range(len(h))]


def k_smallest(items: list[int], k: int) -> list[int]:
    return heapq.nsmallest(k, items)


def k_largest(items: list[int], k: int) -> list[int]:
    if k <= 0:
        return []
    heap: list[int] = []
    for x in items:
        if len(heap) < k:
            heapq.heappush(heap, x)
        elif x > heap[0]:
            heapq.heapreplace(heap, x)
    return sorted(heap, reverse=True)


def merge_k_sorted(lists: list[list[int]]) -> list[int]:
    heap = [(lst[0], i, 0) for i, lst in enumerate(lists) if lst]
    heapq.heapify(heap)
    out = []
    while heap:
        value, li, idx = heapq.heappop(heap)
        out.append(value)
        if idx + 1 < len(lists[li]):
            heapq.heappush(heap, (lists[li][idx + 1], li, idx + 1))
    return out


def running_median(stream: list[int]) -> list[float]:
    low: list[int] = []
    high: list[int] = []
    medians = []
    for x in stream:
        if not low or x <= -low[0]:
            heapq.heappush(low, -x)
        else:
            heapq.heappush(high, x)
        if len(low) > len(high) + 1:
            heapq.heappush(high, -heapq.heappop(low))
        elif len(high) > len(low):
            heapq.heappush(low, -heapq.heappop(high))
        if len(low) > len(high):
            medians.append(float(-low[0]))
        else:
            medians.append((-low[0] + high[0]) / 2)
    return medians


def min_cost_to_connect_ropes(ropes: list[int]) -> int:
    heap = list(ropes)
    heapq.heapify(heap)
    cost = 0
    while len(heap) > 1:
        a = heapq.heappop(heap)
        b = heapq.heappop(heap)
        cost += a + b
        heapq.heappush(heap, a + b)
    return cost
