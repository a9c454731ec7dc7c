import math

import pytest
import vectors


def test_basics() -> None:
    V = vectors.Vector
    v = V(1, 2)
    assert repr(v) == "Vector(1.0, 2.0)"
    assert len(v) == 2
    assert list(v) == [1.0, 2.0]
    assert v[1] == 2.0
    assert v[-1] == 2.0
    with pytest.raises(IndexError):
        v[2]
    with pytest.raises(ValueError, match="at least one"):
        V()


def test_arithmetic() -> None:
    V = vectors.Vector
    assert V(1, 2) + V(3, 4) == V(4, 6)
    assert V(1, 2) - V(3, 4) == V(-2, -2)
    assert V(1, 2) * 3 == V(3, 6)
    assert 2 * V(1, 2) == V(2, 4)
    assert V(1, 2) / 2 == V(0.5, 1.0)
    assert -V(1, -1) == V(-1, 1)
    assert abs(V(3, 4)) == 5.0
    assert not V(0, 0)
    assert V(0, 1)
    with pytest.raises(ValueError, match="dimension mismatch: 2 != 3"):
        V(1, 2) + V(1, 2, 3)


def test_products() -> None:
    V = vectors.Vector
    assert V(1, 2, 3).dot(V(4, 5, 6)) == 32.0
    assert V(1, 0, 0).cross(V(0, 1, 0)) == V(0, 0, 1)
    with pytest.raises(ValueError, match="3-D"):
        V(1, 2).cross(V(3, 4))


def test_normalize_angle_projection() -> None:
    V = vectors.Vector
    assert V(3, 4).normalized() == V(0.6, 0.8)
    with pytest.raises(ZeroDivisionError):
        V(0, 0).normalized()
    assert V(1, 0).angle_to(V(0, 1)) == pytest.approx(math.pi / 2)
    assert V(1, 1).angle_to(V(2, 2)) == pytest.approx(0.0, abs=1e-7)
    assert V(2, 3).project_onto(V(1, 0)) == V(2, 0)


def test_hashable() -> None:
    V = vectors.Vector
    assert len({V(1, 2), V(1.0, 2.0), V(2, 1)}) == 2


def test_centroid() -> None:
    V = vectors.Vector
    assert vectors.centroid([V(0, 0), V(2, 0), V(1, 3)]) == V(1, 1)
    with pytest.raises(ValueError):
        vectors.centroid([])


def test_gram_schmidt() -> None:
    V = vectors.Vector
    basis = vectors.gram_schmidt([V(1, 1, 0), V(1, 0, 0), V(2, 2, 0)])
    assert len(basis) == 2
    assert basis[0].dot(basis[1]) == pytest.approx(0.0, abs=1e-12)
    assert abs(basis[1]) == pytest.approx(1.0)
