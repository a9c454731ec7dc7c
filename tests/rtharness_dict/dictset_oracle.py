"""CPython side of the dict/set conformance tests: runs an operation script
on real dicts and sets and reports what each operation gave.

Standard library only, so that other interpreters can run it too:
``python3.X oracle.py < scripts > outcomes`` reads a list of scripts as a
Python literal and prints the outcomes as one.

A script is ``(kind, ops)``; an op is ``(code, a, b, c, x, y)`` with the
meaning given in ``harness.rs``.  An outcome is ``("ok", value)``,
``("raise", type name, payload)`` (payload: ``e.args`` of a KeyError, else
``str(e)``), ``("bail", reason)`` where the runtime is documented to bail
(the oracle then leaves its state as it was, as the runtime does), or
``("any",)`` where the runtime may bail or answer anything (a dict iterator
after the keys changed without the size changing).
"""

from __future__ import annotations

import ast
import marshal
import sys
from typing import Any

BAIL_OVERFLOW = 1
BAIL_UNSUPPORTED = 3
I64_MIN = -(2**63)
I64_MAX = 2**63 - 1

DICT_KINDS = {0: "int", 1: "str", 2: "bool", 3: "tuple"}
SET_KINDS = {10: "int", 11: "str", 12: "bool", 13: "tuple"}

Op = tuple[int, int, int, int, Any, Any]
Outcome = tuple[Any, ...]

ANY: Outcome = ("any",)
NONE: Outcome = ("ok", None)


def bail(reason: int = BAIL_UNSUPPORTED) -> Outcome:
    return ("bail", reason)


def final_mask(n: int) -> int:
    """The mask of a set after `n` distinct adds to an empty set."""
    size = 8
    for used in range(1, n + 1):
        if used * 5 >= (size - 1) * 3:
            minused = used * 4 if used <= 50000 else used * 2
            size = 8
            while size <= minused:
                size <<= 1
    return size - 1


def homes_distinct(items: list[Any]) -> bool:
    distinct = set(items)
    mask = final_mask(len(distinct))
    return len({hash(x) & mask for x in distinct}) == len(distinct)


def const_eval(src: str, ordered: bool) -> Any:
    """`src` evaluated as compiled; None when an `ordered` result differs
    from the one the same code gives when read back from a .pyc."""
    code = compile(src, "<const>", "eval")
    fresh = eval(code)
    from_pyc = eval(marshal.loads(marshal.dumps(code)))
    if ordered and list(fresh) != list(from_pyc):
        return None
    return fresh


def raised(e: BaseException) -> Outcome:
    if isinstance(e, KeyError):
        return ("raise", "KeyError", e.args)
    return ("raise", type(e).__name__, str(e))


