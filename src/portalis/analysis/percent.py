"""`"literal" % args`: printf-style str formatting as the f-string it equals.

Each conversion of the literal becomes an f-string field whose format spec
gives CPython's printf result for the argument types allowed here (checked
against CPython for every flag/width/precision combination below):

- `%s` / `%r` (flag `-`, width, precision): `{v!s:>W.P}` / `{v!r:...}` (printf
  right-aligns by default, format() left-aligns str, so the `>` is explicit);
- `%d %i %u %x %X %o` on int/bool (flags `- + space 0 #`, width; `#` only for
  x/X/o): `{v:<+#0Wd}`;
- `%e %E %f %F %g %G` on int/bool/float (flags `- + space 0`, width, precision,
  default precision 6): `{v:<+0W.Pf}`.

Anything else (`%c`, `%a`, `%(name)s`, `*` widths, precision on ints, `%d` on a
float, a wrong argument count: CPython raises TypeError) stays Python.
"""

from __future__ import annotations

import ast
import dis
import re
from typing import Any

from .model import Unsupported
from .types import BOOL, FLOAT, INT, PyType, is_tuple

_SPEC = re.compile(r"%(?P<flags>[-+ #0]*)(?P<width>\d*)(?:\.(?P<prec>\d+))?(?P<type>.?)", re.S)
NUMERIC_ARGS = {"int": (INT, BOOL), "float": (INT, BOOL, FLOAT)}


class PercentError(Exception):
    """The literal uses a conversion this module does not translate (the message says which)."""


def _field(flags: str, width: str, prec: str | None, typ: str) -> tuple[str, str]:
    """(argument kind, format spec) for one conversion; kind is 's', 'r', 'int' or 'float'."""
    if typ in "sr":
        if set(flags) - {"-"}:
            raise PercentError(f"flags `{flags}` with `%{typ}`")
        spec = (("<" if "-" in flags else ">") + width) if width else ""
        return typ, spec + ("" if prec is None else "." + prec)
    align = "<" if "-" in flags else ""
    zero = "0" if "0" in flags and "-" not in flags and width else ""
    sign = "+" if "+" in flags else (" " if " " in flags else "")
    if typ in "diuxXo":
        if prec is not None:
            raise PercentError(f"a precision with `%{typ}`")
        if "#" in flags and typ in "diu":
            raise PercentError(f"`#` with `%{typ}`")
        alt = "#" if "#" in flags else ""
        return "int", align + sign + alt + zero + width + ("d" if typ in "diu" else typ)
    if typ in "eEfFgG":
        if "#" in flags:
            raise PercentError(f"`#` with `%{typ}`")
        digits = prec if prec is not None else "6"
        return "float", align + sign + zero + width + "." + digits + typ
    raise PercentError(f"the `%{typ}` conversion" if typ else "a format ending in `%`")


def parse_percent(fmt: str) -> list[str | tuple[str, str]]:
    """The literal's parts: literal text, or (argument kind, format spec) per conversion."""
    parts: list[str | tuple[str, str]] = []
    text: list[str] = []
    i = 0
    while i < len(fmt):
        if fmt[i] != "%":
            text.append(fmt[i])
            i += 1
            continue
        if fmt.startswith("%%", i):
            text.append("%")
            i += 2
            continue
        m = _SPEC.match(fmt, i)
        assert m is not None  # every group is optional
        if m["type"] in ("(", "*") or "*" in fmt[i : m.end()]:
            raise PercentError("`%(name)` keys and `*` widths")
        kind = _field(m["flags"], m["width"], m["prec"], m["type"])
        if text:
            parts.append("".join(text))
            text = []
        parts.append(kind)
        i = m.end()
    if text:
        parts.append("".join(text))
    return parts


def cpython_interleaves(node: ast.BinOp) -> bool:
    """Whether this CPython's compiler folds the expression into an f-string.

    CPython's AST optimizer rewrites `"%s, %r" % (a, b)` (only s/r/a fields and
    a tuple display) into `f"{a!s}, {b!r}"`, so each argument is formatted
    before the next one is evaluated; otherwise the whole tuple is evaluated
    first. The translation follows whichever order the bytecode shows.
    """
    code = compile(ast.Expression(body=node), "<percent>", "eval")
    last = list(dis.get_instructions(code))[-2]
    return not (
        last.opname == "BINARY_MODULO" or (last.opname == "BINARY_OP" and last.argrepr == "%")
    )


def arg_ok(kind: str, t: PyType) -> bool:
    """Whether printf's conversion of a `t` equals format() with the mapped spec."""
    return kind in ("s", "r") or t in NUMERIC_ARGS[kind]


class PercentTyper:
    """`"literal" % args` typed as the f-string it equals (analysis/percent.py)."""

    infer: Any
    percent_nodes: dict[int, ast.JoinedStr]

    def percent_format(self, node: ast.BinOp, rt: PyType) -> PyType:
        hint = "use an f-string"
        if not (isinstance(node.left, ast.Constant) and isinstance(node.left.value, str)):
            raise Unsupported(node, "`%` formatting of a computed str is not supported", hint)
        try:
            parts = parse_percent(node.left.value)
        except PercentError as exc:
            raise Unsupported(
                node, f"`%` formatting with {exc} is not supported yet", hint
            ) from None
        if isinstance(node.right, ast.Tuple):
            args = list(node.right.elts)
        elif is_tuple(rt):
            raise Unsupported(
                node, "`%` formatting with a tuple variable is not supported yet", hint
            )
        else:
            args = [node.right]
        fields = [p for p in parts if isinstance(p, tuple)]
        if len(fields) != len(args):
            raise Unsupported(
                node,
                f"`%` formatting with {len(fields)} conversions and {len(args)} arguments",
                "CPython raises TypeError",
            )
        values: list[ast.expr] = []
        it = iter(args)
        for part in parts:
            if isinstance(part, str):
                values.append(ast.Constant(part))
                continue
            (kind, spec), arg = part, next(it)
            t = self.infer(arg)
            if not arg_ok(kind, t):
                raise Unsupported(arg, f"`%` conversion for {kind} given a {t}", hint)
            fv = ast.FormattedValue(
                value=arg,
                conversion=ord(kind) if kind in ("s", "r") else -1,
                format_spec=ast.JoinedStr([ast.Constant(spec)]) if spec else None,
            )
            values.append(ast.copy_location(fv, arg))
        try:
            cpython_interleaves(node)
        except (SyntaxError, ValueError):
            raise Unsupported(
                node, "`%` formatting whose evaluation order is unclear", hint
            ) from None
        fake = ast.copy_location(ast.JoinedStr(values), node)
        self.percent_nodes[id(node)] = fake
        return self.infer(fake)  # type: ignore[no-any-return]
