"""Minimum spanning trees: Kruskal and Prim."""

from __future__ import annotations

import heapq

Edge = tuple[int, int, int]  # (weight, u, v)


def kruskal(n: int, edges: list[Edge]) -> tuple[int, list[Edge]]:
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    total = 0
    chosen: list[Edge] = []
    for w, u, v in sorted(edges):
        ru, rv = find(u), find(v)
        if ru != rv:
            parent[ru] = rv
            total += w
            chosen.append((w, u, v))
    if len(chosen) != n - 1 and n > 0:
        raise ValueError("graph is not connected")
    return total, chosen


def prim(n: int, edges: list[Edge]) -> int:
    if n == 0:
        return 0
    adj: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for w, u, v in edges:
        adj[u].append((w, v))
        adj[v].append((w, u))
    visited = [False] * n
    heap = [(0, 0)]
    total = 0
    count = 0
    while heap and count < n:
        w, u = heapq.heappop(heap)
        if visited[u]:
            continue
        visited[u] = True
        total += w
        count += 1
        for edge in adj[u]:
            if not visited[edge[1]]:
                heapq.heappush(heap, edge)
    if count != n:
        raise ValueError("graph is not connected")
    return total


def points_mst(points: list[tuple[int, int]]) -> int:
    """Minimum cost to connect all points with Manhattan-distance edges."""
    n = len(points)
    edges = []
    for i in range(n):
        for j in range(i + 1, n):
            (x1, y1), (x2, y2) = points[i], points[j]
            edges.append((abs(x1 - x2) + abs(y1 - y2), i, j))
    return kruskal(n, edges)[0]


def second_best_mst(n: int, edges: list[Edge]) -> int:
    best, chosen = kruskal(n, edges)
    candidates = []
    for skip in chosen:
        rest = [e for e in edges if e != skip]
        try:
            candidates.append(kruskal(n, rest)[0])
        except ValueError:
            continue
    if not candidates:
        raise ValueError("no second-best spanning tree")
    return min(candidates)