class DictRunner:
    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.vars: list[dict[Any, int]] = [{}, {}, {}, {}]
        self.keep: list[dict[Any, int]] = list(self.vars)  # ids stay unique
        self.ver: dict[int, int] = {}
        # iterator, dict, len at creation, version at creation, exhausted, tainted
        self.its: list[list[Any] | None] = [None] * 4

    def new(self, d: dict[Any, int]) -> dict[Any, int]:
        self.keep.append(d)
        return d

    def key_error(self, e: KeyError) -> Outcome:
        if self.kind == "tuple" and e.args and isinstance(e.args[0], tuple):
            return bail()
        return raised(e)

    def repr_of(self, d: dict[Any, int]) -> Outcome:
        if self.kind == "str" and not all(k.isascii() for k in d):
            return bail()
        return ("ok", repr(d))

    def op(self, op: Op) -> Outcome:
        code, a, b, c, x, y = op
        d = self.vars[a]
        before = list(d)
        try:
            out = self._op(code, a, b, c, x, y, d)
        except KeyError as e:
            out = self.key_error(e)
        except Exception as e:
            out = raised(e)
        if list(d) != before:
            self.ver[id(d)] = self.ver.get(id(d), 0) + 1
        return out

    def _op(self, code: int, a: int, b: int, c: int, x: Any, y: Any, d: dict[Any, int]) -> Outcome:
        v = self.vars
        if code == 1:
            d[x] = y
            return NONE
        if code == 2:
            return ("ok", d[x])
        if code == 3:
            del d[x]
            return NONE
        if code == 4:
            return ("ok", x in d)
        if code == 5:
            return ("ok", d.get(x))
        if code == 6:
            return ("ok", d.get(x, y))
        if code == 7:
            return ("ok", d.setdefault(x, y))
        if code == 8:
            return ("ok", d.pop(x))
        if code == 9:
            return ("ok", d.pop(x, y))
        if code == 10:
            return ("ok", d.popitem())
        if code == 11:
            return ("ok", len(d))
        if code == 12:
            return ("ok", list(d))
        if code == 13:
            return ("ok", list(d.values()))
        if code == 14:
            return ("ok", list(d.items()))
        if code == 15:
            d.update(v[b])
            return NONE
        if code == 16:
            d.clear()
            return NONE
        if code == 17:
            v[a] = self.new(v[b].copy())
            return NONE
        if code == 18:
            v[a] = v[b]
            return NONE
        if code == 19:
            return ("ok", v[a] == v[b])
        if code == 20:
            v[a] = self.new(dict(x))
            return NONE
        if code == 21:
            return self.repr_of(d)
        if code == 22:
            it = iter(d) if c == 0 else iter(d.values()) if c == 1 else iter(d.items())
            self.its[b] = [it, d, len(d), self.ver.get(id(d), 0), False, False]
            return NONE
        if code == 23:
            return self.next(a)
        if code == 24:
            v[a] = self.new(v[b] | v[c])
            return NONE
        if code == 25:
            v[a] = self.new(dict.fromkeys(x, y))
            return NONE
        raise AssertionError(f"bad dict op {code}")

    def next(self, slot: int) -> Outcome:
        state = self.its[slot]
        if state is None:
            return NONE
        it, d, n, ver, exhausted, tainted = state
        if tainted:
            return ANY
        if not exhausted and len(d) == n and self.ver.get(id(d), 0) != ver:
            # CPython walks its entry array; the runtime bails.
            state[5] = True
            return ANY
        try:
            return ("ok", next(it))
        except StopIteration:
            state[4] = True
            return NONE


