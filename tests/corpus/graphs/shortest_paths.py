"""Weighted shortest paths: Dijkstra, Bellman-Ford, Floyd-Warshall."""

from __future__ import annotations

import heapq
import math
from typing import Optional

WeightedGraph = dict[str, list[tuple[str, float]]]
INF = math.inf


class NegativeCycleError(Exception):
    pass


def dijkstra(graph: WeightedGraph, source: str) -> dict[str, float]:
    dist: dict[str, float] = {source: 0.0}
    heap = [(0.0, source)]
    done: set[str] = set()
    while heap:
        d, node = heapq.heappop(heap)
        if node in done:
            continue
        done.add(node)
        for nxt, w in graph.get(node, []):
            if w < 0:
                raise ValueError(f"negative edge {node}->{nxt}")
            nd = d + w
            if nd < dist.get(nxt, INF):
                dist[nxt] = nd
                heapq.heappush(heap, (nd, nxt))
    return dict(sorted(dist.items()))


def dijkstra_path(graph: WeightedGraph, source: str, target: str) -> Optional[tuple[float, list[str]]]:
    prev: dict[str, str] = {}
    dist = {source: 0.0}
    heap = [(0.0, source)]
    while heap:
        d, node = heapq.heappop(heap)
        if node == target:
            path = [node]
            while path[-1] != source:
                path.append(prev[path[-1]])
            return d, path[::-1]
        if d > dist[node]:
            continue
        for nxt, w in graph.get(node, []):
            if d + w < dist.get(nxt, INF):
                dist[nxt] = d + w
                prev[nxt] = node
                heapq.heappush(heap, (d + w, nxt))
    return None


def bellman_ford(n: int, edges: list[tuple[int, int, int]], source: int) -> list[float]:
    dist = [INF] * n
    dist[source] = 0
    for _ in range(n - 1):
        changed = False
        for u, v, w in edges:
            if dist[u] != INF and dist[u] + w < dist[v]:
                dist[v] = dist[u] + w
                changed = True
        if not changed:
            break
    for u, v, w in edges:
        if dist[u] != INF and dist[u] + w < dist[v]:
            raise NegativeCycleError("graph contains a negative cycle")
    return dist


def floyd_warshall(matrix: list[list[float]]) -> list[list[float]]:
    n = len(matrix)
    dist = [row[:] for row in matrix]
    for k in range(n):
        for i in range(n):
            for j in range(n):
                if dist[i][k] + dist[k][j] < dist[i][j]:
                    dist[i][j] = dist[i][k] + dist[k][j]
    return dist


def grid_to_graph(costs: list[list[int]]) -> WeightedGraph:
    graph: WeightedGraph = {}
    rows, cols = len(costs), len(costs[0])
    for r in range(rows):
        for c in range(cols):
            edges = []
            for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1)):
                nr, nc = r + dr, c + dc
                if 0 <= nr < rows and 0 <= nc < cols:
                    edges.append((f"{nr},{nc}", float(costs[nr][nc])))
            graph[f"{r},{c}"] = edges
    return graph


def network_delay(times: list[tuple[int, int, int]], n: int, k: int) -> int:
    graph: dict[int, list[tuple[int, int]]] = {}
    for u, v, w in times:
        graph.setdefault(u, []).append((v, w))
    best: dict[int, int] = {}
    heap = [(0, k)]
    while heap:
        d, node = heapq.heappop(heap)
        if node in best:
            continue
        best[node] = d
        for v, w in graph.get(node, []):
            if v not in best:
                heapq.heappush(heap, (d + w, v))
    return max(best.values()) if len(best) == n else -1
