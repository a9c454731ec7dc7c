"""str/list/tuple values crossing the boundary: arguments, results, mutation, identity."""


def shout(s: str) -> str:
    return s.upper() + "!"


def words(s: str) -> list[str]:
    return s.split()


def total(xs: list[int]) -> int:
    return sum(xs)


def mean(xs: list[float]) -> float:
    acc = 0.0
    for x in xs:
        acc += x
    return acc / len(xs)


def bump(xs: list[int], k: int) -> list[int]:
    for i in range(len(xs)):
        xs[i] += k
    xs.append(k)
    return xs


def fail_after_mutation(xs: list[int]) -> int:
    xs.append(99)
    if len(xs) > 3:
        raise ValueError("too long")
    return len(xs)


def pair(a: int, s: str) -> tuple[int, str]:
    return (a * 2, s * 2)


def grid(n: int) -> list[list[int]]:
    row = [0] * n
    return [row, row, [1] * n]


def word_lengths(text: str) -> list[tuple[str, int]]:
    return [(w, len(w)) for w in text.split()]


def join_all(parts: list[str], sep: str) -> str:
    return sep.join(parts)


def count_flags(flags: list[bool]) -> int:
    return sum(1 for f in flags if f)


def sort_copy(xs: list[int]) -> list[int]:
    return sorted(xs)


def sort_in_place(xs: list[int]) -> None:
    xs.sort()


def first_word(s: str) -> str:
    return s.split()[0]


def nested_sum(rows: list[list[int]]) -> int:
    return sum(sum(r) for r in rows)


def echo_tuple(t: tuple[int, float, str]) -> tuple[str, float, int]:
    return (t[2], t[1], t[0])


def swap_ends(nums: list[int]) -> None:
    nums[0], nums[-1] = nums[-1], nums[0]


def reverse_text(s: str) -> str:
    if not s:
        return s
    return reverse_text(s[1:]) + s[0]


Matrix = list[list[float]]
Row = list[float]


def trace(m: Matrix) -> float:
    total = 0.0
    for i in range(len(m)):
        total += m[i][i]
    return total


def scale_row(r: Row, k: float) -> Row:
    return [x * k for x in r]


def parse_int(s: str) -> int:
    return int(s)


def sum_fields(line: str) -> int:
    return sum(int(x) for x in line.split(","))


# Lists of lists and dicts: numbered objects, copied back in place (objects.py).


def zero_diagonal(m: list[list[int]]) -> None:
    for i in range(min(len(m), len(m[0]) if m else 0)):
        m[i][i] = 0


def add_row(m: list[list[int]], row: list[int]) -> list[list[int]]:
    m.append(row)
    m[0].append(len(m))
    return m


def first_row(m: list[list[float]]) -> list[float]:
    return m[0]


def swap_rows(m: list[list[str]]) -> None:
    m[0], m[1] = m[1], m[0]
    m[0].append("swapped")


def mark_then_fail(m: list[list[bool]]) -> int:
    m[0].append(True)
    m.append([False])
    if len(m) > 2:
        raise ValueError("too many rows")
    return len(m)


def deep_bump(t: list[list[list[int]]]) -> int:
    t[0][0].append(7)
    t[0].append([8])
    return len(t[0])


def count_words(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for w in text.split():
        counts[w] = counts.get(w, 0) + 1
    return counts


def tally(d: dict[str, int], w: str) -> None:
    d[w] = d.get(w, 0) + 1


def move_to_end(d: dict[int, int], k: int) -> dict[int, int]:
    v = d.pop(k)
    d[k] = v
    return d


def invert(d: dict[int, int]) -> dict[int, int]:
    return {v: k for k, v in d.items()}


def group_by_parity(xs: list[int]) -> dict[bool, list[int]]:
    out: dict[bool, list[int]] = {}
    for x in xs:
        out.setdefault(x % 2 == 0, []).append(x)
    return out


def append_to(d: dict[int, list[int]], k: int, v: int) -> list[int]:
    d[k].append(v)
    return d[k]


def drop_then_fail(d: dict[str, float], k: str) -> float:
    del d[k]
    d["late"] = 1.5
    return d["missing"]


def scale_values(d: dict[str, int], f: int) -> None:
    for k in d:
        d[k] = d[k] * f


def grow_both(a: list[list[int]], b: list[list[float]]) -> int:
    a.append([])
    b.append([])
    return len(a) + len(b)


class Tally:
    """An instance with a dict attribute: the dict crosses with the instance."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}
        self.total = 0

    def add(self, w: str) -> int:
        self.counts[w] = self.counts.get(w, 0) + 1
        self.total += 1
        return self.counts[w]


def tally_words(t: Tally, text: str) -> dict[str, int]:
    for w in text.split():
        t.add(w)
    if "!" in text:
        raise ValueError("bang")
    return t.counts


def push_pair(t: tuple[list[int], int]) -> int:
    t[0].append(t[1])
    return len(t[0])


def push_optional(xs: list[int] | None, v: int) -> int:
    if xs is None:
        return -1
    xs.append(v)
    return len(xs)
