"""Converting integers between bases and textual representations."""

from __future__ import annotations

DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def to_base(n: int, base: int) -> str:
    if not 2 <= base <= 36:
        raise ValueError("base must be in 2..36")
    if n == 0:
        return "0"
    sign = "-" if n < 0 else ""
    n = abs(n)
    out = []
    while n:
        n, r = divmod(n, base)
        out.append(DIGITS[r])
    return sign + "".join(reversed(out))


def from_base(text: str, base: int) -> int:
    if not 2 <= base <= 36:
        raise ValueError("base must be in 2..36")
    text = text.strip().lower()
    negative = text.startswith("-")
    if negative:
        text = text[1:]
    if not text:
        raise ValueError("no digits")
    value = 0
    for ch in text:
        digit = DIGITS.find(ch)
        if digit < 0 or digit >= base:
            raise ValueError(f"invalid digit {ch!r} for base {base}")
        value = value * base + digit
    return -value if negative else value


def convert(text: str, from_b: int, to_b: int) -> str:
    return to_base(from_base(text, from_b), to_b)


def to_binary_padded(n: int, width: int) -> str:
    if n < 0:
        raise ValueError("negative numbers are not supported")
    return format(n, "b").zfill(width)


def twos_complement(n: int, bits: int) -> str:
    if not -(1 << (bits - 1)) <= n < (1 << (bits - 1)):
        raise OverflowError(f"{n} does not fit in {bits} bits")
    return format(n & ((1 << bits) - 1), f"0{bits}b")


def hex_dump(data: bytes) -> str:
    return " ".join(f"{b:02x}" for b in data)


def parse_int_literal(text: str) -> int:
    """Python-style literal: 0x.., 0o.., 0b.., or decimal, underscores allowed."""
    return int(text, 0)


def digits_in_base(n: int, base: int) -> list[int]:
    if n < 0:
        raise ValueError("n must be non-negative")
    if n == 0:
        return [0]
    result = []
    while n > 0:
        result.append(n % base)
        n //= base
    return result[::-1]
