"""The running CPython's error messages, for the Rust runtime (`pyver.rs`).

CPython's exception messages change between versions (``1 // 0`` says
"integer division or modulo by zero" in 3.11 and "division by zero" later),
and translated code must raise exactly what the running interpreter raises.
So the messages are never written down: `probe_messages` executes each
operation here and records ``str(exc)``, and `render_pyver_rs` turns the
result into the Rust module ``pyver.rs`` of the runtime crate, generated at
build time and never committed.

`runtime_sources` returns the whole runtime crate (file name -> text), ready
to be written to a build directory and hashed for the build cache.
"""

from __future__ import annotations

import platform
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Final, TypeVar

__all__ = [
    "RUNTIME_FILES",
    "int_hash_64",
    "libc_version",
    "pow_certified_libm",
    "probe_messages",
    "probe_templates",
    "py_version",
    "render_pyver_rs",
    "runtime_dir",
    "runtime_sources",
    "rust_str_literal",
]

# The runtime crate's committed sources, in `src/portalis/rt/`.
# Every committed .rs file of the runtime crate (pyver.rs is generated at
# build time, never read from here), so adding a runtime file needs no edit.
_RT_DIR = Path(__file__).resolve().parent / "rt"
RUNTIME_FILES: Final = tuple(sorted(p.name for p in _RT_DIR.glob("*.rs") if p.name != "pyver.rs"))


_T = TypeVar("_T")


def _ident(x: _T) -> _T:
    # Keeps the compiler from folding constant expressions: every probe runs
    # the operation at run time, on values it cannot see.
    return x


def _int_floordiv_zero() -> object:
    return _ident(1) // _ident(0)


def _int_mod_zero() -> object:
    return _ident(1) % _ident(0)


def _int_divmod_zero() -> object:
    return divmod(_ident(1), _ident(0))


def _int_truediv_zero() -> object:
    return _ident(1) / _ident(0)


def _int_pow_zero_neg() -> object:
    return _ident(0) ** _ident(-1)


def _int_lshift_neg() -> object:
    return _ident(1) << _ident(-1)


def _int_rshift_neg() -> object:
    return _ident(1) >> _ident(-1)


def _int_from_nan() -> object:
    return int(float("nan"))


def _int_from_inf() -> object:
    return int(float("inf"))


def _float_truediv_zero() -> object:
    return _ident(1.0) / _ident(0.0)


def _float_floordiv_zero() -> object:
    return _ident(1.0) // _ident(0.0)


def _float_mod_zero() -> object:
    return _ident(1.0) % _ident(0.0)


def _float_divmod_zero() -> object:
    return divmod(_ident(1.0), _ident(0.0))


def _float_pow_zero_neg() -> object:
    return _ident(0.0) ** _ident(-1.0)


def _list_assign_range() -> object:
    items = _ident([1])
    items[_ident(5)] = 0
    return items


def _range_step_zero() -> object:
    return range(0, 1, _ident(0))


def _slice_step_zero() -> object:
    return _ident("abc")[:: _ident(0)]


def _str_index() -> object:
    return _ident("abc")[_ident(3)]


def _str_split_empty() -> object:
    return _ident("a").split(_ident(""))


def _str_rsplit_empty() -> object:
    return _ident("a").rsplit(_ident(""))


def _str_partition_empty() -> object:
    return _ident("a").partition(_ident(""))


def _str_rpartition_empty() -> object:
    return _ident("a").rpartition(_ident(""))


def _str_index_missing() -> object:
    return _ident("a").index(_ident("b"))


def _str_rindex_missing() -> object:
    return _ident("a").rindex(_ident("b"))


def _str_center_fill() -> object:
    return _ident("a").center(3, _ident("ab"))


def _str_ljust_fill() -> object:
    return _ident("a").ljust(3, _ident("ab"))


def _str_rjust_fill() -> object:
    return _ident("a").rjust(3, _ident("ab"))


