import matrix_ops as mo
import pytest

A = [[1.0, 2.0], [3.0, 4.0]]
B = [[0.0, 1.0], [1.0, 0.0]]


def test_shape_identity_transpose() -> None:
    assert mo.shape([[1.0, 2.0, 3.0]]) == (1, 3)
    assert mo.shape([]) == (0, 0)
    assert mo.identity(2) == [[1.0, 0.0], [0.0, 1.0]]
    assert mo.transpose([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]) == [[1.0, 4.0], [2.0, 5.0], [3.0, 6.0]]


def test_add_scale() -> None:
    assert mo.add(A, B) == [[1.0, 3.0], [4.0, 4.0]]
    assert mo.scale(A, 0.5) == [[0.5, 1.0], [1.5, 2.0]]
    with pytest.raises(ValueError, match=r"shape mismatch: \(2, 2\) vs \(1, 2\)"):
        mo.add(A, [[1.0, 2.0]])


def test_matmul() -> None:
    assert mo.matmul(A, B) == [[2.0, 1.0], [4.0, 3.0]]
    assert mo.matmul(A, mo.identity(2)) == A
    assert mo.matmul([[1.0, 2.0, 3.0]], [[1.0], [2.0], [3.0]]) == [[14.0]]
    with pytest.raises(ValueError, match="cannot multiply 2x2 by 1x2"):
        mo.matmul(A, [[1.0, 2.0]])


def test_determinant() -> None:
    assert mo.determinant(A) == pytest.approx(-2.0)
    assert mo.determinant([[2.0, 0.0, 0.0], [0.0, 3.0, 0.0], [0.0, 0.0, 4.0]]) == 24.0
    assert mo.determinant([[1.0, 2.0], [2.0, 4.0]]) == 0.0
    assert mo.determinant([]) == 1.0
    with pytest.raises(ValueError, match="square"):
        mo.determinant([[1.0, 2.0]])


def test_inverse() -> None:
    inv = mo.inverse(A)
    assert inv == [[pytest.approx(-2.0), pytest.approx(1.0)], [pytest.approx(1.5), pytest.approx(-0.5)]]
    with pytest.raises(ZeroDivisionError, match="singular"):
        mo.inverse([[1.0, 2.0], [2.0, 4.0]])


def test_trace_pow() -> None:
    assert mo.trace(A) == 5.0
    fib = mo.mat_pow([[1.0, 1.0], [1.0, 0.0]], 10)
    assert fib[0][1] == 55.0
    assert mo.mat_pow(A, 0) == mo.identity(2)
    back = mo.matmul(mo.mat_pow(A, -1), A)
    assert back[0][0] == pytest.approx(1.0)


def test_solve() -> None:
    x = mo.solve([[2.0, 1.0], [1.0, 3.0]], [3.0, 5.0])
    assert x == [pytest.approx(0.8), pytest.approx(1.4)]


def test_format_matrix() -> None:
    assert mo.format_matrix(A) == "1.00 2.00\n3.00 4.00"
    assert mo.format_matrix([[1.0, -10.5]], 1) == "  1.0 -10.5"
    assert mo.format_matrix([]) == ""
