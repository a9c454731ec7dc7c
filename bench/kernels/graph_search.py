"""Graph search: BFS and Dijkstra (hand-written binary heap) over a generated grid graph.

The graph is an adjacency dict[int, list[int]] with edge weights in a parallel
dict[int, list[int]]; no heapq, no deque (plain lists as queue and heap; heap
entries are single ints, distance * SHIFT + node).
"""

from __future__ import annotations

# Heap entries are distance * SHIFT + node, so the heap orders by distance, then node.
SHIFT = 16777216  # 2**24


def make_graph(side: int) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    adj: dict[int, list[int]] = {}
    weights: dict[int, list[int]] = {}
    dr = [0, 1, 0, -1]
    dc = [1, 0, -1, 0]
    state = 99
    for r in range(side):
        for c in range(side):
            node = r * side + c
            nbrs: list[int] = []
            ws: list[int] = []
            for k in range(4):
                nr = r + dr[k]
                nc = c + dc[k]
                if 0 <= nr < side and 0 <= nc < side:
                    state = (state * 1103515245 + 12345) % 2147483648
                    if state % 10 != 0:  # drop about a tenth of the edges
                        nbrs.append(nr * side + nc)
                        ws.append(1 + (state >> 16) % 9)
            adj[node] = nbrs
            weights[node] = ws
    return adj, weights


def bfs(adj: dict[int, list[int]], start: int) -> dict[int, int]:
    dist: dict[int, int] = {start: 0}
    queue = [start]
    head = 0
    while head < len(queue):
        node = queue[head]
        head += 1
        for nxt in adj[node]:
            if nxt not in dist:
                dist[nxt] = dist[node] + 1
                queue.append(nxt)
    return dist


def heap_push(heap: list[int], item: int) -> None:
    heap.append(item)
    i = len(heap) - 1
    while i > 0:
        parent = (i - 1) // 2
        if heap[parent] <= heap[i]:
            break
        heap[parent], heap[i] = heap[i], heap[parent]
        i = parent


def heap_pop(heap: list[int]) -> int:
    top = heap[0]
    last = heap.pop()
    if heap:
        heap[0] = last
        i = 0
        n = len(heap)
        while True:
            left = 2 * i + 1
            right = left + 1
            smallest = i
            if left < n and heap[left] < heap[smallest]:
                smallest = left
            if right < n and heap[right] < heap[smallest]:
                smallest = right
            if smallest == i:
                break
            heap[smallest], heap[i] = heap[i], heap[smallest]
            i = smallest
    return top


def dijkstra(
    adj: dict[int, list[int]], weights: dict[int, list[int]], start: int
) -> dict[int, int]:
    dist: dict[int, int] = {start: 0}
    heap: list[int] = [start]
    while heap:
        top = heap_pop(heap)
        d = top // SHIFT
        node = top % SHIFT
        if d > dist[node]:
            continue
        nbrs = adj[node]
        ws = weights[node]
        for k in range(len(nbrs)):
            nxt = nbrs[k]
            nd = d + ws[k]
            if nxt not in dist or nd < dist[nxt]:
                dist[nxt] = nd
                heap_push(heap, nd * SHIFT + nxt)
    return dist


def run(side: int) -> tuple[int, int, int, int]:
    adj, weights = make_graph(side)
    hops = bfs(adj, 0)
    costs = dijkstra(adj, weights, 0)
    return len(hops), max(hops.values()), len(costs), sum(costs.values())
