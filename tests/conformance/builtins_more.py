"""Conformance corpus: module constants and the builtins of tests/test_conformance_builtins.py.

Every function here must translate, and every call in that file's CASES must
give exactly CPython's outcome.
"""
# ruff: noqa: UP031  (printf-style `%` formatting is a construct under test here)

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
KEYWORDS = {"if", "else", "while", "return"}
SMALL_PRIMES = frozenset(PRIMES)
VOWELS = set("aeiou")


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


# -- nested functions (lambda-lifted; captures passed at each call) ---------------------
def subsets(items: list[int]) -> list[list[int]]:
    result: list[list[int]] = []

    def walk(start: int, current: list[int]) -> None:
        result.append(current.copy())
        for i in range(start, len(items)):
            current.append(items[i])
            walk(i + 1, current)
            current.pop()

    walk(0, [])
    return result


def n_queens(n: int) -> int:
    cols: set[int] = set()
    diag1: set[int] = set()
    diag2: set[int] = set()

    def place(row: int) -> int:
        if row == n:
            return 1
        count = 0
        for col in range(n):
            if col in cols or row - col in diag1 or row + col in diag2:
                continue
            cols.add(col)
            diag1.add(row - col)
            diag2.add(row + col)
            count += place(row + 1)
            cols.remove(col)
            diag1.remove(row - col)
            diag2.remove(row + col)
        return count

    return place(0)


def components(n: int, edges: list[tuple[int, int]]) -> int:
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: int, b: int) -> bool:
        ra, rb = find(a), find(b)
        if ra == rb:
            return False
        parent[ra] = rb
        return True

    return n - sum(1 for a, b in edges if union(a, b))


def rebound_capture(n: int) -> int:
    k = 1

    def add(x: int, scale: int = 2) -> int:
        return x * scale + k

    first = add(n)
    k = 100
    return first + add(n, scale=3) + add(k)


def word_in_grid(rows: list[str], word: str) -> bool:
    used: set[tuple[int, int]] = set()
    height = len(rows)

    def dfs(r: int, c: int, k: int) -> bool:
        if k == len(word):
            return True
        if r < 0 or c < 0 or r >= height or c >= len(rows[r]) or (r, c) in used:
            return False
        if rows[r][c] != word[k]:
            return False
        used.add((r, c))
        found = dfs(r + 1, c, k + 1) or dfs(r - 1, c, k + 1) or dfs(r, c + 1, k + 1)
        found = found or dfs(r, c - 1, k + 1)
        used.discard((r, c))
        return found

    return any(dfs(r, c, 0) for r in range(height) for c in range(len(rows[r])))


def nested_raises(xs: list[int], i: int) -> int:
    def at(j: int) -> int:
        if j == 3:
            raise ValueError(f"bad index {j}")
        return xs[j] // xs[0]

    print("looking up", i)
    return at(i) + at(0)


def deep(n: int) -> int:
    def down(k: int) -> int:
        return 0 if k == 0 else 1 + down(k - 1)

    return down(n)


# -- sum/sorted/min/max of floats and tuples ---------------------------------------------
def fsum_list(xs: list[float]) -> float:
    return sum(xs)


def fmean(xs: list[float]) -> float:
    return sum(xs) / len(xs)


def fsum_gen(xs: list[float], k: float) -> float:
    return sum(x * k for x in xs)


def fsorted(xs: list[float], rev: bool) -> list[float]:
    return sorted(xs, reverse=rev)


def fsort_inplace(xs: list[float]) -> float:
    xs.sort()
    return xs[0] if xs else -1.0


def fextremes(xs: list[float]) -> tuple[float, float]:
    return min(xs), max(xs)


def tuple_sorting(pairs: list[tuple[int, str]]) -> list[tuple[int, str]]:
    out = sorted(pairs)
    out.sort(reverse=True)
    return sorted(pairs, reverse=True) + out


def tuple_extremes(pairs: list[tuple[int, int]]) -> tuple[int, int]:
    lo = min(pairs)
    hi = max(pairs)
    return lo[0] + hi[0], lo[1] * hi[1]


# -- int ** int, bit_length, int(s, base), float(s), reversed/enumerate/zip consumed -----
def int_power(base: int, exp: int) -> int:
    return base**exp + pow(base, exp)


def power_sum(ds: list[int]) -> int:
    return sum(d ** len(ds) for d in ds)


def leibniz(terms: int) -> float:
    return 4 * sum((-1) ** k / (2 * k + 1) for k in range(terms))


def bits(n: int) -> list[int]:
    return [n.bit_length(), (n - 1).bit_length(), n.bit_count(), True.bit_length()]


def parse_base(text: str, base: int) -> int:
    return int(text, base)


def parse_float(text: str) -> float:
    return float(text)


def parse_or_default(text: str) -> float:
    try:
        return float(text) * 2
    except ValueError:
        return -1.0


def reversed_join(words: list[str]) -> str:
    return " ".join(reversed(words)) + "|" + "".join(reversed("abc"))


def consumed_iterators(xs: list[int]) -> list[tuple[int, int]]:
    return list(enumerate(xs, 1)) + sorted(zip(xs, reversed(xs))) + list(zip(xs, sorted(xs)))


