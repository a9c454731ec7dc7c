import pytest
import rational


def test_construct_and_normalise() -> None:
    r = rational.Rational(6, -8)
    assert (r.num, r.den) == (-3, 4)
    assert repr(r) == "Rational(-3, 4)"
    assert str(r) == "-3/4"
    assert str(rational.Rational(4, 2)) == "2"
    with pytest.raises(ZeroDivisionError, match=r"Rational\(1, 0\)"):
        rational.Rational(1, 0)


def test_arithmetic() -> None:
    R = rational.Rational
    assert R(1, 2) + R(1, 3) == R(5, 6)
    assert R(1, 2) - R(1, 3) == R(1, 6)
    assert R(2, 3) * R(3, 4) == R(1, 2)
    assert R(1, 2) / R(1, 4) == 2
    assert 1 + R(1, 2) == R(3, 2)
    assert R(1, 2) + 1 == R(3, 2)
    assert float(R(1, 8)) == 0.125
    assert -R(1, 2) == R(-1, 2)
    with pytest.raises(ZeroDivisionError):
        R(1, 2) / 0


def test_comparisons_and_hash() -> None:
    R = rational.Rational
    assert R(1, 3) < R(1, 2)
    assert R(1, 2) <= R(2, 4)
    assert sorted([R(1, 2), R(1, 3), R(3, 4)]) == [R(1, 3), R(1, 2), R(3, 4)]
    assert len({R(1, 2), R(2, 4), R(3, 6)}) == 1
    assert R(1, 2) != "1/2"
    assert R(2, 1).is_integer()


def test_parse() -> None:
    assert rational.parse_rational("3/9") == rational.Rational(1, 3)
    assert rational.parse_rational("-7") == -7
    with pytest.raises(ValueError):
        rational.parse_rational("a/b")


def test_harmonic() -> None:
    assert rational.harmonic(4) == rational.Rational(25, 12)
    h = rational.harmonic(30)
    assert h.den == 2329089562800
    assert rational.harmonic(0) == 0


def test_continued_fraction() -> None:
    R = rational.Rational
    assert rational.continued_fraction(R(415, 93)) == [4, 2, 6, 7]
    assert rational.from_continued_fraction([4, 2, 6, 7]) == R(415, 93)
    assert rational.continued_fraction(R(-7, 2)) == [-4, 2]
    with pytest.raises(ValueError):
        rational.from_continued_fraction([])


def test_egyptian() -> None:
    R = rational.Rational
    assert rational.egyptian(R(4, 13)) == [4, 18, 468]
    assert rational.egyptian(R(1, 7)) == [7]
    with pytest.raises(ValueError):
        rational.egyptian(R(3, 2))
