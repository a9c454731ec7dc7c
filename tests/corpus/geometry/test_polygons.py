import polygons as pg
import pytest

SQUARE = [(0.0, 0.0), (4.0, 0.0), (4.0, 4.0), (0.0, 4.0)]


def test_area() -> None:
    assert pg.area(SQUARE) == 16.0
    assert pg.signed_area(SQUARE) == 16.0
    assert pg.signed_area(SQUARE[::-1]) == -16.0
    assert pg.is_clockwise(SQUARE[::-1])
    assert pg.area([(0.0, 0.0), (1.0, 0.0), (0.0, 1.0)]) == 0.5
    assert pg.area([]) == 0.0


def test_perimeter() -> None:
    assert pg.perimeter(SQUARE) == 16.0
    assert pg.perimeter([(0.0, 0.0), (3.0, 0.0), (3.0, 4.0)]) == 12.0


def test_convex_hull() -> None:
    pts = [(0.0, 0.0), (1.0, 1.0), (2.0, 2.0), (2.0, 0.0), (0.0, 2.0), (1.0, 0.5), (2.0, 0.0)]
    assert pg.convex_hull(pts) == [(0.0, 0.0), (2.0, 0.0), (2.0, 2.0), (0.0, 2.0)]
    assert pg.convex_hull([(1.0, 1.0)]) == [(1.0, 1.0)]
    assert pg.convex_hull([]) == []


def test_point_in_polygon() -> None:
    assert pg.point_in_polygon((2.0, 2.0), SQUARE)
    assert not pg.point_in_polygon((5.0, 2.0), SQUARE)
    assert not pg.point_in_polygon((2.0, -0.1), SQUARE)


def test_is_convex() -> None:
    assert pg.is_convex(SQUARE)
    assert not pg.is_convex([(0.0, 0.0), (4.0, 0.0), (1.0, 1.0), (0.0, 4.0)])
    assert not pg.is_convex([(0.0, 0.0), (1.0, 1.0)])


def test_segments_intersect() -> None:
    assert pg.segments_intersect((0.0, 0.0), (4.0, 4.0), (0.0, 4.0), (4.0, 0.0))
    assert not pg.segments_intersect((0.0, 0.0), (1.0, 1.0), (2.0, 2.0), (3.0, 3.0))
    assert pg.segments_intersect((0.0, 0.0), (2.0, 2.0), (2.0, 2.0), (3.0, 0.0))
    assert not pg.segments_intersect((0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0))


def test_centroid() -> None:
    assert pg.centroid(SQUARE) == (2.0, 2.0)
    with pytest.raises(ZeroDivisionError):
        pg.centroid([(0.0, 0.0), (1.0, 1.0), (2.0, 2.0)])
