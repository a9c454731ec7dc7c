"""Statements: one method per Python construct, emitting indented Rust lines.

Python's function-wide scoping maps to Rust by declaring every local once at
the top of the function; analysis has already proved each read follows an
assignment, so the placeholder initial values are never observed.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from ..analysis.statements import exc_type_name
from ..analysis.types import NONE
from .expressions import ExpressionTranslator, rust_literal


def rust_str(text: str) -> str:
    out = []
    for ch in text:
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
        elif ord(ch) < 0x20 or ord(ch) == 0x7F or 0xD800 <= ord(ch) <= 0xDFFF:
            out.append(f"\\u{{{ord(ch):x}}}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


@dataclass
class _Loop:
    flag: str | None  # set when the loop has an `else` clause
    label: str


class StatementTranslator(ExpressionTranslator):
    lines: list[str]
    depth: int
    loops: list[_Loop]

    def emit(self, line: str) -> None:
        self.lines.append("    " * self.depth + line)

    def comment(self, stmt: ast.stmt) -> None:
        self.emit(f"// py:{stmt.lineno}")

    def body(self, stmts: list[ast.stmt]) -> None:
        self.depth += 1
        for stmt in stmts:
            self.stmt(stmt)
        self.depth -= 1

    def stmt(self, stmt: ast.stmt) -> None:
        getattr(self, "stmt_" + type(stmt).__name__)(stmt)

    # -- simple statements -------------------------------------------------------
    def assign_name(self, target: ast.expr, code: str) -> None:
        assert isinstance(target, ast.Name)
        self.emit(f"{self.local_names[target.id]} = {code};")

    def stmt_Assign(self, stmt: ast.Assign) -> None:
        self.comment(stmt)
        target0 = stmt.targets[0]
        if len(stmt.targets) == 1 and isinstance(target0, ast.Tuple):
            assert isinstance(stmt.value, ast.Tuple)
            temps = [self.temp() for _ in stmt.value.elts]
            for t, v in zip(temps, stmt.value.elts):
                self.emit(f"let {t} = {self.expr(v)};")
            for t, target in zip(temps, target0.elts):
                self.assign_name(target, t)
            return
        if len(stmt.targets) == 1:
            self.assign_name(target0, self.expr(stmt.value))
            return
        tmp = self.temp()
        self.emit(f"let {tmp} = {self.expr(stmt.value)};")
        for target in stmt.targets:
            self.assign_name(target, tmp)

    def stmt_AnnAssign(self, stmt: ast.AnnAssign) -> None:
        if stmt.value is None:
            return
        self.comment(stmt)
        self.assign_name(stmt.target, self.expr(stmt.value))

    def stmt_AugAssign(self, stmt: ast.AugAssign) -> None:
        self.comment(stmt)
        self.assign_name(stmt.target, self.expr(self.spec.aug_nodes[id(stmt)]))

    def stmt_Expr(self, stmt: ast.Expr) -> None:
        if isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str):
            return
        self.comment(stmt)
        self.emit(f"let _ = {self.expr(stmt.value)};")

    def stmt_Pass(self, stmt: ast.Pass) -> None:
        self.emit(f"// py:{stmt.lineno} pass")

    def stmt_Return(self, stmt: ast.Return) -> None:
        self.comment(stmt)
        if stmt.value is None:
            self.emit("return Ok(());")
        else:
            self.emit(f"return Ok({self.expr(stmt.value)});")

    def stmt_Raise(self, stmt: ast.Raise) -> None:
        self.comment(stmt)
        assert stmt.exc is not None
        name, msg, has_args = exc_type_name(stmt.exc, self.spec_checker_view)
        self.emit(f"return Err({self.exc_ctor(name, msg, has_args)});")

    @staticmethod
    def exc_ctor(name: str, msg: str | None, has_args: bool) -> str:
        code = (
            "exc::"
            + "".join(("_" + c if c.isupper() and i else c) for i, c in enumerate(name)).upper()
        )
        if not has_args:
            return f"PyErr::raise_noargs({code})"
        return f"PyErr::raise({code}, {rust_str(msg or '')})"

    def stmt_Assert(self, stmt: ast.Assert) -> None:
        if self.optimize:
            return
        self.comment(stmt)
        msg = None
        if stmt.msg is not None:
            assert isinstance(stmt.msg, ast.Constant) and isinstance(stmt.msg.value, str)
            msg = stmt.msg.value
        self.emit(f"if !{self.truthy(stmt.test)} {{")
        self.depth += 1
        self.emit(f"return Err({self.exc_ctor('AssertionError', msg, stmt.msg is not None)});")
        self.depth -= 1
        self.emit("}")

    def stmt_Global(self, stmt: ast.Global) -> None:
        self.emit(f"// py:{stmt.lineno} global {', '.join(stmt.names)}")

    # -- control flow --------------------------------------------------------------
    def stmt_If(self, stmt: ast.If) -> None:
        self.comment(stmt)
        self.emit(f"if {self.truthy(stmt.test)} {{")
        self.body(stmt.body)
        orelse = stmt.orelse
        while len(orelse) == 1 and isinstance(orelse[0], ast.If):
            elif_ = orelse[0]
            self.emit(f"}} else if {self.truthy(elif_.test)} {{")
            self.body(elif_.body)
            orelse = elif_.orelse
        if orelse:
            self.emit("} else {")
            self.body(orelse)
        self.emit("}")

    def _open_loop(self, stmt: ast.While | ast.For) -> _Loop:
        n = len(self.loops) + self._temp_counter
        loop = _Loop(flag=f"_pt_broke{n}" if stmt.orelse else None, label=f"'l{n}")
        if loop.flag:
            self.emit(f"let mut {loop.flag} = false;")
        self.loops.append(loop)
        return loop

    def _close_loop(self, stmt: ast.While | ast.For, loop: _Loop) -> None:
        self.loops.pop()
        if loop.flag:
            self.emit(f"if !{loop.flag} {{")
            self.body(stmt.orelse)
            self.emit("}")

    def stmt_While(self, stmt: ast.While) -> None:
        self.comment(stmt)
        self._temp_counter += 1
        loop = self._open_loop(stmt)
        self.emit(f"{loop.label}: while {self.truthy(stmt.test)} {{")
        self.body(stmt.body)
        self.emit("}")
        self._close_loop(stmt, loop)

    def stmt_For(self, stmt: ast.For) -> None:
        self.comment(stmt)
        assert isinstance(stmt.iter, ast.Call) and isinstance(stmt.target, ast.Name)
        args = [self.expr_as(a, self.type_of(stmt.iter)) for a in stmt.iter.args]
        if len(args) == 1:
            args = ["0", args[0], "1"]
        elif len(args) == 2:
            args.append("1")
        self._temp_counter += 1
        loop = self._open_loop(stmt)
        item = self.temp()
        self.emit(f"{loop.label}: for {item} in PyRange::new({', '.join(args)})? {{")
        self.depth += 1
        self.assign_name(stmt.target, item)
        self.depth -= 1
        self.body(stmt.body)
        self.emit("}")
        self._close_loop(stmt, loop)

    def stmt_Break(self, stmt: ast.Break) -> None:
        loop = self.loops[-1]
        if loop.flag:
            self.emit(f"{loop.flag} = true;")
        self.emit(f"break {loop.label};")

    def stmt_Continue(self, stmt: ast.Continue) -> None:
        self.emit(f"continue {self.loops[-1].label};")

    def initial_value(self, t: object) -> str:
        return (
            rust_literal({"int": 0, "float": 0.0, "bool": False}.get(str(t))) if t != NONE else "()"
        )

    optimize: int
    spec_checker_view: object