# -- float sort keys, tuple ordering ------------------------------------------------------
def by_ratio(items: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return sorted(items, key=lambda it: it[0] / it[1], reverse=True)


def argmax_abs(xs: list[float]) -> int:
    return max(range(len(xs)), key=lambda i: abs(xs[i])) * 10 + min(
        range(len(xs)), key=lambda i: xs[i]
    )


def sort_by_float(words: list[str], weights: list[float]) -> list[str]:
    out = list(words)
    out.sort(key=lambda w: weights[len(w) % len(weights)])
    return out


def tuple_order(a: int, b: int, c: int, d: int) -> list[bool]:
    return [(a, b) < (c, d), (a, b) <= (c, d), (a, "x") > (c, "y"), (a, b) >= (c, d)]


# -- isinstance / type(x).__name__ on exactly typed variables ------------------------------
def checked_square(number: int) -> int:
    if not isinstance(number, int) or isinstance(number, bool):
        raise TypeError(f"expected int, got {type(number).__name__}")
    return number * number


def kinds(x: float, flag: bool, s: str, xs: list[int]) -> list[bool]:
    return [
        isinstance(x, float),
        isinstance(x, (int, str)),
        isinstance(flag, int),
        isinstance(flag, bool),
        isinstance(s, str),
        isinstance(xs, (tuple, list)),
        isinstance(xs, dict),
    ]


def type_names(x: float, flag: bool, xs: list[int]) -> str:
    return type(x).__name__ + type(flag).__name__ + type(xs).__name__


# -- set constants (membership and len only) ---------------------------------------------
def classify(word: str) -> str:
    if word in KEYWORDS:
        return "keyword"
    if len(word) in SMALL_PRIMES:
        return f"prime-length/{len(KEYWORDS)}"
    return "vowels:" + str(sum(1 for ch in word if ch in VOWELS))


# -- str()/repr()/print()/f-strings of lists, tuples and dicts ----------------------------
def show_containers(xs: list[int], fs: list[float], n: int) -> str:
    pair = (n, "it's")
    single = (n,)
    table = {"a": [1.5, -0.0], "b\\n": []}
    maybe: list[int | None] = [n, None]
    print(xs, fs, pair, sep=" | ")
    print(table, single, [[n], [], [n, n]], maybe)
    text = str(fs) + repr(table)
    return f"{pair} {xs!r} {fs!s} {text} {single} {(n, (n, 'x'), None)}"


# -- nested tuple targets; `[None] * n` into list[T | None]; assert narrowing -----------
def nested_targets(points: list[tuple[int, int]]) -> int:
    total = 0
    for i in range(len(points) - 1):
        (x1, y1), (x2, y2) = points[i], points[i + 1]
        total += abs(x1 - x2) + abs(y1 - y2)
    return total


class Slots:
    def __init__(self, n: int) -> None:
        self.data: list[int | None] = [None] * n

    def put(self, i: int, v: int) -> None:
        self.data[i] = v

    def reset(self) -> None:
        self.data = [None, None] * len(self.data)

    def take(self, i: int) -> int:
        value = self.data[i]
        assert value is not None, "empty slot"
        return value


def none_slots(n: int, fill: list[int]) -> list[int]:
    slots = Slots(n)
    local: list[int | None] = [None] * n
    for i, v in enumerate(fill):
        slots.put(i, v)
        local[i] = v
    out = [slots.take(i) for i in range(len(fill))]
    slots.reset()
    out.append(len(slots.data) + len(local))
    return out


def narrowed_take(n: int, i: int) -> int:
    slots = Slots(n)
    slots.put(0, 7)
    return slots.take(i)


# -- printf-style `%` formatting of str ---------------------------------------------------
def pct_mixed(n: int, x: float, s: str) -> str:
    return "%d items, %.2f%% %s-%s|%5.1f|%-10s|%x|%r|%X|%o" % (n, x, s, n, x, s, n, s, n, n)


def pct_single(n: int, x: float, flag: bool) -> list[str]:
    return ["%d" % n, "%.3f" % x, "%s" % x, "%s" % flag, "%d" % flag, "%e" % n, "%g" % x, "%%"]


def pct_flags(n: int, x: float) -> list[str]:
    return [
        "[%05d]" % n,
        "[%-6d]" % n,
        "[%+d]" % n,
        "[% d]" % n,
        "[%#x]" % n,
        "[%#o]" % n,
        "[%08.3f]" % x,
        "[%-9.2e]" % x,
        "[%+.1F]" % x,
        "[%10.4G]" % x,
        "[%.0f]" % x,
    ]


def pct_strings(s: str, xs: list[int]) -> str:
    return "%5s|%-5s|%.2s|%r|%s|%s" % (s, s, s, s, xs, None)


class Loud:
    def __init__(self, name: str) -> None:
        self.name = name

    def __str__(self) -> str:
        print("str of", self.name)
        return self.name


def shout(word: str) -> str:
    print("shout", word)
    return word.upper()


def pct_order(a: str, b: str) -> str:
    return "%s and %s" % (Loud(a), shout(b))


def pct_order_tuple_first(a: str, b: str) -> str:
    return "%s and %d" % (Loud(a), len(shout(b)))


# -- dict() with an argument ---------------------------------------------------------------
def dict_copies(keys: list[str]) -> str:
    d = {k: len(k) - i for i, k in enumerate(keys)}
    copy = dict(d)
    copy["new"] = -1
    ordered = dict(sorted(d.items()))
    empty: dict[str, int] = dict()
    empty["x"] = len(d)
    return f"{d} {copy} {ordered} {empty}"


def dict_pairs(keys: list[str], values: list[float], pairs: list[tuple[int, str]]) -> str:
    zipped = dict(zip(keys, values))
    listed = dict(pairs)
    numbered = dict(enumerate(keys, 1))
    return f"{zipped} {listed} {numbered} {len(zipped)}"


def assert_caught(x: int | None, n: int) -> int:
    """The narrowing after an assert is only trusted while x really is not None:
    read where CPython sees None (the assert was caught), the call re-runs."""
    try:
        assert x is not None
    except AssertionError:
        n += 1
    return x + n
