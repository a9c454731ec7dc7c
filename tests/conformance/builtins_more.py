"""Conformance corpus: module constants and the builtins of tests/test_conformance_builtins.py.

Every function here must translate, and every call in that file's CASES must
give exactly CPython's outcome.
"""

import math
import string
from math import pi

DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SCALE = [(93, "A"), (90, "A-"), (80, "B"), (70, "C"), (0, "F")]
POINTS: dict[str, float] = {"A": 4.0, "A-": 3.7, "B": 3.0, "C": 2.0, "F": 0.0}
DIRS = ((1, 0), (-1, 0), (0, 1), (0, -1))
PAIR = ("origin", -3)
INF = math.inf
TAU_ISH = 2 * pi
ALPHABET = string.ascii_lowercase
UPPER = ALPHABET.upper()
MORSE = {"A": ".-", "B": "-...", "C": "-.-.", "E": ".", "T": "-"}
REVERSE = {code: letter for letter, code in MORSE.items()}
CODES = {**dict.fromkeys("bfpv", "1"), **dict.fromkeys("cgjk", "2"), "l": "4"}
SQUARES = [i * i for i in (1, 2, 3, 4)]
PRIMES = (2, 3, 5, 7, 11, 13)
WEIGHTS = {1: 0.5, 2: -0.0, 3: 1e300}
MASK = (1 << 20) - 1
GRID_SIZE: int = 3 * 3


def days_in(month: int) -> int:
    return DAYS_IN_MONTH[month - 1]


def weekday(n: int) -> str:
    return WEEKDAYS[n % 7] + "/" + WEEKDAYS[-1 - n % 7]


def letter(score: int) -> str:
    for cutoff, grade in SCALE:
        if score >= cutoff:
            return grade
    return "?"


def gpa_point(grade: str) -> float:
    if grade in POINTS:
        return POINTS[grade]
    return POINTS.get(grade, -1.0) + POINTS[grade]


def decode(code: str) -> str:
    return REVERSE[code] if code not in CODES else CODES[code]


def soundex_digit(ch: str) -> str:
    return CODES.get(ch, "") + CODES.get(ch.lower(), "0")


def morse_line(text: str) -> str:
    return " ".join(MORSE[c] for c in text)


def neighbours(r: int, c: int) -> list[tuple[int, int]]:
    return [(r + DIRS[0][0], c + DIRS[0][1]), (r + DIRS[3][0], c + DIRS[3][1])]


def pair_text() -> str:
    return f"{PAIR[0]}:{PAIR[1]} {len(DAYS_IN_MONTH)} {len(WEEKDAYS)} {len(MORSE)}"


def table_sums(k: int) -> int:
    total = 0
    for sq in SQUARES:
        total += sq * k
    return total + sum(SQUARES) + max(SQUARES) + min(SQUARES) + len(sorted(SQUARES))


def weights(k: int) -> float:
    return WEIGHTS[k] * 2.0


def floats(x: float) -> float:
    return min(x, INF) + TAU_ISH * 0.0 + float(MASK & GRID_SIZE)


def shift(text: str, k: int) -> str:
    out = []
    for ch in text:
        if ch in ALPHABET:
            out.append(ALPHABET[(ALPHABET.index(ch) + k) % 26])
        elif ch in UPPER:
            out.append(UPPER[(UPPER.index(ch) + k) % 26])
        else:
            out.append(ch)
    return "".join(out)


def show_tables(n: int) -> None:
    print(SQUARES[n % 4], MORSE["A"], len(REVERSE))
    if n > 0:
        print(REVERSE["-"], sep="")
    print(f"{SCALE[n % 5][1]} {POINTS['A']}")


# -- fixed tuples: iteration and `in` ----------------------------------------------------
def neighbour_sum(r: int, c: int) -> int:
    total = 0
    for dr, dc in DIRS:
        total += (r + dr) * 10 + (c + dc)
    return total


def tuple_loops(n: int) -> list[int]:
    out = [p * n for p in PRIMES]
    for p in reversed(PRIMES):
        out.append(p - n)
    for w in ("a", "bb", "ccc"):
        out.append(len(w) + n)
    return out


def is_small_prime(n: int) -> bool:
    return n in PRIMES and n not in (2, 3)


def is_vowel(ch: str) -> bool:
    return ch in ("a", "e", "i", "o", "u")


def any_in_grid(r: int, c: int) -> list[tuple[int, int]]:
    return [(r + dr, c + dc) for dr, dc in DIRS if 0 <= r + dr < 3 and (c + dc) in (0, 1, 2)]


# -- range() consumed by a builtin -------------------------------------------------------
def range_list(n: int) -> list[int]:
    return list(range(1, n + 1)) + list(range(n, 0, -2))


def range_sum(a: int, b: int, step: int) -> int:
    return sum(range(a, b, step))


def range_mean(sides: int) -> float:
    return sum(range(1, sides + 1)) / sides


def range_set(n: int) -> list[int]:
    return sorted(set(range(1, 10)) - set(range(n))) + list(set(range(n, 0, -1)))


def range_argmax(xs: list[int]) -> int:
    return max(range(len(xs)), key=lambda k: xs[k])


def range_minmax(n: int) -> int:
    return min(range(n, 3 * n)) + max(range(n)) + len(sorted(range(n, 0, -1)))


def range_truth(n: int) -> bool:
    return any(range(n)) or all(range(1, n))


# -- assignments ---------------------------------------------------------------------------
def best_pair(xs: list[int]) -> int:
    best: tuple[int, int] | None = None
    n = 0
    for i in range(len(xs)):
        if best is None or xs[i] > best[1]:
            best, n = (i, xs[i]), n + 1
    if best is None:
        return -1
    return best[0] * 100 + n
