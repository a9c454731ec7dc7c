"""Roman numerals, both directions, with validation."""

from __future__ import annotations

NUMERALS = [
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"),
    (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
    (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
]

VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def to_roman(number: int) -> str:
    if not isinstance(number, int) or isinstance(number, bool):
        raise TypeError(f"expected int, got {type(number).__name__}")
    if not 0 < number < 4000:
        raise ValueError(f"{number} is out of range (1..3999)")
    parts = []
    for value, symbol in NUMERALS:
        count, number = divmod(number, value)
        parts.append(symbol * count)
    return "".join(parts)


def from_roman(numeral: str) -> int:
    if not numeral:
        raise ValueError("empty numeral")
    total = 0
    prev = 0
    for ch in reversed(numeral.upper()):
        if ch not in VALUES:
            raise ValueError(f"invalid roman digit: {ch!r}")
        value = VALUES[ch]
        if value < prev:
            total -= value
        else:
            total += value
            prev = value
    if to_roman(total) != numeral.upper():
        raise ValueError(f"non-canonical numeral: {numeral}")
    return total


def is_valid_roman(numeral: str) -> bool:
    try:
        from_roman(numeral)
    except ValueError:
        return False
    return True


def roman_sum(a: str, b: str) -> str:
    return to_roman(from_roman(a) + from_roman(b))


def roman_range(start: int, stop: int) -> list[str]:
    return [to_roman(n) for n in range(start, stop)]
