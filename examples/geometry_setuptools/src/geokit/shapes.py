"""Polygons and routes: lists and classes, so this module stays plain Python.

It is not marked in `[tool.portalis]`; the heavy lifting is done by the
kernels in `geokit.kernels`, which run in WebAssembly in a Portalis-built wheel.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from .kernels import numeric, planar

Point = tuple[int, int]


@dataclass(frozen=True)
class LatticePolygon:
    """A simple polygon with integer vertices, in order."""

    vertices: tuple[Point, ...]

    def __post_init__(self) -> None:
        if len(self.vertices) < 3:
            raise ValueError("a polygon needs at least 3 vertices")

    def twice_area(self) -> int:
        """Shoelace formula: exact, as an integer."""
        total = 0
        n = len(self.vertices)
        for i in range(n):
            x1, y1 = self.vertices[i]
            x2, y2 = self.vertices[(i + 1) % n]
            total += x1 * y2 - x2 * y1
        return abs(total)

    def area(self) -> float:
        return self.twice_area() / 2

    def boundary_points(self) -> int:
        n = len(self.vertices)
        total = 0
        for i in range(n):
            ax, ay = self.vertices[i]
            bx, by = self.vertices[(i + 1) % n]
            total += planar.lattice_points_on_segment(ax, ay, bx, by) - 1
        return total

    def interior_points(self) -> int:
        return planar.interior_lattice_points(self.twice_area(), self.boundary_points())

    def is_convex(self) -> bool:
        n = len(self.vertices)
        turns = set()
        for i in range(n):
            a, b, c = self.vertices[i], self.vertices[(i + 1) % n], self.vertices[(i + 2) % n]
            turn = planar.orientation(*a, *b, *c)
            if turn:
                turns.add(turn)
        return len(turns) <= 1

    def self_intersects(self) -> bool:
        n = len(self.vertices)
        edges = [(self.vertices[i], self.vertices[(i + 1) % n]) for i in range(n)]
        for i in range(n):
            for j in range(i + 2, n):
                if i == 0 and j == n - 1:
                    continue  # neighbours through the closing edge
                (a, b), (c, d) = edges[i], edges[j]
                if planar.segments_intersect(*a, *b, *c, *d):
                    return True
        return False


def route_length_km(stops: Sequence[tuple[float, float]]) -> float:
    """Length of a route through (lat, lon) stops along great circles."""
    return sum(
        numeric.haversine_km(a[0], a[1], b[0], b[1]) for a, b in itertools.pairwise(stops)
    )
