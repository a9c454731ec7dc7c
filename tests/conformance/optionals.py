"""Optional values: `X | None`, `Optional[X]`, `is None` narrowing."""



def find(xs: list[int], target: int) -> int | None:
    for i, x in enumerate(xs):
        if x == target:
            return i
    return None


def find_or(xs: list[int], target: int, default: int) -> int:
    pos = find(xs, target)
    if pos is None:
        return default
    return pos * 10


def first_long_word(text: str, n: int) -> str | None:
    for w in text.split():
        if len(w) >= n:
            return w
    return None


def describe(text: str, n: int) -> str:
    w = first_long_word(text, n)
    return f"found {w!r}" if w is not None else "nothing"


def best_score(scores: list[int]) -> int | None:
    best = None
    for s in scores:
        if best is None or s > best:
            best = s
    return best


def maybe_default(x: int | None = None) -> int:
    if x is None:
        x = 42
    return x + 1


def show(x: int | None) -> str:
    return str(x) + "|" + f"{x}"


def count_nones(xs: list[int | None]) -> int:
    return sum(1 for x in xs if x is None)
