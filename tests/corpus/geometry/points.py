"""Points as dataclasses, and algorithms over point sets."""

from __future__ import annotations

import math
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Point:
    x: float
    y: float

    def distance_to(self, other: Point) -> float:
        return math.hypot(self.x - other.x, self.y - other.y)

    def manhattan(self, other: Point) -> float:
        return abs(self.x - other.x) + abs(self.y - other.y)

    def translate(self, dx: float, dy: float) -> Point:
        return Point(self.x + dx, self.y + dy)

    def rotate(self, degrees: float) -> Point:
        rad = math.radians(degrees)
        c, s = math.cos(rad), math.sin(rad)
        return Point(round(self.x * c - self.y * s, 12), round(self.x * s + self.y * c, 12))


@dataclass
class PointCloud:
    name: str
    points: list[Point] = field(default_factory=list)

    def add(self, p: Point) -> None:
        self.points.append(p)

    def centroid(self) -> Point:
        if not self.points:
            raise ValueError(f"{self.name}: no points")
        n = len(self.points)
        return Point(sum(p.x for p in self.points) / n, sum(p.y for p in self.points) / n)

    def bounding_box(self) -> tuple[Point, Point]:
        xs = [p.x for p in self.points]
        ys = [p.y for p in self.points]
        return Point(min(xs), min(ys)), Point(max(xs), max(ys))


def closest_pair(points: list[Point]) -> tuple[Point, Point]:
    if len(points) < 2:
        raise ValueError("need at least two points")
    best = (points[0], points[1])
    best_d = points[0].distance_to(points[1])
    for i in range(len(points)):
        for j in range(i + 1, len(points)):
            d = points[i].distance_to(points[j])
            if d < best_d:
                best, best_d = (points[i], points[j]), d
    return best


def farthest_from_origin(points: list[Point]) -> Point:
    origin = Point(0.0, 0.0)
    return max(points, key=origin.distance_to)


def k_nearest(points: list[Point], target: Point, k: int) -> list[Point]:
    return sorted(points, key=lambda p: (p.distance_to(target), p))[:k]


def path_length(path: list[Point]) -> float:
    return sum(a.distance_to(b) for a, b in zip(path, path[1:]))


def quadrant(p: Point) -> int:
    if p.x == 0 or p.y == 0:
        return 0
    if p.x > 0:
        return 1 if p.y > 0 else 4
    return 2 if p.y > 0 else 3
