"""Classes: plain classes, dataclasses, methods, aliasing, instances at the boundary."""

from __future__ import annotations

from dataclasses import dataclass, field


class Counter:
    """A plain class: attributes from __init__, a class constant, methods."""

    LIMIT = 1000

    def __init__(self, start: int, step: int = 1) -> None:
        if step == 0:
            raise ValueError("step must not be zero")
        self.value = start
        self.step = step
        self.history: list[int] = []

    def tick(self) -> int:
        if self.value + self.step > self.LIMIT:
            raise OverflowError(f"counter passed {self.LIMIT}")
        self.history.append(self.value)
        self.value += self.step
        return self.value

    def run(self, n: int) -> list[int]:
        for _ in range(n):
            self.tick()
        return self.history

    @staticmethod
    def clamp(x: int) -> int:
        return max(0, min(x, Counter.LIMIT))

    @property
    def ticks(self) -> int:
        return len(self.history)


@dataclass
class Item:
    name: str
    price: float
    qty: int = 1
    tags: list[str] = field(default_factory=list)

    def total(self) -> float:
        return self.price * self.qty

    def tag(self, t: str) -> Item:
        self.tags.append(t)
        return self


@dataclass(frozen=True)
class Point:
    x: int
    y: int

    def moved(self, dx: int, dy: int) -> Point:
        return Point(self.x + dx, self.y + dy)


@dataclass
class Node:
    value: int
    next: Node | None = None


class Stack:
    def __init__(self) -> None:
        self.top: Node | None = None
        self.size = 0

    def push(self, v: int) -> None:
        self.top = Node(v, self.top)
        self.size += 1

    def pop(self) -> int:
        node = self.top
        if node is None:
            raise IndexError("pop from empty stack")
        self.top = node.next
        self.size -= 1
        return node.value

    def peek(self) -> int:
        return self.top.value  # None: CPython's AttributeError (WASM bails)


# -- module functions using the classes --------------------------------------------


def count_to(n: int, step: int) -> int:
    c = Counter(0, step)
    c.run(n)
    return c.value + c.ticks + Counter.clamp(c.value * 100)


def cart_total(items: list[Item]) -> float:
    total = 0.0
    for i in items:
        total += i.total()
    return total


def restock(items: list[Item], extra: int) -> int:
    changed = 0
    for it in items:
        if it.qty < 2:
            it.qty += extra
            changed += 1
    return changed


def cheapest(items: list[Item]) -> Item:
    best = items[0]
    for it in items:
        if it.price < best.price:
            best = it
    return best


def make_items(n: int) -> list[Item]:
    out = [Item(f"item{i}", i * 1.5, i) for i in range(n)]
    out.append(out[0])  # one object twice: the host must see one object
    return out


def alias_update(a: Item) -> bool:
    b = a
    b.name = b.name.upper()
    return a is b and a == b


def same_items(a: Item, b: Item) -> bool:
    return a == b


def walk(p: Point, steps: int) -> Point:
    for i in range(steps):
        p = p.moved(i, -i)
    return p


def points_equal(a: Point, b: Point) -> bool:
    same = a == b
    differ = a != b
    return same and not differ


def ring(n: int) -> Node:
    head = Node(0)
    cur = head
    for i in range(1, n):
        cur.next = Node(i)
        cur = cur.next
    cur.next = head  # a cycle: the host rebuilds it
    return head


def stack_sum(values: list[int]) -> int:
    s = Stack()
    for v in values:
        s.push(v)
    total = 0
    while s.size > 0:
        total += s.pop()
    return total


def drain(s: Stack, k: int) -> int:
    got = 0
    for _ in range(k):
        got += s.pop()
    return got


def half_drain(s: Stack) -> list[int]:
    out = []
    out.append(s.pop())
    out.append(s.pop())
    return out


def fill(s: Stack, xs: list[int]) -> Stack:
    for x in xs:
        s.push(x)
    return s


def link(a: Node, b: Node) -> Node:
    a.next = b
    return b


def describe(it: Item) -> str:
    return f"{it.name} x{it.qty} @ {it.price:.2f}"


# -- not translated: each for a precise reason ----------------------------------------


class WithEq:
    def __init__(self, v: int) -> None:
        self.v = v

    def __eq__(self, other: object) -> bool:
        return isinstance(other, WithEq) and self.v == other.v


def eq_user(a: WithEq, b: WithEq) -> bool:
    return a == b


class Late:
    def __init__(self) -> None:
        self.a = 1

    def set_b(self) -> None:
        self.b = 2


def frozen_write(p: Point) -> None:
    p.x = 5  # type: ignore[misc]


class Maybe:
    def __init__(self, flag: bool) -> None:
        if flag:
            self.v = 1


# -- text, ordering and operators ------------------------------------------------------


@dataclass(order=True, frozen=True)
class Version:
    major: int
    minor: int
    tag: str = ""


class Money:
    def __init__(self, cents: int) -> None:
        self.cents = cents

    def __add__(self, other: Money) -> Money:
        return Money(self.cents + other.cents)

    def __lt__(self, other: Money) -> bool:
        return self.cents < other.cents

    def __len__(self) -> int:
        return self.cents

    def __contains__(self, c: int) -> bool:
        return 0 <= c <= self.cents

    def __str__(self) -> str:
        return f"${self.cents // 100}.{self.cents % 100:02d}"

    def __repr__(self) -> str:
        return f"Money({self.cents})"

    __radd__ = __add__


def compare_versions(a: Version, b: Version) -> list[bool]:
    return [a < b, a <= b, a > b, a >= b, a == b, a != b]


def newest(vs: list[Version]) -> Version:
    best = vs[0]
    for v in vs:
        if v > best:
            best = v
    return best


def money_ops(a: int, b: int) -> tuple[int, bool, bool, int, bool]:
    m, n = Money(a), Money(b)
    t = m + n
    t += m
    return t.cents, m < n, m > n, len(t), 5 in m


def texts(a: int) -> str:
    m = Money(a)
    print(m, repr(m))
    return f"{m}|{m!r}|{m!s}|{m!r}"


def version_text(v: Version, n: Node) -> str:
    return f"{v} {v!r} {n!s}"


class Celsius:
    """__init__ stays Python (it calls eval); the methods still translate."""

    def __init__(self, degrees: float) -> None:
        if degrees < eval("-273.15"):
            raise ValueError(f"below absolute zero: {degrees!r}")
        self.degrees = degrees

    def warmer(self, by: float) -> float:
        self.degrees += by
        return self.degrees

    def same(self, other: Celsius) -> bool:
        return self.degrees == other.degrees


class Tagged:
    def __init__(self, tag: str) -> None:
        self.tag = tag

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Tagged) and self.tag.lower() == other.tag.lower()


def find_tagged(xs: list[Tagged], t: Tagged) -> int:
    return xs.index(t)  # the class's own __eq__: stays Python


class Settings:
    SEP = "="

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self.pairs = pairs

    @classmethod
    def parse(cls, text: str) -> Settings:
        out = []
        for line in text.splitlines():
            if cls.SEP in line:
                k, _, v = line.partition(cls.SEP)
                out.append((k.strip(), v.strip()))
        return cls(out)

    def render(self) -> str:
        return "\n".join(k + self.SEP + v for k, v in self.pairs)


def settings_roundtrip(text: str) -> str:
    return Settings.parse(text).render()


def first_or(n: Node | None, default: Node) -> int:
    chosen = n or default  # an instance is always true (no __bool__/__len__)
    return chosen.value
