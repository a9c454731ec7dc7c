"""Classes against CPython: results, exceptions, mutation through aliases, identities.

Each case builds its arguments with the module under test (the Python and the
WASM module each have their own class objects), calls a function or a method
(`"Class.method"`: the first argument is the instance), and checks against
CPython: the outcome (value or exception type and message), the arguments
afterwards (every attribute of every instance, every list), and the shape of
object identities across arguments and result (`return a` gives back the
caller's own object; two references to one object stay one object).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import portalis
from portalis.conformance import run, same_outcome, same_value

CORPUS = Path(__file__).parent / "conformance" / "classes.py"

Args = Callable[[ModuleType], tuple[Any, ...]]


def _stack(m: ModuleType, *xs: int) -> Any:
    s = m.Stack()
    for x in xs:
        s.push(x)
    return s


CASES: dict[str, list[Args]] = {
    # plain classes: __init__, class constants, methods, staticmethod, property
    "count_to": [lambda m: (5, 3), lambda m: (0, 1), lambda m: (400, 3), lambda m: (3, 0)],
    "Counter.tick": [lambda m: (m.Counter(5),), lambda m: (m.Counter(999, 5),)],
    "Counter.run": [lambda m: (m.Counter(1, 2), 4), lambda m: (m.Counter(990, 3), 5)],
    "Counter.clamp": [lambda m: (-3,), lambda m: (5000,)],
    "Counter.ticks": [lambda m: (m.Counter(1),)],
    # dataclasses: defaults, default_factory, eq, repr of results (host side)
    "cart_total": [lambda m: ([m.Item("a", 1.25, 2), m.Item("b", 0.1, 3)],), lambda m: ([],)],
    "restock": [lambda m: ([m.Item("a", 1.0), m.Item("b", 2.0, 5), m.Item("c", 3.0, 0)], 4)],
    "cheapest": [lambda m: ([m.Item("a", 3.0), m.Item("b", 1.0), m.Item("c", 1.0)],)],
    "make_items": [lambda m: (3,), lambda m: (1,)],
    "alias_update": [lambda m: (m.Item("x", 1.0, tags=["t"]),)],
    "same_items": [
        lambda m: (m.Item("a", 1.0), m.Item("a", 1.0)),
        lambda m: (m.Item("a", 1.0), m.Item("a", 1.0, 2)),
        lambda m: (m.Item("a", float("nan")), m.Item("a", float("nan"))),
        lambda m: (lambda i: (i, i))(m.Item("a", float("nan"))),
        lambda m: (m.Item("a", -0.0), m.Item("a", 0.0)),
    ],
    "Item.total": [lambda m: (m.Item("a", 2.5, 4),)],
    "Item.tag": [lambda m: (m.Item("a", 2.5, tags=["x"]), "y")],
    "describe": [lambda m: (m.Item("pen", 1.005, 3),)],
    # frozen dataclass: new instances from methods
    "walk": [lambda m: (m.Point(1, 2), 4), lambda m: (m.Point(0, 0), 0)],
    "Point.moved": [lambda m: (m.Point(1, 2), 3, -4)],
    "points_equal": [
        lambda m: (m.Point(1, 2), m.Point(1, 2)),
        lambda m: (m.Point(1, 2), m.Point(2, 1)),
    ],
    # linked structures: Optional attributes, cycles, errors after mutation
    "ring": [lambda m: (3,), lambda m: (1,)],
    "stack_sum": [lambda m: ([1, 2, 3],), lambda m: ([],)],
    "Stack.push": [lambda m: (_stack(m, 1, 2), 3)],
    "Stack.pop": [lambda m: (_stack(m, 1, 2),), lambda m: (m.Stack(),)],
    "Stack.peek": [lambda m: (_stack(m, 7),), lambda m: (m.Stack(),)],
    "drain": [lambda m: (_stack(m, 1, 2, 3), 2), lambda m: (_stack(m, 1, 2), 3)],
    "half_drain": [lambda m: (_stack(m, 4, 5, 6),), lambda m: (_stack(m, 9),)],
    "fill": [lambda m: (_stack(m, 1), [2, 3])],
    "link": [
        lambda m: (m.Node(1), m.Node(2)),
        lambda m: (lambda n: (n, n))(m.Node(5)),  # one object twice: runs in CPython
    ],
    # text: the class's __str__/__repr__, the dataclass's generated repr
    "texts": [lambda m: (12345,), lambda m: (-7,)],
    "version_text": [
        lambda m: (m.Version(1, 2, "rc'1"), m.Node(1, m.Node(2))),
        lambda m: (m.Version(0, 0), m.Node(-1)),
    ],
    "Money.__repr__": [lambda m: (m.Money(5),)],
    # order=True, and operators the class defines (reflected __gt__ from __lt__)
    "compare_versions": [
        lambda m: (m.Version(1, 2), m.Version(1, 10)),
        lambda m: (m.Version(1, 2, "b"), m.Version(1, 2, "a")),
        lambda m: (m.Version(3, 0), m.Version(3, 0)),
    ],
    "newest": [lambda m: ([m.Version(1, 0), m.Version(2, 1, "x"), m.Version(2, 1)],)],
    "money_ops": [lambda m: (3, 4), lambda m: (250, 3), lambda m: (-20, 4)],
    # __init__ stays Python; instances from CPython still run their methods in WASM
    "Celsius.warmer": [lambda m: (m.Celsius(20.5), 1.25), lambda m: (m.Celsius(-3), 2.0)],
    "Celsius.same": [lambda m: (m.Celsius(1.0), m.Celsius(1.0))],
    # @classmethod (cls is the class; a Python subclass runs in CPython), str constants
    "Settings.parse": [lambda m: ("a = 1\nnoise\nb=2=3",)],
    "settings_roundtrip": [lambda m: ("x=1\ny = two",), lambda m: ("",)],
    "first_or": [lambda m: (None, m.Node(3)), lambda m: (m.Node(0), m.Node(3))],
}

EXPECTED_SKIPS = {
    "WithEq.__eq__": "parameter type `object` is not supported yet",
    "eq_user": "`==` on `WithEq` (user-defined __eq__)",
    "Late.set_b": "attribute `b` of `Late` is not assigned in `__init__`",
    "frozen_write": "assigning to a field of the frozen dataclass `Point`",
    "Maybe.__init__": "attribute `v` is not assigned on every path of `__init__`",
    "Celsius.__init__": "call of `eval`",
    "find_tagged": "searching a list[Tagged] (element __eq__",
}


@pytest.fixture(scope="module")
def modules() -> tuple[ModuleType, ModuleType]:
    return portalis.load(CORPUS, mode="python"), portalis.load(CORPUS, mode="wasm")


def _function(module: ModuleType, name: str) -> Any:
    target: Any = module
    for part in name.split("."):
        target = getattr(target, part)
    return target


def canonical(value: Any) -> Any:
    """Instances as (class name, attributes) so two modules' objects compare; cycles as refs."""
    seen: dict[int, int] = {}

    def conv(v: Any) -> Any:
        if isinstance(v, (int, float, str, bool, type(None))):
            return v
        if id(v) in seen:
            return ("<ref>", seen[id(v)])
        seen[id(v)] = len(seen)
        if isinstance(v, list):
            return [conv(x) for x in v]
        if isinstance(v, tuple):
            return tuple(conv(x) for x in v)
        return (type(v).__qualname__, {k: conv(x) for k, x in vars(v).items()})

    return conv(value)


