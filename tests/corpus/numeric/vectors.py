"""An immutable 2-D / 3-D vector class with operator overloading."""

from __future__ import annotations

import math
from typing import Iterator


class Vector:
    def __init__(self, *components: float) -> None:
        if not components:
            raise ValueError("a vector needs at least one component")
        self._c = tuple(float(c) for c in components)

    def __repr__(self) -> str:
        return "Vector(" + ", ".join(repr(c) for c in self._c) + ")"

    def __len__(self) -> int:
        return len(self._c)

    def __iter__(self) -> Iterator[float]:
        return iter(self._c)

    def __getitem__(self, i: int) -> float:
        return self._c[i]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Vector) and self._c == other._c

    def __hash__(self) -> int:
        return hash(self._c)

    def _check(self, other: Vector) -> None:
        if len(self) != len(other):
            raise ValueError(f"dimension mismatch: {len(self)} != {len(other)}")

    def __add__(self, other: Vector) -> Vector:
        self._check(other)
        return Vector(*(a + b for a, b in zip(self, other)))

    def __sub__(self, other: Vector) -> Vector:
        self._check(other)
        return Vector(*(a - b for a, b in zip(self, other)))

    def __mul__(self, k: float) -> Vector:
        return Vector(*(a * k for a in self))

    __rmul__ = __mul__

    def __truediv__(self, k: float) -> Vector:
        return Vector(*(a / k for a in self))

    def __neg__(self) -> Vector:
        return self * -1

    def __abs__(self) -> float:
        return math.sqrt(sum(a * a for a in self))

    def __bool__(self) -> bool:
        return any(self._c)

    def dot(self, other: Vector) -> float:
        self._check(other)
        return sum(a * b for a, b in zip(self, other))

    def cross(self, other: Vector) -> Vector:
        if len(self) != 3 or len(other) != 3:
            raise ValueError("cross product needs 3-D vectors")
        a1, a2, a3 = self
        b1, b2, b3 = other
        return Vector(a2 * b3 - a3 * b2, a3 * b1 - a1 * b3, a1 * b2 - a2 * b1)

    def normalized(self) -> Vector:
        length = abs(self)
        if length == 0:
            raise ZeroDivisionError("cannot normalise the zero vector")
        return self / length

    def angle_to(self, other: Vector) -> float:
        cos = self.dot(other) / (abs(self) * abs(other))
        return math.acos(max(-1.0, min(1.0, cos)))

    def project_onto(self, other: Vector) -> Vector:
        return other * (self.dot(other) / other.dot(other))


def centroid(vectors: list[Vector]) -> Vector:
    if not vectors:
        raise ValueError("no vectors")
    total = vectors[0]
    for v in vectors[1:]:
        total = total + v
    return total / len(vectors)


def gram_schmidt(vectors: list[Vector]) -> list[Vector]:
    basis: list[Vector] = []
    for v in vectors:
        w = v
        for b in basis:
            w = w - w.project_onto(b)
        if abs(w) > 1e-10:
            basis.append(w.normalized())
    return basis