def _chr_range() -> object:
    return chr(_ident(0x110000))


def _dict_changed_size() -> object:
    d = _ident({1: 1})
    for k in d:
        d[k + 1] = 0
    return d


def _set_changed_size() -> object:
    s = _ident({1})
    for k in s:
        s.add(k + 1)
    return s


def _deque_mutated() -> object:
    d = __import__("collections").deque(_ident([1]))
    for k in d:
        d.append(k)
    return d


def _format(value: object, spec: str) -> Callable[[], object]:
    def probe() -> object:
        return format(_ident(value), _ident(spec))

    return probe


# Constant name in pyver.rs -> (the exception CPython must raise, the probe).
_PROBES: Final[dict[str, tuple[type[BaseException], Callable[[], object]]]] = {
    "INT_FLOORDIV_ZERO": (ZeroDivisionError, _int_floordiv_zero),
    "INT_MOD_ZERO": (ZeroDivisionError, _int_mod_zero),
    "INT_DIVMOD_ZERO": (ZeroDivisionError, _int_divmod_zero),
    "INT_TRUEDIV_ZERO": (ZeroDivisionError, _int_truediv_zero),
    "INT_POW_ZERO_NEG": (ZeroDivisionError, _int_pow_zero_neg),
    "INT_LSHIFT_NEG": (ValueError, _int_lshift_neg),
    "INT_RSHIFT_NEG": (ValueError, _int_rshift_neg),
    "INT_FROM_NAN": (ValueError, _int_from_nan),
    "INT_FROM_INF": (OverflowError, _int_from_inf),
    "FLOAT_TRUEDIV_ZERO": (ZeroDivisionError, _float_truediv_zero),
    "FLOAT_FLOORDIV_ZERO": (ZeroDivisionError, _float_floordiv_zero),
    "FLOAT_MOD_ZERO": (ZeroDivisionError, _float_mod_zero),
    "FLOAT_DIVMOD_ZERO": (ZeroDivisionError, _float_divmod_zero),
    "FLOAT_POW_ZERO_NEG": (ZeroDivisionError, _float_pow_zero_neg),
    "RANGE_STEP_ZERO": (ValueError, _range_step_zero),
    # str, slices
    "SLICE_STEP_ZERO": (ValueError, _slice_step_zero),
    "STR_INDEX_OUT_OF_RANGE": (IndexError, _str_index),
    "STR_SPLIT_EMPTY_SEP": (ValueError, _str_split_empty),
    "STR_RSPLIT_EMPTY_SEP": (ValueError, _str_rsplit_empty),
    "STR_PARTITION_EMPTY_SEP": (ValueError, _str_partition_empty),
    "STR_RPARTITION_EMPTY_SEP": (ValueError, _str_rpartition_empty),
    "STR_INDEX_NOT_FOUND": (ValueError, _str_index_missing),
    "STR_RINDEX_NOT_FOUND": (ValueError, _str_rindex_missing),
    "STR_CENTER_FILL": (TypeError, _str_center_fill),
    "STR_LJUST_FILL": (TypeError, _str_ljust_fill),
    "STR_RJUST_FILL": (TypeError, _str_rjust_fill),
    "CHR_RANGE": (ValueError, _chr_range),
    # lists, min/max
    "LIST_INDEX_RANGE": (IndexError, lambda: _ident([1])[_ident(5)]),
    "LIST_ASSIGN_RANGE": (IndexError, _list_assign_range),
    "LIST_POP_EMPTY": (IndexError, lambda: _ident([]).pop()),
    "LIST_POP_RANGE": (IndexError, lambda: _ident([1]).pop(_ident(5))),
    "LIST_REMOVE_MISSING": (ValueError, lambda: _ident([1]).remove(_ident(2))),
    "MIN_EMPTY": (ValueError, lambda: min(_ident([]))),
    "MATH_DOMAIN": (ValueError, lambda: __import__("math").sqrt(_ident(-1.0))),
    "ISQRT_NEG": (ValueError, lambda: __import__("math").isqrt(_ident(-1))),
    "FACTORIAL_NEG": (ValueError, lambda: __import__("math").factorial(_ident(-1))),
    "COMB_N_NEG": (ValueError, lambda: __import__("math").comb(_ident(-1), 1)),
    "COMB_K_NEG": (ValueError, lambda: __import__("math").comb(1, _ident(-1))),
    "POW_MOD_ZERO": (ValueError, lambda: pow(2, 3, _ident(0))),
    "MAX_EMPTY": (ValueError, lambda: max(_ident([]))),
    # heapq, bisect, collections.deque
    "HEAP_INDEX_RANGE": (IndexError, lambda: __import__("heapq").heappop(_ident([]))),
    "BISECT_LO_NEG": (ValueError, lambda: __import__("bisect").bisect(_ident([]), 1, _ident(-1))),
    "DEQUE_POP_EMPTY": (IndexError, lambda: __import__("collections").deque().pop()),
    "DEQUE_INDEX_RANGE": (IndexError, lambda: __import__("collections").deque()[_ident(0)]),
    "DEQUE_MAXLEN_NEG": (ValueError, lambda: __import__("collections").deque((), _ident(-1))),
    "DEQUE_MUTATED": (RuntimeError, _deque_mutated),
    # dicts and sets (a KeyError's message is its argument, see _probe)
    "DICT_POPITEM_EMPTY": (KeyError, lambda: _ident({}).popitem()),
    "DICT_CHANGED_SIZE": (RuntimeError, _dict_changed_size),
    "SET_POP_EMPTY": (KeyError, lambda: _ident(set()).pop()),
    "SET_CHANGED_SIZE": (RuntimeError, _set_changed_size),
    # format-spec errors (fmt.rs raises them only for the CPython versions
    # whose order of checks it reproduces; elsewhere it bails)
    "FMT_BOTH_SEPS": (ValueError, _format(1, ",_")),
    "FMT_TOO_MANY_DIGITS": (ValueError, _format(1, "9" * 30)),
    "FMT_MISSING_PRECISION": (ValueError, _format(1, ".")),
    "FMT_PRECISION_TOO_BIG": (ValueError, _format(1.0, ".2147483648")),
    "FMT_PRECISION_INT": (ValueError, _format(1, ".2")),
    "FMT_ZNEG_INT": (ValueError, _format(1, "z")),
    "FMT_ZNEG_STR": (ValueError, _format("a", "z")),
    "FMT_SIGN_STR": (ValueError, _format("a", "+")),
    "FMT_SPACE_STR": (ValueError, _format("a", " ")),
    "FMT_ALT_STR": (ValueError, _format("a", "#")),
    "FMT_EQ_STR": (ValueError, _format("a", "=")),
    "FMT_SIGN_C": (ValueError, _format(1, "+c")),
    "FMT_ALT_C": (ValueError, _format(1, "#c")),
    "FMT_C_RANGE": (OverflowError, _format(-1, "c")),
}

