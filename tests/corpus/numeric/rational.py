"""An exact rational number type, the way people write one by hand."""

from __future__ import annotations

from math import gcd


class Rational:
    __slots__ = ("num", "den")

    def __init__(self, num: int, den: int = 1) -> None:
        if den == 0:
            raise ZeroDivisionError("Rational(%d, 0)" % num)
        if den < 0:
            num, den = -num, -den
        g = gcd(num, den)
        self.num = num // g
        self.den = den // g

    def __repr__(self) -> str:
        return f"Rational({self.num}, {self.den})"

    def __str__(self) -> str:
        return str(self.num) if self.den == 1 else f"{self.num}/{self.den}"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, int):
            return self.den == 1 and self.num == other
        if not isinstance(other, Rational):
            return NotImplemented
        return self.num == other.num and self.den == other.den

    def __hash__(self) -> int:
        return hash((self.num, self.den))

    def __lt__(self, other: Rational) -> bool:
        return self.num * other.den < other.num * self.den

    def __le__(self, other: Rational) -> bool:
        return self.num * other.den <= other.num * self.den

    def __add__(self, other: Rational | int) -> Rational:
        if isinstance(other, int):
            other = Rational(other)
        return Rational(self.num * other.den + other.num * self.den, self.den * other.den)

    __radd__ = __add__

    def __neg__(self) -> Rational:
        return Rational(-self.num, self.den)

    def __sub__(self, other: Rational | int) -> Rational:
        return self + (-other)

    def __mul__(self, other: Rational | int) -> Rational:
        if isinstance(other, int):
            other = Rational(other)
        return Rational(self.num * other.num, self.den * other.den)

    def __truediv__(self, other: Rational | int) -> Rational:
        if isinstance(other, int):
            other = Rational(other)
        return Rational(self.num * other.den, self.den * other.num)

    def __float__(self) -> float:
        return self.num / self.den

    def reciprocal(self) -> Rational:
        return Rational(self.den, self.num)

    def is_integer(self) -> bool:
        return self.den == 1


def parse_rational(text: str) -> Rational:
    if "/" in text:
        num, _, den = text.partition("/")
        return Rational(int(num), int(den))
    return Rational(int(text))


def harmonic(n: int) -> Rational:
    total = Rational(0)
    for k in range(1, n + 1):
        total = total + Rational(1, k)
    return total


def continued_fraction(r: Rational) -> list[int]:
    terms = []
    num, den = r.num, r.den
    while den:
        q = num // den
        terms.append(q)
        num, den = den, num - q * den
    return terms


def from_continued_fraction(terms: list[int]) -> Rational:
    if not terms:
        raise ValueError("empty continued fraction")
    value = Rational(terms[-1])
    for t in reversed(terms[:-1]):
        value = value.reciprocal() + t
    return value


def egyptian(r: Rational) -> list[int]:
    """Greedy Egyptian fraction expansion of 0 < r < 1: denominators."""
    if not Rational(0) < r < Rational(1):
        raise ValueError("need 0 < r < 1")
    dens = []
    while r.num != 0:
        d = -(-r.den // r.num)
        dens.append(d)
        r = r - Rational(1, d)
    return dens
