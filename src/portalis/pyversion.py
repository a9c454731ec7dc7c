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
    "libc_version",
    "pow_certified_libm",
    "probe_messages",
    "py_version",
    "render_pyver_rs",
    "runtime_dir",
    "runtime_sources",
    "rust_str_literal",
]

# The runtime crate's committed sources, in `src/portalis/rt/`.
RUNTIME_FILES: Final = ("lib.rs", "err.rs", "int.rs", "float.rs", "cmp.rs", "range.rs")


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


def _range_step_zero() -> object:
    return range(0, 1, _ident(0))


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
}


def probe_messages() -> dict[str, str]:
    """Run each operation in this interpreter; constant name -> ``str(exc)``.

    Raises RuntimeError if an operation does not raise the exception type the
    runtime reports for it: the runtime would then be wrong for this
    interpreter, and building it must fail rather than translate wrongly.
    """
    messages: dict[str, str] = {}
    for name, (expected, probe) in _PROBES.items():
        try:
            result = probe()
        except expected as exc:
            if type(exc) is not expected:
                raise RuntimeError(
                    f"{name}: CPython {py_version()} raised {type(exc).__name__}, "
                    f"the runtime reports {expected.__name__}"
                ) from exc
            messages[name] = str(exc)
        except Exception as exc:
            raise RuntimeError(
                f"{name}: CPython {py_version()} raised {type(exc).__name__}, "
                f"the runtime reports {expected.__name__}"
            ) from exc
        else:
            raise RuntimeError(
                f"{name}: CPython {py_version()} returned {result!r} instead of raising "
                f"{expected.__name__}"
            )
    return messages


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


def render_pyver_rs(
    messages: dict[str, str] | None = None, *, pow_certified: bool | None = None
) -> str:
    """The Rust source of the runtime's ``pyver.rs`` for this interpreter."""
    if messages is None:
        messages = probe_messages()
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
        "",
    ]
    for name in sorted(messages):
        if not name.isidentifier() or not name.isupper():
            raise ValueError(f"not a Rust constant name: {name!r}")
        lines.append(f"pub const {name}: &str = {rust_str_literal(messages[name])};")
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
