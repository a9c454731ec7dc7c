"""BFS / DFS on adjacency-list graphs: dict[int, list[int]]."""

from __future__ import annotations

from collections import deque
from typing import Optional

Graph = dict[int, list[int]]


def bfs_order(graph: Graph, start: int) -> list[int]:
    seen = {start}
    order = []
    queue = deque([start])
    while queue:
        node = queue.popleft()
        order.append(node)
        for nxt in graph.get(node, []):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return order


def dfs_order(graph: Graph, start: int) -> list[int]:
    seen: set[int] = set()
    order: list[int] = []

    def visit(node: int) -> None:
        seen.add(node)
        order.append(node)
        for nxt in graph.get(node, []):
            if nxt not in seen:
                visit(nxt)

    visit(start)
    return order


def dfs_iterative(graph: Graph, start: int) -> list[int]:
    seen = set()
    order = []
    stack = [start]
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        order.append(node)
        for nxt in reversed(graph.get(node, [])):
            if nxt not in seen:
                stack.append(nxt)
    return order


def shortest_path(graph: Graph, start: int, goal: int) -> Optional[list[int]]:
    parents: dict[int, Optional[int]] = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if node == goal:
            path = []
            cur: Optional[int] = node
            while cur is not None:
                path.append(cur)
                cur = parents[cur]
            return path[::-1]
        for nxt in graph.get(node, []):
            if nxt not in parents:
                parents[nxt] = node
                queue.append(nxt)
    return None


def connected_components(graph: Graph) -> list[list[int]]:
    undirected: dict[int, set[int]] = {}
    for u, vs in graph.items():
        undirected.setdefault(u, set())
        for v in vs:
            undirected[u].add(v)
            undirected.setdefault(v, set()).add(u)
    seen: set[int] = set()
    components = []
    for node in sorted(undirected):
        if node in seen:
            continue
        comp = []
        stack = [node]
        seen.add(node)
        while stack:
            cur = stack.pop()
            comp.append(cur)
            for nxt in undirected[cur]:
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        components.append(sorted(comp))
    return components


def distances(graph: Graph, start: int) -> dict[int, int]:
    dist = {start: 0}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in graph.get(node, []):
            if nxt not in dist:
                dist[nxt] = dist[node] + 1
                queue.append(nxt)
    return dist


def is_bipartite(graph: Graph) -> bool:
    color: dict[int, int] = {}
    for start in graph:
        if start in color:
            continue
        color[start] = 0
        queue = deque([start])
        while queue:
            node = queue.popleft()
            for nxt in graph.get(node, []):
                if nxt not in color:
                    color[nxt] = 1 - color[node]
                    queue.append(nxt)
                elif color[nxt] == color[node]:
                    return False
    return True


def all_paths(graph: Graph, start: int, goal: int) -> list[list[int]]:
    paths: list[list[int]] = []

    def walk(node: int, path: list[int]) -> None:
        if node == goal:
            paths.append(path)
            return
        for nxt in graph.get(node, []):
            if nxt not in path:
                walk(nxt, path + [nxt])

    walk(start, [start])
    return paths


def degree_stats(graph: Graph) -> dict[str, float]:
    degrees = [len(vs) for vs in graph.values()]
    if not degrees:
        return {"min": 0, "max": 0, "mean": 0.0}
    return {"min": min(degrees), "max": max(degrees), "mean": sum(degrees) / len(degrees)}
