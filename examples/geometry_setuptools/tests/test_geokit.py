"""geokit's own tests: they pass on plain CPython and with the WASM build alike.

With GEOKIT_EXPECT_WASM=1 (set by Portalis's integration tests after
installing the Portalis-built wheel) they also insist that the kernels really
run in WebAssembly.
"""

from __future__ import annotations

import math
import os

import pytest
from geokit import LatticePolygon, route_length_km, shapes
from geokit.kernels import numeric, planar


@pytest.mark.skipif(os.environ.get("GEOKIT_EXPECT_WASM") != "1", reason="plain install")
def test_kernels_run_in_wasm() -> None:
    assert set(planar.__portalis__.translated) >= {"orientation", "lattice_points_in_circle"}
    assert set(numeric.__portalis__.translated) >= {"sqrt", "haversine_km", "monte_carlo_pi"}
    assert planar.__portalis__.mode == "wasm"
    assert not hasattr(shapes, "__portalis__")  # not marked: plain Python


@pytest.mark.parametrize("x", [0.0, 1e-300, 0.25, 2.0, 1e10, 1e300])
def test_sqrt(x: float) -> None:
    assert numeric.sqrt(x) == pytest.approx(math.sqrt(x), rel=4e-16)


@pytest.mark.parametrize("x", [-100.0, -3.0, -0.5, 0.0, 0.1, 1.0, 2.5, 7.0, 1000.0])
def test_trig(x: float) -> None:
    assert numeric.sin(x) == pytest.approx(math.sin(x), abs=1e-12)
    assert numeric.cos(x) == pytest.approx(math.cos(x), abs=1e-12)
    assert numeric.atan(x) == pytest.approx(math.atan(x), rel=1e-14, abs=1e-15)


@pytest.mark.parametrize(("y", "x"), [(1.0, 1.0), (1.0, -1.0), (-1.0, -1.0), (0.0, -2.0),
                                      (3.0, 0.0), (-3.0, 0.0), (0.0, 0.0)])
def test_atan2(y: float, x: float) -> None:
    assert numeric.atan2(y, x) == pytest.approx(math.atan2(y, x), abs=1e-15)


def test_errors_keep_their_messages() -> None:
    with pytest.raises(ValueError, match="math domain error"):
        numeric.sqrt(-1.0)
    with pytest.raises(ValueError, match="positive even"):
        numeric.parabola_arc_length(1.0, 0.0, 1.0, 3)
    with pytest.raises(ValueError, match="non-negative"):
        planar.lattice_points_in_circle(-1)


def test_distances_and_curves() -> None:
    london, new_york = (51.5074, -0.1278), (40.7128, -74.0060)
    assert numeric.haversine_km(*london, *new_york) == pytest.approx(5570.2, rel=1e-3)
    assert route_length_km([london, new_york, london]) == pytest.approx(2 * 5570.2, rel=1e-3)
    assert numeric.hypot(3e200, 4e200) == pytest.approx(5e200)
    assert numeric.ellipse_perimeter(1.0, 1.0) == pytest.approx(2 * math.pi)
    assert numeric.ellipse_perimeter(3.0, 1.0) == pytest.approx(13.364893220555, rel=1e-12)
    exact = math.sqrt(17) + math.asinh(4) / 4  # y = x*x on [0, 2]
    assert numeric.parabola_arc_length(1.0, 0.0, 2.0, 2000) == pytest.approx(exact, rel=1e-10)
    assert numeric.monte_carlo_pi(100_000, 7) == pytest.approx(math.pi, abs=0.02)
    assert numeric.monte_carlo_pi(1000, 7) == numeric.monte_carlo_pi(1000, 7)


def test_lattice_geometry() -> None:
    assert [planar.lattice_points_in_circle(r) for r in range(5)] == [1, 5, 13, 29, 49]
    assert planar.lattice_points_in_circle(1000) == 3141549
    assert planar.orientation(0, 0, 1, 0, 0, 1) == 1
    assert planar.segments_intersect(0, 0, 4, 4, 0, 4, 4, 0)
    assert not planar.segments_intersect(0, 0, 1, 1, 2, 2, 3, 5)
    # Exact even where 64-bit products would overflow (falls back to big ints).
    big = 2**40
    assert planar.twice_triangle_area(0, 0, big, 0, 0, big) == big * big
    assert planar.closest_grid_distance2(1, 1, 9, 9, 10, 10) == 8


def test_polygon() -> None:
    square = LatticePolygon(((0, 0), (4, 0), (4, 4), (0, 4)))
    assert square.area() == 16.0
    assert square.boundary_points() == 16
    assert square.interior_points() == 9
    assert square.is_convex() and not square.self_intersects()
    bowtie = LatticePolygon(((0, 0), (4, 4), (4, 0), (0, 4)))
    assert bowtie.self_intersects()
    with pytest.raises(ValueError):
        LatticePolygon(((0, 0), (1, 1)))