# Messages with one variable part: constant name -> (exception, probe, the
# text the probe puts in the variable part).  pyver.rs gets NAME_PRE and
# NAME_POST (the message around that text) and NAME_OK, false when the text
# does not occur exactly once (the runtime then bails instead of raising).
_TEMPLATE_PROBES: Final[dict[str, tuple[type[BaseException], Callable[[], object], str]]] = {
    "ORD_LEN": (TypeError, lambda: ord(_ident("x" * 12345)), "12345"),
    "INT_PARSE": (ValueError, lambda: int(_ident("zq12345zq")), "'zq12345zq'"),
    "LIST_INDEX_MISSING": (ValueError, lambda: _ident([1]).index(_ident(12345)), "12345"),
    "DEQUE_MISSING": (
        ValueError,
        lambda: __import__("collections").deque(_ident([1])).remove(_ident(12345)),
        "12345",
    ),
    "FMT_UNKNOWN_INT": (ValueError, _format(1, "q"), "'q'"),
    "FMT_UNKNOWN_BOOL": (ValueError, _format(True, "q"), "'q'"),
    "FMT_UNKNOWN_FLOAT": (ValueError, _format(1.0, "q"), "'q'"),
    "FMT_UNKNOWN_STR": (ValueError, _format("a", "q"), "'q'"),
    "FMT_INVALID_INT": (ValueError, _format(1, "abc"), "'abc'"),
    "FMT_INVALID_BOOL": (ValueError, _format(True, "abc"), "'abc'"),
    "FMT_INVALID_FLOAT": (ValueError, _format(1.0, "abc"), "'abc'"),
    "FMT_INVALID_STR": (ValueError, _format("a", "abc"), "'abc'"),
    "FMT_COMMA_WITH": (ValueError, _format(1, ",q"), "'q'"),
    "FMT_UNDER_WITH": (ValueError, _format(1, "_q"), "'q'"),
}


