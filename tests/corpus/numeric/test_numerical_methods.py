import math

import numerical_methods as nm
import pytest


def test_bisection() -> None:
    root = nm.bisection(lambda x: x * x - 2, 0.0, 2.0)
    assert root == pytest.approx(math.sqrt(2), abs=1e-9)
    assert nm.bisection(lambda x: x, -1.0, 1.0) == 0.0
    with pytest.raises(ValueError, match="opposite signs"):
        nm.bisection(lambda x: x * x + 1, -1.0, 1.0)


def test_secant() -> None:
    assert nm.secant(math.cos, 0.0, 1.0) == pytest.approx(math.pi / 2)
    assert nm.secant(lambda x: 3.0, 0.0, 1.0) == 1.0


def test_trapezoid_simpson() -> None:
    assert nm.trapezoid(lambda x: x, 0.0, 1.0, 10) == pytest.approx(0.5)
    assert nm.simpson(math.sin, 0.0, math.pi) == pytest.approx(2.0, abs=1e-7)
    assert nm.simpson(lambda x: x**3, 0.0, 2.0, 2) == 4.0
    with pytest.raises(ValueError, match="even number"):
        nm.simpson(math.sin, 0.0, 1.0, 3)
    with pytest.raises(ValueError):
        nm.trapezoid(math.sin, 0.0, 1.0, 0)


def test_ode() -> None:
    assert nm.euler(lambda t, y: y, 1.0, 0.0, 1.0, 1000) == pytest.approx(math.e, rel=1e-3)
    assert nm.rk4(lambda t, y: y, 1.0, 0.0, 1.0, 100) == pytest.approx(math.e, rel=1e-9)
    with pytest.raises(ZeroDivisionError):
        nm.rk4(lambda t, y: y, 1.0, 0.0, 1.0, 0)


def test_sqrt_newton() -> None:
    for x in [0.0, 1e-10, 0.25, 2.0, 1e10, 123456.789]:
        assert nm.sqrt_newton(x) == pytest.approx(math.sqrt(x), rel=1e-14)
    with pytest.raises(ValueError, match="math domain error"):
        nm.sqrt_newton(-1.0)


def test_series() -> None:
    assert nm.exp_series(1.0) == pytest.approx(math.e)
    assert nm.exp_series(0.0) == 1.0
    assert nm.pi_leibniz(1000) == pytest.approx(math.pi, abs=1e-2)
    assert nm.pi_leibniz(0) == 0


def test_golden_section() -> None:
    assert nm.golden_section_min(lambda x: (x - 1.5) ** 2, 0.0, 4.0) == pytest.approx(1.5, abs=1e-6)