def identity_shape(value: Any) -> list[int]:
    """Which object each list/instance reached is (first-seen numbering): aliasing, as data."""
    numbers: dict[int, int] = {}
    shape: list[int] = []

    def visit(v: Any) -> None:
        if isinstance(v, (int, float, str, bool, type(None))):
            return
        first = id(v) not in numbers
        numbers.setdefault(id(v), len(numbers))
        shape.append(numbers[id(v)])
        if not first:
            return
        if isinstance(v, (list, tuple)):
            for item in v:
                visit(item)
        elif hasattr(v, "__dict__"):
            for item in vars(v).values():
                visit(item)

    visit(value)
    return shape


def test_translations_and_skips(modules: tuple[ModuleType, ModuleType]) -> None:
    _, wasm = modules
    info = wasm.__portalis__
    assert set(CASES) <= set(info.translated)
    reasons = {name: info.skipped.get(name, "") for name in EXPECTED_SKIPS}
    for name, why in EXPECTED_SKIPS.items():
        assert why in reasons[name], (name, reasons[name])
    assert f"{CORPUS}:" in reasons["eq_user"]  # file:line of the construct


@pytest.mark.parametrize(
    ("name", "build"),
    [(n, b) for n, rows in CASES.items() for b in rows],
    ids=[f"{n}-{i}" for n, rows in CASES.items() for i in range(len(rows))],
)
def test_same_outcome(modules: tuple[ModuleType, ModuleType], name: str, build: Args) -> None:
    py, wasm = modules
    a, b = build(py), build(wasm)
    expected, got = run(_function(py, name), a, {}), run(_function(wasm, name), b, {})
    if expected.kind == "raise":
        assert same_outcome(expected, got), f"python {expected.describe()}, wasm {got.describe()}"
    else:
        assert got.kind == "return", got.describe()
        assert same_value(canonical(expected.value), canonical(got.value))
        assert expected.output == got.output
    assert same_value(canonical(a), canonical(b)), "arguments differ after the call"
    assert identity_shape((a, expected.value)) == identity_shape((b, got.value))
    if expected.kind == "return" and "object at" not in repr(expected.value):
        assert repr(expected.value) == repr(got.value)