def _probe(name: str, expected: type[BaseException], probe: Callable[[], object]) -> str:
    try:
        result = probe()
    except expected as exc:
        if type(exc) is not expected:
            raise RuntimeError(
                f"{name}: CPython {py_version()} raised {type(exc).__name__}, "
                f"the runtime reports {expected.__name__}"
            ) from exc
        if expected is KeyError:
            # str(KeyError(x)) is repr(x): the runtime wants x itself.
            if len(exc.args) != 1 or not isinstance(exc.args[0], str):
                raise RuntimeError(f"{name}: CPython {py_version()} raised {exc!r}") from exc
            return str(exc.args[0])
        return str(exc)
    except Exception as exc:
        raise RuntimeError(
            f"{name}: CPython {py_version()} raised {type(exc).__name__}, "
            f"the runtime reports {expected.__name__}"
        ) from exc
    raise RuntimeError(
        f"{name}: CPython {py_version()} returned {result!r} instead of raising {expected.__name__}"
    )


def probe_messages() -> dict[str, str]:
    """Run each operation in this interpreter; constant name -> ``str(exc)``.

    Raises RuntimeError if an operation does not raise the exception type the
    runtime reports for it: the runtime would then be wrong for this
    interpreter, and building it must fail rather than translate wrongly.
    """
    return {name: _probe(name, expected, probe) for name, (expected, probe) in _PROBES.items()}


def probe_templates() -> dict[str, tuple[str, str] | None]:
    """Messages with a variable part: name -> (text before, text after) the
    part, or None when this interpreter's message does not contain the probed
    part exactly once (the runtime bails instead of raising then)."""
    out: dict[str, tuple[str, str] | None] = {}
    for name, (expected, probe, marker) in _TEMPLATE_PROBES.items():
        msg = _probe(name, expected, probe)
        if msg.count(marker) == 1:
            pre, post = msg.split(marker)
            out[name] = (pre, post)
        else:
            out[name] = None
    return out


def py_version() -> str:
    """The running CPython's version, e.g. ``"3.11.7"``."""
    return platform.python_version()


def rust_str_literal(text: str) -> str:
    """``text`` as a Rust string literal (with the quotes).

    Printable ASCII stays as is; quotes, backslashes and every other
    character are escaped, so the literal is plain ASCII whatever the message.
    """
    out = ['"']
    for ch in text:
        code = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif 0x20 <= code < 0x7F:
            out.append(ch)
        elif 0xD800 <= code <= 0xDFFF:
            # A lone surrogate is not a Rust char; no message can contain one
            # that survives the boundary as UTF-8 anyway.
            raise ValueError(f"lone surrogate U+{code:04X} cannot be a Rust string")
        else:
            out.append(f"\\u{{{code:x}}}")
    out.append('"')
    return "".join(out)


