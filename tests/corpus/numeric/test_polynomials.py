import polynomials as poly
import pytest


def test_trim_degree() -> None:
    assert poly.trim([1.0, 0.0, 0.0]) == [1.0]
    assert poly.degree([1.0, 2.0, 3.0]) == 2
    assert poly.degree([0.0]) == -1
    assert poly.degree([]) == -1


def test_evaluate() -> None:
    assert poly.evaluate([1.0, 2.0, 3.0], 2.0) == 17.0
    assert poly.evaluate([], 5.0) == 0.0
    assert poly.evaluate([0.1, 0.2], 3.0) == 0.2 * 3.0 + 0.1


def test_add_multiply() -> None:
    assert poly.add([1.0, 2.0], [3.0, 4.0, 5.0]) == [4.0, 6.0, 5.0]
    assert poly.add([1.0, 2.0], [-1.0, -2.0]) == []
    assert poly.multiply([1.0, 1.0], [1.0, 1.0]) == [1.0, 2.0, 1.0]
    assert poly.multiply([], [1.0]) == []


def test_derivative_integral() -> None:
    assert poly.derivative([5.0, 3.0, 2.0]) == [3.0, 4.0]
    assert poly.derivative([7.0]) == []
    assert poly.integral([3.0, 4.0], 5.0) == [5.0, 3.0, 2.0]


def test_divide() -> None:
    q, r = poly.divide([-4.0, 0.0, -2.0, 1.0], [-3.0, 1.0])
    assert q == [3.0, 1.0, 1.0]
    assert r == [5.0]
    assert poly.divide([1.0], [1.0, 1.0]) == ([], [1.0])
    with pytest.raises(ZeroDivisionError, match="polynomial division by zero"):
        poly.divide([1.0], [0.0])


def test_to_string() -> None:
    assert poly.to_string([1.0, -2.0, 3.0]) == "3x^2 - 2x + 1"
    assert poly.to_string([0.0, 1.0]) == "x"
    assert poly.to_string([-1.0, 0.0, -1.0], "t") == "-t^2 - 1"
    assert poly.to_string([0.5, 0.25]) == "0.25x + 0.5"
    assert poly.to_string([]) == "0"


def test_newton_root() -> None:
    root = poly.newton_root([-2.0, 0.0, 1.0], 1.0)
    assert root == pytest.approx(2**0.5)
    with pytest.raises(ArithmeticError, match="zero derivative at x=0.0"):
        poly.newton_root([1.0, 0.0, 1.0], 0.0)
    with pytest.raises(ArithmeticError, match="did not converge"):
        poly.newton_root([1.0, 0.0, 1.0], 0.5, max_iter=5)


def test_from_roots() -> None:
    assert poly.from_roots([1.0, 2.0]) == [2.0, -3.0, 1.0]
    assert poly.from_roots([]) == [1.0]
