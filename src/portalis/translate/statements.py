"""Statements: one method per Python construct, emitting indented Rust lines.

Python's function-wide scoping maps to Rust by declaring every local once at
the top of the function; analysis has already proved each read follows an
assignment, so the placeholder initial values are never observed.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from ..analysis.types import BOOL, FLOAT, INT, NONE, STR, PyType, is_list, is_tuple
from .expressions import ExpressionTranslator, rust_literal, rust_type


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


def exc_code(name: str) -> str:
    """`ZeroDivisionError` -> `exc::ZERO_DIVISION_ERROR` (the runtime's code constant)."""
    return (
        "exc::" + "".join(("_" + c if c.isupper() and i else c) for i, c in enumerate(name)).upper()
    )


@dataclass
class _Loop:
    flag: str | None  # set when the loop has an `else` clause
    label: str


@dataclass
class _Try:
    """An enclosing try body: control flow must leave its closure as a Flow value."""

    loop_depth: int  # loops open outside the try


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
        if isinstance(target, ast.Subscript):
            self.assign_item(target, code)
            return
        assert isinstance(target, ast.Name)
        self.emit(f"{self.local_names[target.id]} = {code};")

    def _optional_target(self, target: ast.expr) -> PyType | None:
        if isinstance(target, ast.Name) and target.id in self.local_names:
            dst = self.spec.locals.get(target.id) or self.param_types.get(target.id)
            if dst is not None and dst.name == "optional":
                return dst
        return None

    def assign_value(self, target: ast.expr, value: ast.expr) -> None:
        """Assign, wrapping in Some(...) when an Optional variable receives a plain value."""
        if isinstance(target, ast.Name) and target.id in self.local_names:
            dst = self.spec.locals.get(target.id) or self.param_types.get(target.id)
            if dst is not None and dst.name == "optional":
                self.assign_name(target, self.expr_as(value, dst))
                return
        self.assign_name(target, self.expr(value))

    def assign_item(self, target: ast.Subscript, code: str) -> None:
        # CPython evaluates the value first, then the container, then the index.
        v, c, i = self.temp(), self.temp(), self.temp()
        if self.type_of(target.value).name in ("dict", "Counter", "defaultdict"):
            self.emit(
                f"{{ let {v} = {code}; let {c} = {self.expr(target.value)}; "
                f"let {i} = {self.expr(target.slice)}; {c}.set_item({i}, {v}); }}"
            )
            return
        self.emit(
            f"{{ let {v} = {code}; let {c} = {self.expr(target.value)}; "
            f"let {i} = {self.expr_as_int(target.slice)}; {c}.set({i}, {v})?; }}"
        )

    def stmt_Delete(self, stmt: ast.Delete) -> None:
        self.comment(stmt)
        for target in stmt.targets:
            assert isinstance(target, ast.Subscript)
            c, k = self.temp(), self.temp()
            # Counter.__delitem__ ignores a missing key; dict and defaultdict raise KeyError.
            delete = (
                f"{c}.pop_or(&{k}, 0);"
                if self.type_of(target.value).name == "Counter"
                else f"{c}.del_item(&{k})?;"
            )
            self.emit(
                f"{{ let {c} = {self.expr(target.value)}; let {k} = {self.expr(target.slice)}; "
                f"{delete} }}"
            )

    def stmt_Assign(self, stmt: ast.Assign) -> None:
        self.comment(stmt)
        if self.spec.iter_kinds.get(id(stmt.value)) == "unpack_genexp":
            self.unpack_generator(stmt)  # translate/generators.py
            return
        target0 = stmt.targets[0]
        if len(stmt.targets) == 1 and isinstance(target0, ast.Tuple):
            if not isinstance(stmt.value, ast.Tuple):
                tmp = self.temp()
                self.emit(f"let {tmp} = {self.expr(stmt.value)};")
                self.unpack(target0, tmp, self.assign_name)
                return
            temps = [self.temp() for _ in stmt.value.elts]
            for t, v, target in zip(temps, stmt.value.elts, target0.elts):
                # `best, n = (r, c), 0` with `best: Optional[...]` stores Some((r, c)).
                dst = self._optional_target(target)
                code = self.expr_as(v, dst) if dst is not None else self.expr(v)
                self.emit(f"let {t} = {code};")
            for t, target in zip(temps, target0.elts):
                # `(x1, y1), (x2, y2) = p, q`: a nested target unpacks its tuple.
                self.unpack(target, t, self.assign_name)
            return
        if len(stmt.targets) == 1:
            self.assign_value(target0, stmt.value)
            return
        tmp = self.temp()
        self.emit(f"let {tmp} = {self.expr(stmt.value)};")
        for target in stmt.targets:
            self.assign_name(target, tmp)

    def stmt_AnnAssign(self, stmt: ast.AnnAssign) -> None:
        if stmt.value is None:
            return
        self.comment(stmt)
        self.assign_value(stmt.target, stmt.value)

    def stmt_AugAssign(self, stmt: ast.AugAssign) -> None:
        self.comment(stmt)
        fake = self.spec.aug_nodes[id(stmt)]
        if id(stmt) in self.spec.inplace_lists:
            assert isinstance(stmt.target, ast.Name)
            name = self.local_names[stmt.target.id]
            if self.type_of(fake.left).name == "set":
                from ..analysis.sets import SET_OPS

                method = SET_OPS[type(stmt.op)]
                method = "update" if method == "union" else f"{method}_update"
                self.emit(f"{name}.{method}(&{self.expr(stmt.value)});")
                return
            self.emit(f"{name}.extend(&{self.expr(stmt.value)});")
            return
        target = stmt.target
        container_t = self.type_of(target.value) if isinstance(target, ast.Subscript) else None
        if container_t is not None and container_t.name in ("dict", "Counter", "defaultdict"):
            assert isinstance(target, ast.Subscript)
            c, i, old = self.temp(), self.temp(), self.temp()
            self.overrides[id(fake.left)] = old
            read = self.subscript_read(container_t, c, i)  # translate/collections_.py
            self.emit(
                f"{{ let {c} = {self.expr(target.value)}; "
                f"let {i} = {self.expr(target.slice)}; let {old} = {read}; "
                f"let _ptv = {self.expr(fake)}; {c}.set_item({i}, _ptv); }}"
            )
            return
        if isinstance(target, ast.Subscript):
            c, i, old = self.temp(), self.temp(), self.temp()
            self.overrides[id(fake.left)] = old
            self.emit(
                f"{{ let {c} = {self.expr(target.value)}; "
                f"let {i} = {self.expr_as_int(target.slice)}; let {old} = {c}.get({i})?; "
                f"let _ptv = {self.expr(fake)}; {c}.set({i}, _ptv)?; }}"
            )
            return
        self.assign_name(stmt.target, self.expr(fake))

    def stmt_Expr(self, stmt: ast.Expr) -> None:
        if isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str):
            return
        self.comment(stmt)
        self.emit(f"let _ = {self.expr(stmt.value)};")

    def stmt_Pass(self, stmt: ast.Pass) -> None:
        self.emit(f"// py:{stmt.lineno} pass")

    def stmt_Return(self, stmt: ast.Return) -> None:
        self.comment(stmt)
        assert self.spec.return_type is not None
        if stmt.value is None:
            value = "None" if self.spec.return_type.name == "optional" else "()"
        else:
            value = self.expr_as(stmt.value, self.spec.return_type)
        if self.tries:
            self.emit(f"return Ok(Flow::Return({value}));")
        else:
            self.emit(f"return Ok({value});")

    # `raise` and `try`: translate/exceptions.py (ExceptionTranslator).

    @staticmethod
    def exc_ctor(name: str, msg: str | None, has_args: bool) -> str:
        code = exc_code(name)
        if not has_args:
            return f"PyErr::raise_noargs({code})"
        if name == "KeyError":  # the key object travels encoded (rt/dict.rs)
            return f"PyErr::raise({code}, {rust_str('s:' + (msg or ''))})"
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
        source = self.iterator(stmt.iter)
        self._temp_counter += 1
        loop = self._open_loop(stmt)
        item = self.temp()
        self.emit(f"{loop.label}: for {item} in {source} {{")
        self.depth += 1
        if self.fallible_items(stmt.iter):
            self.emit(f"let {item} = {item}?;")
        self.unpack(stmt.target, item, self.assign_name)
        self.depth -= 1
        self.body(stmt.body)
        self.emit("}")
        self._close_loop(stmt, loop)

    def _leaves_try(self) -> bool:
        return bool(self.tries) and self.tries[-1].loop_depth == len(self.loops)

    def stmt_Break(self, stmt: ast.Break) -> None:
        if self._leaves_try():
            self.emit("return Ok(Flow::Break);")
            return
        loop = self.loops[-1]
        if loop.flag:
            self.emit(f"{loop.flag} = true;")
        self.emit(f"break {loop.label};")

    def stmt_Continue(self, stmt: ast.Continue) -> None:
        if self._leaves_try():
            self.emit("return Ok(Flow::Continue);")
            return
        self.emit(f"continue {self.loops[-1].label};")

    def _propagate_return(self, v: str) -> str:
        return f"return Ok(Flow::Return({v}))," if self.tries else f"return Ok({v}),"

    def _outer_break(self) -> str:
        if self._leaves_try():
            return "return Ok(Flow::Break),"
        loop = self.loops[-1]
        flag = f"{loop.flag} = true; " if loop.flag else ""
        return f"{{ {flag}break {loop.label}; }}"

    def _outer_continue(self) -> str:
        if self._leaves_try():
            return "return Ok(Flow::Continue),"
        return f"continue {self.loops[-1].label},"

    tries: list[_Try]
    handling: list[str]

    def initial_value(self, t: PyType) -> str:
        """A placeholder: analysis proved every read follows a real assignment."""
        if t in (INT, FLOAT, BOOL):
            return rust_literal({INT: 0, FLOAT: 0.0, BOOL: False}[t])
        if t == NONE:
            return "()"
        if t == STR:
            return "PyStr::empty()"
        if is_list(t):
            return "PyList::new()"
        if t.name == "dict":
            return "PyDict::new()"
        if t.name == "set":
            return "PySet::new()"
        if t.name == "deque":
            return "PyDeque::new(None).ok().unwrap()"  # never fails without a maxlen
        if t.name in ("Counter", "defaultdict"):
            return "PyDict::new()"
        if t.name == "optional":
            return "None"
        if t.name.startswith("class:"):
            return f"{rust_type(t)}::blank()"
        if t.name == "exception":
            return "PyErr::Bail(0)"  # `except ... as e`: assigned by the handler
        if is_tuple(t):
            parts = [self.initial_value(a) for a in t.args]
            return f"({parts[0]},)" if len(parts) == 1 else f"({', '.join(parts)})"
        raise AssertionError(t)

    optimize: int
    spec_checker_view: object
