"""Topological sorting and dependency resolution."""

from __future__ import annotations

from collections import defaultdict, deque


class CycleError(ValueError):
    def __init__(self, nodes: list[str]) -> None:
        super().__init__("cycle detected among: " + ", ".join(nodes))
        self.nodes = nodes


def kahn(deps: dict[str, list[str]]) -> list[str]:
    """deps maps a task to the tasks it depends on; returns an order, smallest name first on ties."""
    indegree: dict[str, int] = {}
    users: defaultdict[str, list[str]] = defaultdict(list)
    for task, requires in deps.items():
        indegree.setdefault(task, 0)
        for r in requires:
            indegree.setdefault(r, 0)
            indegree[task] += 1
            users[r].append(task)
    ready = sorted(t for t, d in indegree.items() if d == 0)
    order = []
    while ready:
        task = ready.pop(0)
        order.append(task)
        for u in users[task]:
            indegree[u] -= 1
            if indegree[u] == 0:
                ready.append(u)
                ready.sort()
    if len(order) != len(indegree):
        raise CycleError(sorted(t for t, d in indegree.items() if d > 0))
    return order


def dfs_topo(graph: dict[int, list[int]]) -> list[int]:
    WHITE, GREY, BLACK = 0, 1, 2
    state = {node: WHITE for node in graph}
    out: list[int] = []

    def visit(node: int) -> None:
        state[node] = GREY
        for nxt in graph.get(node, []):
            s = state.get(nxt, WHITE)
            if s == GREY:
                raise ValueError(f"cycle through {nxt}")
            if s == WHITE:
                visit(nxt)
        state[node] = BLACK
        out.append(node)

    for node in graph:
        if state[node] == WHITE:
            visit(node)
    return out[::-1]


def has_cycle(graph: dict[int, list[int]]) -> bool:
    try:
        dfs_topo(graph)
    except ValueError:
        return True
    return False


def build_levels(deps: dict[str, list[str]]) -> list[list[str]]:
    """Group tasks into levels that can run in parallel."""
    level: dict[str, int] = {}

    def depth(task: str, stack: tuple[str, ...] = ()) -> int:
        if task in stack:
            raise CycleError(list(stack))
        if task not in level:
            level[task] = 1 + max((depth(d, stack + (task,)) for d in deps.get(task, [])), default=-1)
        return level[task]

    for t in deps:
        depth(t)
    grouped: dict[int, list[str]] = {}
    for t, lv in level.items():
        grouped.setdefault(lv, []).append(t)
    return [sorted(grouped[k]) for k in sorted(grouped)]


def course_schedule(num_courses: int, prerequisites: list[tuple[int, int]]) -> bool:
    graph: list[list[int]] = [[] for _ in range(num_courses)]
    indeg = [0] * num_courses
    for course, pre in prerequisites:
        graph[pre].append(course)
        indeg[course] += 1
    queue = deque(i for i in range(num_courses) if indeg[i] == 0)
    taken = 0
    while queue:
        c = queue.popleft()
        taken += 1
        for nxt in graph[c]:
            indeg[nxt] -= 1
            if indeg[nxt] == 0:
                queue.append(nxt)
    return taken == num_courses


def alien_order(words: list[str]) -> str:
    letters = {c for w in words for c in w}
    edges: dict[str, set[str]] = {c: set() for c in letters}
    for a, b in zip(words, words[1:]):
        for x, y in zip(a, b):
            if x != y:
                edges[x].add(y)
                break
        else:
            if len(a) > len(b):
                return ""
    deps = {c: sorted(p for p in letters if c in edges[p]) for c in letters}
    try:
        return "".join(kahn(deps))
    except CycleError:
        return ""