def test_results_are_the_modules_own_classes(modules: tuple[ModuleType, ModuleType]) -> None:
    _, wasm = modules
    item = wasm.make_items(2)[1]
    assert type(item) is wasm.Item and item == wasm.Item("item1", 1.5, 1)
    p = wasm.walk(wasm.Point(0, 0), 3)
    assert type(p) is wasm.Point and p == wasm.Point(3, -3) and hash(p) == hash(wasm.Point(3, -3))
    with pytest.raises(Exception, match="cannot assign to field 'x'"):
        p.x = 1  # still frozen: built by object.__setattr__ like dataclasses do


def test_mutation_visible_through_aliases(modules: tuple[ModuleType, ModuleType]) -> None:
    _, wasm = modules
    items = [wasm.Item("a", 1.0), wasm.Item("b", 2.0, 5)]
    first = items[0]
    assert wasm.restock(items, 3) == 1
    assert first.qty == 4 and items[0] is first
    stats = wasm.__portalis__.call_stats["drain"]
    before = (stats.exceptions, stats.bails)
    s = _stack(wasm, 1, 2, 3)
    top = s.top
    with pytest.raises(IndexError, match="pop from empty stack"):
        wasm.drain(s, 4)  # raised after three pops: those stay done, as in CPython
    assert s.size == 0 and s.top is None and top.value == 3
    assert (stats.exceptions, stats.bails) == (before[0] + 1, before[1])


def test_init_runs_in_wasm(modules: tuple[ModuleType, ModuleType]) -> None:
    _, wasm = modules
    c = wasm.Counter(3, 2)
    assert vars(c) == {"value": 3, "step": 2, "history": []}
    with pytest.raises(ValueError, match="step must not be zero"):
        wasm.Counter(3, 0)
    assert wasm.__portalis__.call_stats["Counter.__init__"].type_fallbacks == 0


def test_instance_attribute_hiding_a_class_constant(
    modules: tuple[ModuleType, ModuleType],
) -> None:
    """`c.LIMIT = 3` hides the class constant from CPython: the call must see it too."""
    outcomes = []
    for module in modules:
        c = module.Counter(1)
        c.LIMIT = 3
        outcomes.append(run(c.run, (5,), {}))
    assert same_outcome(outcomes[0], outcomes[1]), [o.describe() for o in outcomes]
    assert outcomes[0].kind == "raise"


def test_classmethod_on_a_python_subclass(modules: tuple[ModuleType, ModuleType]) -> None:
    _, wasm = modules

    class Sub(wasm.Settings):
        pass

    made = Sub.parse("k=v")
    assert type(made) is Sub and made.pairs == [("k", "v")]