def libc_version() -> str:
    """The C library CPython runs on, e.g. ``"glibc 2.36"`` (``""`` if unknown)."""
    name, version = platform.libc_ver()
    return f"{name} {version}".strip()


def pow_certified_libm() -> bool:
    """Whether the platform ``pow`` (which CPython's float pow calls) is known
    to be within 0.54 ULP, the bound the runtime's certified pow relies on.

    glibc 2.28 and later documents it (its pow comes from Arm's
    optimized-routines).  Elsewhere the runtime bails on every float pow that
    reaches the platform ``pow``, and CPython computes it.
    """
    name, version = platform.libc_ver()
    if name != "glibc":
        return False
    try:
        major, minor = (int(part) for part in version.split(".")[:2])
    except ValueError:
        return False
    return (major, minor) >= (2, 28)


def int_hash_64() -> bool:
    """Whether ``hash()`` of ints and tuples is the 64-bit one the runtime's
    set reproduces (``sys.hash_info``: 64-bit width, modulus 2**61 - 1)."""
    info = sys.hash_info
    return info.width == 64 and info.modulus == (1 << 61) - 1


def render_pyver_rs(
    messages: dict[str, str] | None = None,
    *,
    pow_certified: bool | None = None,
    templates: dict[str, tuple[str, str] | None] | None = None,
) -> str:
    """The Rust source of the runtime's ``pyver.rs`` for this interpreter."""
    if messages is None:
        messages = probe_messages()
    if templates is None:
        templates = probe_templates()
    if pow_certified is None:
        pow_certified = pow_certified_libm()
    vi = sys.version_info
    lines = [
        f"//! Generated by portalis.pyversion for CPython {py_version()}: do not edit.",
        "//! Messages are probed by running each operation in that interpreter.",
        "",
        f"pub const PY_VERSION: &str = {rust_str_literal(py_version())};",
        f"pub const PY_MAJOR: u32 = {vi.major};",
        f"pub const PY_MINOR: u32 = {vi.minor};",
        f"pub const PY_MICRO: u32 = {vi.micro};",
        f"pub const LIBC: &str = {rust_str_literal(libc_version())};",
        "/// The platform pow is within 0.54 ULP (see float.rs); false: float pow bails.",
        f"pub const POW_CERTIFIED_LIBM: bool = {'true' if pow_certified else 'false'};",
        "/// hash() of ints and tuples is CPython's 64-bit one (set.rs); false: set orders bail.",
        f"pub const INT_HASH_64: bool = {'true' if int_hash_64() else 'false'};",
        "",
    ]
    for name in sorted(messages):
        if not name.isidentifier() or not name.isupper():
            raise ValueError(f"not a Rust constant name: {name!r}")
        lines.append(f"pub const {name}: &str = {rust_str_literal(messages[name])};")
    for name in sorted(templates):
        if not name.isidentifier() or not name.isupper():
            raise ValueError(f"not a Rust constant name: {name!r}")
        parts = templates[name]
        pre, post = parts if parts is not None else ("", "")
        lines.append(f"pub const {name}_OK: bool = {'true' if parts is not None else 'false'};")
        lines.append(f"pub const {name}_PRE: &str = {rust_str_literal(pre)};")
        lines.append(f"pub const {name}_POST: &str = {rust_str_literal(post)};")
    return "\n".join(lines) + "\n"


def runtime_dir() -> Path:
    """The directory holding the runtime crate's committed sources."""
    return Path(__file__).resolve().parent / "rt"


def runtime_sources() -> dict[str, str]:
    """File name -> text of the runtime crate, ``pyver.rs`` included.

    Write them into one directory and compile ``lib.rs`` with
    ``--crate-name portalis_rt --edition 2018``.
    """
    base = runtime_dir()
    sources = {name: (base / name).read_text(encoding="utf-8") for name in RUNTIME_FILES}
    sources["pyver.rs"] = render_pyver_rs()
    return sources
