"""Conformance of the runtime's ``dict`` and ``set`` modules with CPython.

The real pipeline, no mocks: the runtime crate (``runtime_sources()``, with
``pyver.rs`` probed from this interpreter) is compiled to a wasm32 rlib with
the discovered rustc (``-D warnings``); ``tests/rtharness_dict/harness.rs``
runs *operation scripts* (insert, delete, look up, pop, iterate step by step
while mutating, set algebra, ...) on a few variables inside WASM, and
``tests/rtharness_dict/dictset_oracle.py`` runs the same scripts on real dicts and
sets.  Every outcome is compared: values with their types, iteration orders,
lengths, exception types and messages, and a KeyError's argument, decoded
from the runtime's ``i:`` / ``b:`` / ``s:`` message encoding.

Bails are accepted only where the runtime documents them, and the oracle
names each: a KeyError whose key is a tuple, anything showing the order of a
set of ``str`` (randomized hash), a constant set display whose layout would
depend on the order the compiler or a ``.pyc`` added its items in, ``sum``
beyond i64, ``repr`` of a non-ASCII str, and a dict iterator stepped after
keys were added and removed without the size changing.

Where other CPython versions (3.10 to 3.13) are installed, the oracle also
runs there, and the WASM orders must match theirs too.
"""

from __future__ import annotations

import ast
import os
import random
import shutil
import struct
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portalis import pyversion

wasmtime = pytest.importorskip("wasmtime")

HERE = Path(__file__).parent
HARNESS_DIR = HERE / "rtharness_dict"
sys.path.insert(0, str(HARNESS_DIR))
import dictset_oracle as oracle  # noqa: E402

I64_MIN = -(2**63)
I64_MAX = 2**63 - 1
BAIL_OVERFLOW = 1
BAIL_UNSUPPORTED = 3

EXC_NAMES = {
    1: "Exception", 2: "ArithmeticError", 3: "ZeroDivisionError", 4: "OverflowError",
    5: "ValueError", 6: "TypeError", 7: "IndexError", 8: "KeyError", 9: "LookupError",
    10: "AssertionError", 11: "RuntimeError", 12: "NotImplementedError",
    13: "RecursionError", 14: "AttributeError", 15: "NameError", 16: "UnboundLocalError",
    17: "StopIteration",
}  # fmt: skip

