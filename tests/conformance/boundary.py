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
