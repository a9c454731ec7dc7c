"""A small class hierarchy of 2-D shapes."""

from __future__ import annotations

import math
from abc import ABC, abstractmethod


class Shape(ABC):
    name = "shape"

    @abstractmethod
    def area(self) -> float: ...

    @abstractmethod
    def perimeter(self) -> float: ...

    def describe(self) -> str:
        return f"{self.name} with area {self.area():.2f} and perimeter {self.perimeter():.2f}"

    def __lt__(self, other: Shape) -> bool:
        return self.area() < other.area()


class Circle(Shape):
    name = "circle"

    def __init__(self, radius: float) -> None:
        if radius < 0:
            raise ValueError("radius must be non-negative")
        self.radius = radius

    def area(self) -> float:
        return math.pi * self.radius**2

    def perimeter(self) -> float:
        return 2 * math.pi * self.radius

    def __repr__(self) -> str:
        return f"Circle({self.radius})"


class Rectangle(Shape):
    name = "rectangle"

    def __init__(self, width: float, height: float) -> None:
        if width < 0 or height < 0:
            raise ValueError("sides must be non-negative")
        self.width = width
        self.height = height

    def area(self) -> float:
        return self.width * self.height

    def perimeter(self) -> float:
        return 2 * (self.width + self.height)

    def is_square(self) -> bool:
        return self.width == self.height

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.width}, {self.height})"


class Square(Rectangle):
    name = "square"

    def __init__(self, side: float) -> None:
        super().__init__(side, side)

    def __repr__(self) -> str:
        return f"Square({self.width})"


class Triangle(Shape):
    name = "triangle"

    def __init__(self, a: float, b: float, c: float) -> None:
        sides = sorted([a, b, c])
        if sides[0] <= 0 or sides[0] + sides[1] <= sides[2]:
            raise ValueError(f"invalid triangle sides: {a}, {b}, {c}")
        self.a, self.b, self.c = a, b, c

    def perimeter(self) -> float:
        return self.a + self.b + self.c

    def area(self) -> float:
        s = self.perimeter() / 2
        return math.sqrt(s * (s - self.a) * (s - self.b) * (s - self.c))

    def kind(self) -> str:
        unique = len({self.a, self.b, self.c})
        return {1: "equilateral", 2: "isosceles", 3: "scalene"}[unique]


def total_area(shapes: list[Shape]) -> float:
    return sum(s.area() for s in shapes)


def largest(shapes: list[Shape]) -> Shape:
    return max(shapes, key=lambda s: s.area())


def count_by_kind(shapes: list[Shape]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for s in shapes:
        counts[s.name] = counts.get(s.name, 0) + 1
    return counts


def scale_all(shapes: list[Shape], factor: float) -> list[Shape]:
    out: list[Shape] = []
    for s in shapes:
        if isinstance(s, Circle):
            out.append(Circle(s.radius * factor))
        elif isinstance(s, Square):
            out.append(Square(s.width * factor))
        elif isinstance(s, Rectangle):
            out.append(Rectangle(s.width * factor, s.height * factor))
        elif isinstance(s, Triangle):
            out.append(Triangle(s.a * factor, s.b * factor, s.c * factor))
        else:
            raise TypeError(f"unknown shape {s!r}")
    return out