class SetRunner:
    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.ordered = kind != "str"
        self.vars: list[set[Any]] = [set(), set(), set(), set()]
        # iterator, set, len at creation, sticky error
        self.its: list[list[Any] | None] = [None] * 4

    def key_error(self, e: KeyError) -> Outcome:
        if self.kind == "tuple" and e.args and isinstance(e.args[0], tuple):
            return bail()
        return raised(e)

    def op(self, op: Op) -> Outcome:
        code, a, b, c, x, y = op
        try:
            return self._op(code, a, b, c, x, y, self.vars[a])
        except KeyError as e:
            return self.key_error(e)
        except Exception as e:
            return raised(e)

    def shows_order(self, s: set[Any]) -> bool:
        return self.ordered or len(s) <= 1

    def _op(self, code: int, a: int, b: int, c: int, x: Any, y: Any, s: set[Any]) -> Outcome:
        v = self.vars
        if code == 40:
            s.add(x)
            return NONE
        if code == 41:
            s.discard(x)
            return NONE
        if code == 42:
            s.remove(x)
            return NONE
        if code == 43:
            return ("ok", x in s)
        if code == 44:
            if not self.shows_order(s):
                return bail()
            return ("ok", s.pop())
        if code == 45:
            s.clear()
            return NONE
        if code == 46:
            return ("ok", len(s))
        if code == 47:
            return ("ok", list(s)) if self.shows_order(s) else bail()
        if code == 48:
            v[a] = set(x)
            return NONE
        if code == 49:
            return self.const_display(a, x)
        if code == 50:
            return self.const_frozen(x)
        if code == 51:
            v[a] = v[b].copy()
            return NONE
        if code == 52:
            v[a] = v[b]
            return NONE
        if code == 53:
            v[a] = v[b] | v[c]
            return NONE
        if code == 54:
            v[a] = v[b] & v[c]
            return NONE
        if code == 55:
            v[a] = v[b] - v[c]
            return NONE
        if code == 56:
            v[a] = v[b] ^ v[c]
            return NONE
        if code == 57:
            s |= v[b]
            return NONE
        if code == 58:
            s &= v[b]
            return NONE
        if code == 59:
            s -= v[b]
            return NONE
        if code == 60:
            s ^= v[b]
            return NONE
        if code == 61:
            s.update(x)
            return NONE
        if code == 62:
            return ("ok", s.issubset(v[b]))
        if code == 63:
            return ("ok", s.issuperset(v[b]))
        if code == 64:
            return ("ok", s.isdisjoint(v[b]))
        if code == 65:
            return ("ok", s == v[b])
        if code == 66:
            return ("ok", s < v[b])
        if code == 67:
            return ("ok", s > v[b])
        if code == 68:
            v[a] = set(dict.fromkeys(x, 0))
            return NONE
        if code == 69:
            if not self.shows_order(s) or (self.kind == "str" and not all(k.isascii() for k in s)):
                return bail()
            return ("ok", repr(s))
        if code == 70:
            return ("ok", sorted(s))
        if code == 71:
            return ("ok", min(s))
        if code == 72:
            return ("ok", max(s))
        if code == 73:
            total = sum(s)
            if not I64_MIN <= total <= I64_MAX:
                return bail(BAIL_OVERFLOW)
            return ("ok", total)
        if code == 74:
            self.its[b] = [iter(s), s, len(s), False]
            return NONE
        if code == 75:
            return self.next(a)
        if code == 76:
            s.update(dict.fromkeys(x, 0))
            return NONE
        raise AssertionError(f"bad set op {code}")

    def const_display(self, a: int, items: list[Any]) -> Outcome:
        if len(items) >= 3 and self.ordered and not homes_distinct(items):
            return bail()
        result = const_eval("{" + ", ".join(map(repr, items)) + "}", self.ordered)
        if result is None:
            return ("oracle", f"compiled and .pyc displays differ: {items!r}")
        self.vars[a] = result
        return NONE

    def const_frozen(self, items: list[Any]) -> Outcome:
        if self.ordered and not homes_distinct(items):
            return bail()
        result = const_eval("[x for x in {" + ", ".join(map(repr, items)) + "}]", self.ordered)
        if result is None:
            return ("oracle", f"compiled and .pyc frozensets differ: {items!r}")
        if not self.shows_order(set(items)):
            return bail()
        return ("ok", result)

    def next(self, slot: int) -> Outcome:
        state = self.its[slot]
        if state is None:
            return NONE
        it, s, n, sticky = state
        if not self.ordered:
            # The runtime checks the size (as CPython does), then bails; this
            # iterator only advances when CPython raises.
            if sticky or len(s) != n:
                state[3] = True
                try:
                    next(it)
                except RuntimeError as e:
                    return raised(e)
                return ("oracle", "no RuntimeError")
            return bail()
        try:
            return ("ok", next(it))
        except StopIteration:
            return NONE


def run_script(kind: int, ops: list[Op]) -> list[Outcome]:
    runner: DictRunner | SetRunner = (
        DictRunner(DICT_KINDS[kind]) if kind in DICT_KINDS else SetRunner(SET_KINDS[kind])
    )
    return [runner.op(op) for op in ops]


def main() -> None:
    scripts = ast.literal_eval(sys.stdin.read())
    print(repr([run_script(kind, ops) for kind, ops in scripts]))


if __name__ == "__main__":
    main()
