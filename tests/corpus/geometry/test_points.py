import dataclasses

import points
import pytest


def P(x: float, y: float) -> "points.Point":
    return points.Point(x, y)


def test_point_basics() -> None:
    a = P(0.0, 0.0)
    b = P(3.0, 4.0)
    assert a.distance_to(b) == 5.0
    assert a.manhattan(b) == 7.0
    assert a.translate(1.0, -1.0) == P(1.0, -1.0)
    assert P(1.0, 0.0).rotate(90) == P(0.0, 1.0)
    assert repr(b) == "Point(x=3.0, y=4.0)"
    assert P(1.0, 2.0) < P(1.0, 3.0) < P(2.0, 0.0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        b.x = 1.0  # type: ignore[misc]
    assert hash(P(1.0, 2.0)) == hash(P(1.0, 2.0))


def test_point_cloud() -> None:
    cloud = points.PointCloud("demo")
    assert cloud.points == []
    cloud.add(P(0.0, 0.0))
    cloud.add(P(4.0, 0.0))
    cloud.add(P(2.0, 6.0))
    assert cloud.centroid() == P(2.0, 2.0)
    assert cloud.bounding_box() == (P(0.0, 0.0), P(4.0, 6.0))
    assert points.PointCloud("x") == points.PointCloud("x", [])
    with pytest.raises(ValueError, match="empty: no points"):
        points.PointCloud("empty").centroid()
    with pytest.raises(ValueError):
        points.PointCloud("empty").bounding_box()


def test_closest_pair() -> None:
    pts = [P(0.0, 0.0), P(5.0, 5.0), P(1.0, 1.0), P(5.5, 5.0)]
    assert points.closest_pair(pts) == (P(5.0, 5.0), P(5.5, 5.0))
    with pytest.raises(ValueError):
        points.closest_pair([P(0.0, 0.0)])


def test_queries() -> None:
    pts = [P(1.0, 1.0), P(-3.0, 0.0), P(2.0, 2.0), P(0.0, -1.0)]
    assert points.farthest_from_origin(pts) == P(-3.0, 0.0)
    assert points.k_nearest(pts, P(0.0, 0.0), 2) == [P(0.0, -1.0), P(1.0, 1.0)]
    assert points.path_length([P(0.0, 0.0), P(3.0, 4.0), P(3.0, 0.0)]) == 9.0
    assert points.path_length([]) == 0
    assert [points.quadrant(p) for p in pts] == [1, 0, 1, 0]
    assert points.quadrant(P(-1.0, -1.0)) == 3
