"""Disjoint-set union with path compression and union by size."""

from __future__ import annotations


class DisjointSet:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.size = [1] * n
        self.components = n

    def find(self, x: int) -> int:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]
        self.components -= 1
        return True

    def connected(self, a: int, b: int) -> bool:
        return self.find(a) == self.find(b)

    def component_size(self, x: int) -> int:
        return self.size[self.find(x)]

    def groups(self) -> list[list[int]]:
        by_root: dict[int, list[int]] = {}
        for x in range(len(self.parent)):
            by_root.setdefault(self.find(x), []).append(x)
        return sorted(by_root.values())


def count_components(n: int, edges: list[tuple[int, int]]) -> int:
    ds = DisjointSet(n)
    for a, b in edges:
        ds.union(a, b)
    return ds.components


def redundant_edge(edges: list[tuple[int, int]]) -> tuple[int, int] | None:
    n = max((max(e) for e in edges), default=0) + 1
    ds = DisjointSet(n)
    for a, b in edges:
        if not ds.union(a, b):
            return a, b
    return None


def accounts_merge(accounts: list[list[str]]) -> list[list[str]]:
    """accounts: [name, email, email, ...]; merge those sharing any email."""
    ds = DisjointSet(len(accounts))
    owner: dict[str, int] = {}
    for i, acct in enumerate(accounts):
        for email in acct[1:]:
            if email in owner:
                ds.union(i, owner[email])
            else:
                owner[email] = i
    merged: dict[int, set[str]] = {}
    for email, i in owner.items():
        merged.setdefault(ds.find(i), set()).add(email)
    return sorted([accounts[root][0]] + sorted(emails) for root, emails in merged.items())


def largest_island(grid: list[list[int]]) -> int:
    rows = len(grid)
    cols = len(grid[0]) if rows else 0
    ds = DisjointSet(rows * cols)
    best = 0
    for r in range(rows):
        for c in range(cols):
            if grid[r][c] != 1:
                continue
            if r + 1 < rows and grid[r + 1][c] == 1:
                ds.union(r * cols + c, (r + 1) * cols + c)
            if c + 1 < cols and grid[r][c + 1] == 1:
                ds.union(r * cols + c, r * cols + c + 1)
    for r in range(rows):
        for c in range(cols):
            if grid[r][c] == 1:
                best = max(best, ds.component_size(r * cols + c))
    return best
