import math

import pytest
import shapes


def test_circle() -> None:
    c = shapes.Circle(2.0)
    assert c.area() == math.pi * 4
    assert c.perimeter() == 4 * math.pi
    assert c.describe() == "circle with area 12.57 and perimeter 12.57"
    with pytest.raises(ValueError):
        shapes.Circle(-1.0)


def test_rectangle_square() -> None:
    r = shapes.Rectangle(3.0, 4.0)
    assert r.area() == 12.0
    assert r.perimeter() == 14.0
    assert not r.is_square()
    s = shapes.Square(2.5)
    assert s.is_square()
    assert isinstance(s, shapes.Rectangle)
    assert s.area() == 6.25
    assert repr(s) == "Square(2.5)"
    assert repr(r) == "Rectangle(3.0, 4.0)"
    assert s.describe().startswith("square")


def test_triangle() -> None:
    t = shapes.Triangle(3.0, 4.0, 5.0)
    assert t.area() == 6.0
    assert t.kind() == "scalene"
    assert shapes.Triangle(2.0, 2.0, 2.0).kind() == "equilateral"
    assert shapes.Triangle(2.0, 2.0, 3.0).kind() == "isosceles"
    with pytest.raises(ValueError, match="invalid triangle sides: 1.0, 2.0, 3.0"):
        shapes.Triangle(1.0, 2.0, 3.0)


def test_abstract() -> None:
    with pytest.raises(TypeError):
        shapes.Shape()  # type: ignore[abstract]


def test_collections() -> None:
    items: list[shapes.Shape] = [shapes.Circle(1.0), shapes.Square(2.0), shapes.Rectangle(1.0, 2.0), shapes.Triangle(3.0, 4.0, 5.0)]
    assert shapes.total_area(items) == pytest.approx(math.pi + 4 + 2 + 6)
    assert shapes.largest(items) is items[3]
    assert shapes.count_by_kind(items) == {"circle": 1, "square": 1, "rectangle": 1, "triangle": 1}
    assert [repr(s) for s in sorted(items)][:2] == ["Rectangle(1.0, 2.0)", "Circle(1.0)"]
    scaled = shapes.scale_all(items, 2.0)
    assert [round(s.area(), 6) for s in scaled] == [round(4 * s.area(), 6) for s in items]
    assert type(scaled[1]) is shapes.Square
    with pytest.raises(ValueError):
        shapes.largest([])