HYP = settings(
    # PORTALIS_HYP_EXAMPLES=5000 for a long soak
    max_examples=int(os.environ.get("PORTALIS_HYP_EXAMPLES", "120")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

Op = tuple[int, int, int, int, Any, Any]
Script = tuple[int, list[Op]]
Outcome = tuple[Any, ...]

DICT_INT, DICT_STR, DICT_BOOL, DICT_TUPLE = 0, 1, 2, 3
SET_INT, SET_STR, SET_BOOL, SET_TUPLE = 10, 11, 12, 13


# --------------------------------------------------------------------------- harness


def _enc(out: bytearray, v: Any) -> None:
    if v is None:
        out.append(0)
    elif isinstance(v, bool):
        out += bytes([4, int(v)])
    elif isinstance(v, int):
        out.append(1)
        out += struct.pack("<q", v)
    elif isinstance(v, str):
        data = v.encode("utf-8")
        out.append(3)
        out += struct.pack("<I", len(data)) + data
    elif isinstance(v, list | tuple):
        out.append(6 if isinstance(v, list) else 7)
        out += struct.pack("<I", len(v))
        for x in v:
            _enc(out, x)
    else:
        raise TypeError(f"cannot pass {v!r} to the harness")


def encode(scripts: Sequence[Script]) -> bytes:
    out = bytearray()
    for kind, ops in scripts:
        out.append(kind)
        out += struct.pack("<I", len(ops))
        for code, a, b, c, x, y in ops:
            out += bytes([code, a, b, c])
            _enc(out, x)
            _enc(out, y)
    return bytes(out)


def decode_key_arg(msg: str) -> tuple[Any, ...]:
    """The runtime's KeyError message encoding, back to ``e.args``."""
    tag, _, text = msg.partition(":")
    if tag == "i":
        return (int(text),)
    if tag == "b":
        assert text in ("True", "False"), msg
        return (text == "True",)
    assert tag == "s", f"KeyError message not encoded: {msg!r}"
    return (text,)


class _Decoder:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def take(self, n: int) -> bytes:
        chunk = self.data[self.pos : self.pos + n]
        assert len(chunk) == n, "truncated harness output"
        self.pos += n
        return chunk

    def u32(self) -> int:
        return int(struct.unpack("<I", self.take(4))[0])

    def value(self) -> Any:
        tag = self.take(1)[0]
        if tag == 10:
            return None
        if tag == 11:
            return struct.unpack("<q", self.take(8))[0]
        if tag == 13:
            return self.take(self.u32()).decode("utf-8")
        if tag == 14:
            return self.take(1)[0] != 0
        if tag in (15, 16):
            items = [self.value() for _ in range(self.u32())]
            return items if tag == 15 else tuple(items)
        raise AssertionError(f"bad value tag {tag}")

    def outcome(self) -> Outcome:
        tag = self.take(1)[0]
        if tag == 0:
            name = EXC_NAMES[self.u32()]
            n = self.u32()
            msg = None if n == 0xFFFF_FFFF else self.take(n).decode("utf-8")
            if name == "KeyError":
                return ("raise", name, () if msg is None else decode_key_arg(msg))
            return ("raise", name, msg or "")
        if tag == 1:
            return ("bail", self.u32())
        if tag == 2:
            return ("ok", self.value())
        if tag == 3:
            return ("harness", self.take(self.u32()).decode("utf-8"))
        raise AssertionError(f"bad outcome tag {tag}")


class Harness:
    """The compiled harness; a fresh instance after a trap."""

    def __init__(self, wasm: Path) -> None:
        self.engine = wasmtime.Engine()
        self.module = wasmtime.Module.from_file(self.engine, str(wasm))
        self.imports = sorted((imp.module, imp.name) for imp in self.module.imports)
        self._instantiate()

    def _instantiate(self) -> None:
        self.store = wasmtime.Store(self.engine)
        self.store.set_wasi(wasmtime.WasiConfig())
        linker = wasmtime.Linker(self.engine)
        linker.define_wasi()
        exports = linker.instantiate(self.store, self.module).exports(self.store)
        self.memory = exports["memory"]
        self.h_in = exports["h_in"]
        self.h_out = exports["h_out"]
        self.h_run = exports["h_run"]

    def _run_raw(self, scripts: Sequence[Script]) -> list[list[Outcome]]:
        data = encode(scripts)
        ptr = self.h_in(self.store, len(data))
        self.memory.write(self.store, data, ptr)
        n = self.h_run(self.store, len(data))
        out_ptr = self.h_out(self.store)
        dec = _Decoder(bytes(self.memory.read(self.store, out_ptr, out_ptr + n)))
        results = []
        for _kind, ops in scripts:
            count = dec.u32()
            assert count == len(ops), "harness lost ops"
            results.append([dec.outcome() for _ in ops])
        assert dec.pos == len(dec.data), "trailing harness output"
        return results

    def run(self, scripts: Sequence[Script]) -> list[list[Outcome]]:
        try:
            return self._run_raw(scripts)
        except wasmtime.WasmtimeError:
            for script in scripts:  # find the script that traps, for the report
                self._instantiate()
                try:
                    self._run_raw([script])
                except wasmtime.WasmtimeError as exc:
                    self._instantiate()
                    raise AssertionError(f"the runtime trapped (panicked) on {script!r}") from exc
            self._instantiate()
            raise


def _rustc(args: list[str]) -> None:
    proc = subprocess.run(args, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "warning" not in proc.stderr, proc.stderr


@pytest.fixture(scope="module")
def rt(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Harness]:
    from portalis.errors import ToolchainError
    from portalis.toolchain import find_toolchain

    try:
        tc = find_toolchain()
    except ToolchainError as exc:
        pytest.skip(f"no Rust toolchain with a wasm32 std: {exc}")
    build = tmp_path_factory.mktemp("rt-dict")
    src = build / "rt"
    src.mkdir()
    for name, text in pyversion.runtime_sources().items():
        (src / name).write_text(text, encoding="utf-8")
    # PORTALIS_RT_TEST_DEBUG=1: opt-level 0, where overflow checks and
    # debug assertions are on (any overflow would then trap).
    opt = ["-C", "opt-level=0"] if os.environ.get("PORTALIS_RT_TEST_DEBUG") else ["-O"]
    common = ["--edition", "2018", "--target", tc.target, *opt, "-C", "debuginfo=0"]
    rlib = build / "libportalis_rt.rlib"
    _rustc(
        [tc.rustc, *common, "-D", "warnings", "--crate-type", "rlib",
         "--crate-name", "portalis_rt", str(src / "lib.rs"), "-o", str(rlib)]
    )  # fmt: skip
    wasm = build / "harness_dict.wasm"
    _rustc(
        [tc.rustc, *common, "-D", "warnings", "--crate-type", "cdylib",
         "--crate-name", "rtharness_dict", "--extern", f"portalis_rt={rlib}",
         "-L", f"dependency={build}", str(HARNESS_DIR / "harness.rs"), "-o", str(wasm)]
    )  # fmt: skip
    yield Harness(wasm)


# --------------------------------------------------------------------------- comparison


def typed(v: Any) -> Any:
    """The value with every type made visible (True != 1 here)."""
    if isinstance(v, list | tuple):
        return (type(v).__name__, [typed(x) for x in v])
    return (type(v).__name__, v)


def same(got: Outcome, want: Outcome, *, messages: bool = True) -> bool:
    if want[0] == "any":
        return bool(got[0] != "harness")
    if got[0] != want[0]:
        return False
    if want[0] == "ok":
        return bool(typed(got[1]) == typed(want[1]))
    if want[0] == "raise":
        if got[1] != want[1]:
            return False
        if want[1] == "KeyError":
            return bool(typed(got[2]) == typed(want[2]))
        return not messages or bool(got[2] == want[2])
    return bool(got == want)


class Checker:
    """Runs scripts through the harness and the oracle; collects mismatches."""

    def __init__(self, rt: Harness) -> None:
        self.rt = rt
        self.ops = 0
        self.bails = 0
        self.anys = 0

    def run(self, scripts: Sequence[Script]) -> list[list[Outcome]]:
        got = self.rt.run(scripts)
        problems = []
        for si, ((kind, ops), g) in enumerate(zip(scripts, got)):
            want = oracle.run_script(kind, ops)
            for oi, (op, w, o) in enumerate(zip(ops, want, g)):
                self.ops += 1
                self.bails += o[0] == "bail"
                self.anys += w[0] == "any"
                if w[0] == "oracle" or not same(o, w):
                    problems.append(
                        f"script {si} (kind {kind}) op {oi} {op!r}: CPython {w!r}, runtime {o!r}"
                        f"\n  script: {ops[: oi + 1]!r}"
                    )
                    break
        assert not problems, "\n".join(problems[:10]) + f"\n({len(problems)} scripts differ)"
        return got


@pytest.fixture()
def check(rt: Harness) -> Checker:
    return Checker(rt)


# --------------------------------------------------------------------------- inputs

# Collisions in every table size (multiples of 8, 32, 128, ...), -1 and -2
# (the same hash), the ends of the hash modulus 2**61 - 1 and of i64.
SPECIAL_INTS = [
    -1, -2, 2**61 - 2, 2**61 - 1, 2**61, 2**61 + 1, -(2**61 - 1), -(2**61), 2**62, 2**62 + 1,
    I64_MAX, I64_MAX - 1, I64_MIN, I64_MIN + 1, 2**32, 2**40 + 8, -(2**40),
]  # fmt: skip
INT_POOL = [
    *range(-8, 40), *range(40, 400, 8), *range(0, 4096, 128), *range(-64, 0, 16), *SPECIAL_INTS,
]  # fmt: skip
STR_POOL = ["", "a", "b", "c", "ab", "ba", "abc", "x'y", 'q"r', "\\", "\n\t", "\x00", "\x7f",
            *(f"k{i}" for i in range(16))]  # fmt: skip
TUPLE_SMALL = list(range(-3, 6))


def int_keys() -> st.SearchStrategy[int]:
    return st.one_of(
        st.sampled_from(INT_POOL),
        st.sampled_from(INT_POOL),
        st.sampled_from(INT_POOL),
        st.integers(I64_MIN, I64_MAX),
    )


KEYS: dict[str, Callable[[], st.SearchStrategy[Any]]] = {
    "int": int_keys,
    "str": lambda: st.sampled_from(STR_POOL),
    "bool": st.booleans,
    "tuple": lambda: st.tuples(st.sampled_from(TUPLE_SMALL), st.sampled_from(TUPLE_SMALL)),
}
DICT_KIND_OF = {"int": DICT_INT, "str": DICT_STR, "bool": DICT_BOOL, "tuple": DICT_TUPLE}
SET_KIND_OF = {"int": SET_INT, "str": SET_STR, "bool": SET_BOOL, "tuple": SET_TUPLE}

var = st.integers(0, 3)
NO_ARG = st.none()
values = st.one_of(st.integers(-5, 5), st.sampled_from([I64_MIN, I64_MAX, 0]))


def dict_ops(keys: st.SearchStrategy[Any]) -> st.SearchStrategy[Op]:
    def op(code: int, x: Any = NO_ARG, y: Any = NO_ARG, b: Any = var, c: Any = var) -> Any:
        return st.tuples(st.just(code), var, b, c, x, y)

    common = [
        op(1, keys, values), op(1, keys, values), op(1, keys, values), op(1, keys, values),
        op(2, keys), op(3, keys), op(3, keys), op(4, keys), op(5, keys), op(6, keys, values),
        op(7, keys, values), op(8, keys), op(9, keys, values), op(10), op(10), op(11), op(12),
        op(12), op(13), op(14), op(15), op(16), op(17), op(18), op(19),
        op(20, st.lists(st.tuples(keys, values), max_size=12)), op(21),
        op(22, b=var, c=st.integers(0, 2)), op(23), op(23), op(23), op(24),
        op(25, st.lists(keys, max_size=10), values),
    ]  # fmt: skip
    return st.one_of(*common)


def set_ops(keys: st.SearchStrategy[Any], kind: str) -> st.SearchStrategy[Op]:
    def op(code: int, x: Any = NO_ARG, b: Any = var, c: Any = var) -> Any:
        return st.tuples(st.just(code), var, b, c, x, NO_ARG)

    items = st.lists(keys, max_size=40)
    const_items = st.lists(keys, min_size=1, max_size=12)
    common = [
        op(40, keys), op(40, keys), op(40, keys), op(40, keys), op(40, keys), op(41, keys),
        op(41, keys), op(42, keys), op(43, keys), op(44), op(44), op(45), op(46), op(47),
        op(47), op(48, items), op(49, const_items), op(50, const_items), op(51), op(52),
        op(53), op(54), op(55), op(56), op(57), op(58), op(59), op(60), op(61, items), op(62),
        op(63), op(64), op(65), op(66), op(67), op(68, items), op(69), op(70), op(71), op(72),
        op(74), op(75), op(75), op(75), op(76, items),
    ]  # fmt: skip
    if kind in ("int", "bool"):
        common.append(op(73))
    return st.one_of(*common)


def random_script(rng: random.Random, kind: int, n: int) -> Script:
    """A script without hypothesis: many at once, for breadth."""
    is_dict = kind < 10
    name = (oracle.DICT_KINDS if is_dict else oracle.SET_KINDS)[kind]
    pool: list[Any]
    if name == "int":
        randoms = [rng.randrange(I64_MIN, I64_MAX) for _ in range(30)]
        pool = rng.choice([INT_POOL, list(range(-3, 20)), randoms + SPECIAL_INTS])
    elif name == "str":
        pool = STR_POOL
    elif name == "bool":
        pool = [True, False]
    else:
        pool = [(a, b) for a in TUPLE_SMALL for b in TUPLE_SMALL]

    def k() -> Any:
        return rng.choice(pool)

    def lst(lo: int = 0) -> list[Any]:
        return [k() for _ in range(rng.randrange(lo, rng.choice([4, 12, 60, 200])))]

    def v() -> int:
        return rng.randrange(4)

    dict_codes = [1] * 12 + [3] * 5 + [8, 9, 10, 10, 2, 4, 5, 6, 7, *range(11, 26)] + [23] * 6
    ops: list[Op] = []
    for _ in range(n):
        if is_dict:
            code = rng.choice(dict_codes)
            x: Any = None
            y: Any = None
            if code in (1, 2, 3, 4, 5, 6, 7, 8, 9):
                x, y = k(), rng.randrange(-5, 6)
            elif code == 20:
                x = [(k(), rng.randrange(-5, 6)) for _ in range(rng.randrange(0, 30))]
            elif code == 25:
                x, y = lst(), 7
            c = rng.randrange(3) if code == 22 else v()
            ops.append((code, v(), v(), c, x, y))
        else:
            codes = [40] * 14 + [41] * 6 + [44] * 3 + list(range(42, 77)) + [75] * 6
            code = rng.choice([c for c in codes if c != 73 or name in ("int", "bool")])
            x = None
            if code in (40, 41, 42, 43):
                x = k()
            elif code in (48, 61, 68, 76):
                x = lst()
            elif code in (49, 50):
                x = lst(1)[:14]
            ops.append((code, v(), v(), v(), x, None))
    return (kind, ops)


# --------------------------------------------------------------------------- dict tests


def test_harness_imports_only_wasi(rt: Harness) -> None:
    assert all(module.startswith("wasi") for module, _ in rt.imports), rt.imports


@pytest.mark.parametrize("kind", ["int", "str", "bool", "tuple"])
def test_dict_scripts_hypothesis(rt: Harness, kind: str) -> None:
    @HYP
    @given(ops=st.lists(dict_ops(KEYS[kind]()), max_size=80))
    def run(ops: list[Op]) -> None:
        Checker(rt).run([(DICT_KIND_OF[kind], ops)])

    run()


@pytest.mark.parametrize("kind", ["int", "str", "bool", "tuple"])
def test_set_scripts_hypothesis(rt: Harness, kind: str) -> None:
    @HYP
    @given(ops=st.lists(set_ops(KEYS[kind](), kind), max_size=80))
    def run(ops: list[Op]) -> None:
        Checker(rt).run([(SET_KIND_OF[kind], ops)])

    run()


BULK_KINDS = [DICT_INT, DICT_STR, DICT_BOOL, DICT_TUPLE, SET_INT, SET_STR, SET_BOOL, SET_TUPLE]


def bulk_scripts(seed: int, count: int) -> list[Script]:
    rng = random.Random(seed)
    kinds = [SET_INT] * 4 + [DICT_INT] * 2 + BULK_KINDS
    return [random_script(rng, rng.choice(kinds), rng.randrange(1, 160)) for _ in range(count)]


def test_random_scripts_bulk(check: Checker) -> None:
    scripts = bulk_scripts(2024, 1500)
    for k in range(0, len(scripts), 250):
        check.run(scripts[k : k + 250])
    assert check.ops > 100_000
    # bails are the documented exceptions, not the rule
    assert check.bails < check.ops // 20, (check.bails, check.ops)


def test_dict_order_and_errors(check: Checker) -> None:
    d = DICT_INT
    got = check.run([
        (d, [(1, 0, 0, 0, 5, 1), (1, 0, 0, 0, 3, 2), (1, 0, 0, 0, 9, 3), (1, 0, 0, 0, 5, 4),
             (12, 0, 0, 0, None, None),  # [5, 3, 9]: a present key keeps its place
             (3, 0, 0, 0, 3, None), (1, 0, 0, 0, 3, 5), (14, 0, 0, 0, None, None),
             (10, 0, 0, 0, None, None), (10, 0, 0, 0, None, None), (10, 0, 0, 0, None, None),
             (10, 0, 0, 0, None, None), (2, 0, 0, 0, -7, None), (3, 0, 0, 0, 2**61, None),
             (8, 0, 0, 0, I64_MIN, None)]),
        (DICT_STR, [(2, 0, 0, 0, "missing'\n", None), (20, 0, 0, 0, [("b", 1), ("a", 2),
                                                                     ("b", 3)], None),
                    (14, 0, 0, 0, None, None), (21, 0, 0, 0, None, None)]),
        (DICT_BOOL, [(1, 0, 0, 0, True, 1), (2, 0, 0, 0, False, None), (8, 0, 0, 0, True, None),
                     (8, 0, 0, 0, True, None)]),
        (DICT_TUPLE, [(2, 0, 0, 0, (1, 2), None), (1, 0, 0, 0, (1, 2), 3),
                      (21, 0, 0, 0, None, None)]),
    ])  # fmt: skip
    assert got[0][4] == ("ok", [5, 3, 9])
    assert got[0][7] == ("ok", [(5, 4), (9, 3), (3, 5)])
    assert got[0][8] == ("ok", (3, 5))  # LIFO
    assert got[0][11] == ("raise", "KeyError", ("popitem(): dictionary is empty",))
    assert got[0][12:] == [("raise", "KeyError", (-7,)), ("raise", "KeyError", (2**61,)),
                           ("raise", "KeyError", (I64_MIN,))]  # fmt: skip
    assert got[1][0] == ("raise", "KeyError", ("missing'\n",))
    assert got[1][2] == ("ok", [("b", 3), ("a", 2)])
    assert got[2][1] == ("raise", "KeyError", (False,))
    assert got[2][3] == ("raise", "KeyError", (True,))
    assert got[3][0] == ("bail", BAIL_UNSUPPORTED)  # a tuple key cannot travel
    assert got[3][2] == ("ok", "{(1, 2): 3}")


def test_dict_iteration_while_mutating(check: Checker) -> None:
    d = DICT_INT
    fill = [(1, 0, 0, 0, k, k) for k in (4, 1, 7)]
    got = check.run([
        # value updates during iteration are fine
        (d, [*fill, (22, 0, 0, 0, None, None), (23, 0, 0, 0, None, None), (1, 0, 0, 0, 4, 40),
             (23, 0, 0, 0, None, None), (1, 0, 0, 0, 1, 10), (23, 0, 0, 0, None, None),
             (23, 0, 0, 0, None, None), (23, 0, 0, 0, None, None)]),
        # an insertion: RuntimeError, sticky
        (d, [*fill, (22, 0, 0, 0, None, None), (23, 0, 0, 0, None, None), (1, 0, 0, 0, 9, 9),
             (23, 0, 0, 0, None, None), (3, 0, 0, 0, 9, None), (23, 0, 0, 0, None, None)]),
        # a deletion and an insertion: the same size, CPython walks its entries: bail
        (d, [*fill, (22, 0, 0, 0, None, None), (23, 0, 0, 0, None, None), (3, 0, 0, 0, 7, None),
             (1, 0, 0, 0, 8, 8), (23, 0, 0, 0, None, None)]),
        # an exhausted iterator stays exhausted
        (d, [*fill, (22, 0, 0, 2, None, None), *[(23, 0, 0, 0, None, None)] * 4,
             (1, 0, 0, 0, 2, 2), (23, 0, 0, 0, None, None)]),
    ])  # fmt: skip
    assert [g[1] for g in got[0][4:]] == [4, None, 1, None, 7, None, None]
    msg = pyversion.probe_messages()["DICT_CHANGED_SIZE"]
    assert got[1][6] == got[1][8] == ("raise", "RuntimeError", msg)
    assert got[2][7] == ("bail", BAIL_UNSUPPORTED)
    assert [g[1] for g in got[3][4:]] == [(4, 4), (1, 1), (7, 7), None, None, None]


# --------------------------------------------------------------------------- set tests


def set_list(check: Checker, ops: list[Op], kind: int = SET_INT) -> Any:
    got = check.run([(kind, [*ops, (47, 0, 0, 0, None, None)])])
    return got[0][-1][1]


def test_set_hash_collisions(check: Checker) -> None:
    # hash(-1) == hash(-2) == -2; hash(2**61 - 1) == 0; hash(-2**63) == -4
    adds = [(40, 0, 0, 0, x, None) for x in (-1, -2, 2**61 - 1, 0, I64_MIN, -4, 2**61, 1)]
    assert set_list(check, adds) == list({-1, -2, 2**61 - 1, 0, I64_MIN, -4, 2**61, 1})
    seq = [(40, 0, 0, 0, 8 * i, None) for i in range(30)]
    seq += [(41, 0, 0, 0, 8 * i, None) for i in range(0, 30, 3)]
    seq += [(40, 0, 0, 0, 8 * i + 1, None) for i in range(0, 60, 7)]
    check.run([(SET_INT, [*seq, (47, 0, 0, 0, None, None)])])


def test_set_pop_finger(check: Checker) -> None:
    ops: list[Op] = [(48, 0, 0, 0, [5, 13, 21, 1, 2, 100, 7], None)]
    ops += [(44, 0, 0, 0, None, None)] * 3
    ops += [(40, 0, 0, 0, x, None) for x in (0, 8, 3)]
    ops += [(44, 0, 0, 0, None, None)] * 2 + [(45, 0, 0, 0, None, None)]
    ops += [(40, 0, 0, 0, x, None) for x in (0, 1, 2, 3, 4)]  # clear() kept the finger
    ops += [(44, 0, 0, 0, None, None)] * 6
    got = check.run([(SET_INT, ops)])
    assert got[0][-1] == ("raise", "KeyError", ("pop from an empty set",))


def test_set_algebra_with_itself(check: Checker) -> None:
    base: list[Op] = [(48, 0, 0, 0, [3, 11, 19, 4, 5], None)]
    after: list[Op] = [(40, 1, 0, 0, 27, None), (47, 1, 0, 0, None, None),
                       (44, 1, 0, 0, None, None)]  # fmt: skip
    scripts: list[Script] = []
    for code in (53, 54, 55, 56):  # b = a op a
        scripts.append((SET_INT, [*base, (code, 1, 0, 0, None, None), *after]))
    for code in (57, 58, 59, 60):  # a op= a
        scripts.append((SET_INT, [*base, (code, 0, 0, 0, None, None), (52, 1, 0, 0, None, None),
                                  *after]))  # fmt: skip
    check.run(scripts)


def test_set_growth_past_50000(check: Checker) -> None:
    """Past 50000 elements a full table doubles instead of quadrupling: grow
    through it, and refill tables whose dummies make them fill up with
    50000 +- a few elements."""
    big = list(range(0, 3 * 80_000, 3))
    ops: list[Op] = [(48, 0, 0, 0, big[:49_990], None)]
    ops += [(40, 0, 0, 0, x, None) for x in big[49_990:50_100]]
    ops += [(61, 0, 0, 0, big[50_100:], None), (47, 0, 0, 0, None, None),
            (41, 0, 0, 0, 6, None), (51, 1, 0, 0, None, None), (47, 1, 0, 0, None, None),
            (48, 2, 0, 0, big[::7], None), (55, 3, 0, 2, None, None), (47, 3, 0, 0, None, None),
            (59, 0, 2, 0, None, None), (47, 0, 0, 0, None, None)]  # fmt: skip
    scripts: list[Script] = [(SET_INT, ops)]
    base = big[:60_000]
    fresh = list(range(1, 3 * 30_000, 3))
    for gone in (8_000, 11_000, 18_000, 21_000, 28_000, 28_644, 29_500):
        scripts.append((SET_INT, [(48, 0, 0, 0, base, None), (48, 1, 0, 0, base[:gone], None),
                                  (59, 0, 1, 0, None, None), (61, 0, 0, 0, fresh, None),
                                  (47, 0, 0, 0, None, None)]))  # fmt: skip
    check.run(scripts)


def test_set_iteration_while_mutating(check: Checker) -> None:
    base: list[Op] = [(48, 0, 0, 0, [1, 2, 3, 9, 17], None), (74, 0, 0, 0, None, None)]
    nxt: Op = (75, 0, 0, 0, None, None)
    got = check.run([
        # same size: CPython goes on from the same slot (9 lands behind the cursor)
        (SET_INT, [*base, nxt, (41, 0, 0, 0, 3, None), (40, 0, 0, 0, 25, None), nxt, nxt, nxt,
                   nxt, nxt]),
        (SET_INT, [*base, nxt, (40, 0, 0, 0, 4, None), nxt, nxt, (41, 0, 0, 0, 4, None), nxt]),
        (SET_STR, [(48, 0, 0, 0, ["a", "b"], None), (74, 0, 0, 0, None, None), nxt,
                   (40, 0, 0, 0, "c", None), nxt]),
    ])  # fmt: skip
    msg = pyversion.probe_messages()["SET_CHANGED_SIZE"]
    assert got[1][4] == got[1][5] == got[1][7] == ("raise", "RuntimeError", msg)
    assert got[2][2] == ("bail", BAIL_UNSUPPORTED)
    assert got[2][4] == ("raise", "RuntimeError", msg)


def test_set_of_str_bails_only_on_order(check: Checker) -> None:
    ops: list[Op] = [(48, 0, 0, 0, ["b", "a", "c"], None), (48, 1, 0, 0, ["a", "z"], None),
                     (43, 0, 0, 0, "a", None), (46, 0, 0, 0, None, None), (70, 0, 0, 0, None, None),
                     (54, 2, 0, 1, None, None), (47, 2, 0, 0, None, None),
                     (53, 3, 0, 1, None, None), (70, 3, 0, 0, None, None),
                     (42, 0, 0, 0, "q", None), (47, 0, 0, 0, None, None),
                     (44, 0, 0, 0, None, None), (69, 2, 0, 0, None, None),
                     (44, 2, 0, 0, None, None)]  # fmt: skip
    got = check.run([(SET_STR, ops)])[0]
    assert got[6] == ("ok", ["a"])
    assert got[8] == ("ok", ["a", "b", "c", "z"])
    assert got[9] == ("raise", "KeyError", ("q",))
    assert got[10] == got[11] == ("bail", BAIL_UNSUPPORTED)
    assert got[12] == ("ok", "{'a'}")
    assert got[13] == ("ok", "a")


def test_set_const_displays(check: Checker) -> None:
    def disp(items: list[Any], kind: int = SET_INT) -> Script:
        return (kind, [(49, 0, 0, 0, items, None), (47, 0, 0, 0, None, None),
                       (50, 0, 0, 0, items, None)])  # fmt: skip

    got = check.run([disp([1, 2, 3]), disp([7, 3, 5, 1, 0, 2]), disp([1, 9, 17]),
                     disp([1, 9]), disp([-1, -2, 5]),
                     disp([(1, 2), (3, 4), (0, 0)], SET_TUPLE),
                     disp([True, False, True], SET_BOOL),
                     disp(["x", "y", "z"], SET_STR)])  # fmt: skip
    assert got[0][1] == ("ok", [1, 2, 3])
    assert got[1][1] == ("ok", [0, 1, 2, 3, 5, 7])
    assert got[2][0] == got[2][2] == ("bail", BAIL_UNSUPPORTED)  # all in slot 1: order matters
    assert got[3][1] == ("ok", [1, 9])  # two items are not folded: added in order
    assert got[4][0] == ("bail", BAIL_UNSUPPORTED)  # -1 and -2 share a hash


def test_set_sum_min_max(check: Checker) -> None:
    got = check.run([
        (SET_INT, [(48, 0, 0, 0, [I64_MAX, 1, -5], None), (73, 0, 0, 0, None, None),
                   (41, 0, 0, 0, -5, None), (73, 0, 0, 0, None, None), (71, 0, 0, 0, None, None),
                   (72, 0, 0, 0, None, None), (45, 0, 0, 0, None, None), (71, 0, 0, 0, None, None),
                   (72, 0, 0, 0, None, None)]),
        (SET_BOOL, [(48, 0, 0, 0, [True, False], None), (73, 0, 0, 0, None, None)]),
    ])  # fmt: skip
    assert got[0][1] == ("ok", I64_MAX - 4)
    assert got[0][3] == ("bail", BAIL_OVERFLOW)
    assert got[1][1] == ("ok", 1)


# --------------------------------------------------------------------------- other CPythons


def other_pythons() -> list[str]:
    """Other CPython 3.10-3.13 interpreters that run here (pyenv's, or on PATH)."""
    found = []
    pyenv = Path.home() / ".pyenv" / "versions"
    for minor in (10, 11, 12, 13):
        if (3, minor) == sys.version_info[:2]:
            continue
        cands = sorted(pyenv.glob(f"3.{minor}.*/bin/python3.{minor}")) if pyenv.is_dir() else []
        which = shutil.which(f"python3.{minor}")
        for exe in [*map(str, reversed(cands)), *([which] if which else [])]:
            probe = subprocess.run(
                [exe, "-c", "import sys; print(sys.version_info[:2])"],
                capture_output=True, text=True, timeout=60, check=False,
            )  # fmt: skip
            if probe.returncode == 0 and probe.stdout.strip() == f"(3, {minor})":
                found.append(exe)
                break
    return found


def test_orders_match_other_cpython_versions(rt: Harness) -> None:
    """setobject.c's algorithm is the same in 3.10-3.13: the runtime (built
    for this interpreter) must give every other version's orders as well.
    Messages are not compared (they are probed per version)."""
    pythons = other_pythons()
    if not pythons:
        pytest.skip("no other CPython 3.10-3.13 installed")
    scripts = bulk_scripts(77, 600)
    got = rt.run(scripts)
    for exe in pythons:
        proc = subprocess.run([exe, str(HARNESS_DIR / "dictset_oracle.py")], input=repr(scripts),
                              capture_output=True, text=True, timeout=300, check=True)  # fmt: skip
        wants = ast.literal_eval(proc.stdout)
        for (kind, ops), g, w in zip(scripts, got, wants):
            for op, o, x in zip(ops, g, w):
                assert x[0] != "oracle", (exe, op, x)
                assert same(o, x, messages=False), (exe, kind, op, x, o)


# --------------------------------------------------------------------------- pyversion


def _grow_while_iterating_dict() -> None:
    d = {1: 1}
    for k in d:
        d[k + 10] = 0


def _shrink_while_iterating_set() -> None:
    s = {1, 2}
    for k in s:
        s.discard(k)


DICT_SET_PROBES: dict[str, Callable[[], Any]] = {
    "DICT_POPITEM_EMPTY": lambda: dict[int, int]().popitem(),
    "SET_POP_EMPTY": lambda: set[int]().pop(),
    "DICT_CHANGED_SIZE": _grow_while_iterating_dict,
    "SET_CHANGED_SIZE": _shrink_while_iterating_set,
}


def test_probed_messages_are_this_interpreters() -> None:
    msgs = pyversion.probe_messages()
    mine = {k for k in msgs if k.startswith(("DICT_", "SET_"))}
    assert mine == set(DICT_SET_PROBES)
    for name, fn in DICT_SET_PROBES.items():
        try:
            fn()
        except KeyError as exc:
            assert (msgs[name],) == exc.args, name
        except RuntimeError as exc:
            assert msgs[name] == str(exc), name
        else:
            raise AssertionError(f"{name}: did not raise")
    text = pyversion.render_pyver_rs(msgs)
    assert f"pub const INT_HASH_64: bool = {str(pyversion.int_hash_64()).lower()};" in text


def test_runtime_sources_have_dict_and_set() -> None:
    srcs = pyversion.runtime_sources()
    assert {"dict.rs", "set.rs"} <= set(srcs)
    for line in ("pub mod dict;", "pub mod set;", "pub use crate::dict::{key_error, PyDict};",
                 "pub use crate::set::PySet;"):  # fmt: skip
        assert line in srcs["lib.rs"]
