"""A small class hierarchy: shapes with overridden area/perimeter, summed over a generated list."""

from __future__ import annotations


class Shape:
    def __init__(self, name: str) -> None:
        self.name = name

    def area(self) -> float:
        return 0.0

    def perimeter(self) -> float:
        return 0.0


class Rect(Shape):
    def __init__(self, w: float, h: float) -> None:
        super().__init__("rect")
        self.w = w
        self.h = h

    def area(self) -> float:
        return self.w * self.h

    def perimeter(self) -> float:
        return 2.0 * (self.w + self.h)


class Square(Rect):
    def __init__(self, side: float) -> None:
        super().__init__(side, side)
        self.name = "square"


class Circle(Shape):
    def __init__(self, r: float) -> None:
        super().__init__("circle")
        self.r = r

    def area(self) -> float:
        return 3.141592653589793 * self.r * self.r

    def perimeter(self) -> float:
        return 2.0 * 3.141592653589793 * self.r


def run(n: int) -> tuple[float, float, int]:
    shapes: list[Shape] = []
    state = 5
    for _ in range(n):
        state = (state * 1103515245 + 12345) % 2147483648
        size = 1.0 + (state >> 16) % 100 / 10.0
        kind = state % 3
        if kind == 0:
            shapes.append(Rect(size, size / 2.0))
        elif kind == 1:
            shapes.append(Square(size))
        else:
            shapes.append(Circle(size))
    area = 0.0
    perimeter = 0.0
    squares = 0
    for s in shapes:
        area += s.area()
        perimeter += s.perimeter()
        if s.name == "square":
            squares += 1
    return area, perimeter, squares
