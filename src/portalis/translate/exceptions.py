"""`try`/`except`/`else`/`finally` and `raise`, with CPython's exception chaining.

Each block of a `try` statement runs in an immediately-called closure, so
that `?` inside it stops at the statement instead of leaving the function;
`return`/`break`/`continue` leave the closure as a `Flow` value that the
code after the statement acts on. Around a handler (and a `finally` run
because of an exception) `portalis_rt::raise::handling` marks the exception
as handled, which is how an exception raised inside gets CPython's
`__context__` (rt/raise.rs). A bail is never caught and skips `finally`
blocks: the whole call re-runs in CPython.
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from ..analysis.exceptions import HandlerSpec, RaiseSpec
from .expressions import rust_type
from .statements import StatementTranslator, _Try, exc_code, rust_str

RT = "portalis_rt::raise"


class ExceptionTranslator(StatementTranslator):
    # -- blocks as closures -------------------------------------------------------
    def _closure(self, var: str, emit_body: Callable[[], None]) -> None:
        assert self.spec.return_type is not None
        ret = rust_type(self.spec.return_type)
        self.emit(f"let {var}: PyResult<Flow<{ret}>> = (|| -> PyResult<Flow<{ret}>> {{")
        saved_loops = self.loops
        self.loops = []
        self.tries.append(_Try(loop_depth=0))
        emit_body()
        self.depth += 1
        self.emit("#[allow(unreachable_code)]")
        self.emit("Ok(Flow::Normal)")
        self.depth -= 1
        self.tries.pop()
        self.loops = saved_loops
        self.emit("})();")

    def stmt_Try(self, stmt: ast.Try) -> None:
        self.comment(stmt)
        assert self.spec.return_type is not None
        ret = rust_type(self.spec.return_type)
        res = self.temp()
        self._closure(res, lambda: self.body(stmt.body))
        if stmt.handlers or stmt.orelse:
            self.emit(f"let {res}: PyResult<Flow<{ret}>> = match {res} {{")
            self.depth += 1
            if stmt.orelse:
                # Only a body that completed: a handler's outcome never runs `else`.
                self.emit("Ok(Flow::Normal) => {")
                self.depth += 1
                els = self.temp()
                self._closure(els, lambda: self.body(stmt.orelse))
                self.emit(els)
                self.depth -= 1
                self.emit("}")
            if stmt.handlers:
                self._handlers(stmt)
            self.emit("other => other,")
            self.depth -= 1
            self.emit("};")
        if stmt.finalbody:
            self._finally(stmt, res, ret)
        self._dispatch(res)

    def _handlers(self, stmt: ast.Try) -> None:
        err = self.temp()
        self.emit(f"Err({err}) if {err}.is_raise() => {{")
        self.depth += 1
        self.emit(f"let {err} = {RT}::caught({err});")
        for i, handler in enumerate(stmt.handlers):
            spec: HandlerSpec = self.spec.exc_info[id(handler)]
            test = " | ".join(str(c) for c in spec.codes)
            keyword = "if" if i == 0 else "} else if"
            self.emit(
                f"{keyword} matches!({err}.kind(), {test}) {{" if test else f"{keyword} false {{"
            )
            self.depth += 1
            line = f" as {handler.name}" if handler.name else ""
            types = ast.unparse(handler.type) if handler.type is not None else ""
            self.emit(f"// py:{handler.lineno} except {types}{line}".rstrip())
            self.emit(f"let _handling = {RT}::handling(&{err});")
            if handler.name is not None:
                ident = self.local_names[handler.name]
                self.emit(f"{ident} = {err}.clone();")
                self._show_overrides(handler, ident)
            out = self.temp()
            self.handling.append(err)
            self._closure(out, lambda h=handler: self.body(h.body))  # type: ignore[misc]
            self.handling.pop()
            self.emit(f"{RT}::leave({out})")
            self.depth -= 1
        self.emit("} else {")
        self.emit(f"    Err({err})")
        self.emit("}")
        self.depth -= 1
        self.emit("}")

    def _show_overrides(self, handler: ast.ExceptHandler, ident: str) -> None:
        """`str(e)` / `f"{e}"`: the Name node itself becomes the exception's text."""
        for st in handler.body:
            for node in ast.walk(st):
                what = self.spec.exc_info.get(id(node))
                if isinstance(node, ast.Name) and what == "str":
                    self.overrides[id(node)] = f"{RT}::exc_str(&{ident})?"
                elif what == "arg0":
                    self.overrides[id(node)] = f"{RT}::exc_arg0(&{ident}, false)?"
                elif what == "arg0_repr":
                    self.overrides[id(node)] = f"{RT}::exc_arg0(&{ident}, true)?"
                elif isinstance(what, tuple) and what[0] == "repr":
                    table = ", ".join(f"({c}, {rust_str(n)})" for c, n in what[1])
                    self.overrides[id(node)] = f"{RT}::exc_repr(&{ident}, &[{table}])?"
                elif isinstance(what, tuple) and what[0] == "attr":
                    table = ", ".join(f"({c}, {k})" for c, k in what[2])
                    self.overrides[id(node)] = (
                        f"{RT}::exc_attr::<{rust_type(what[1])}>(&{ident}, &[{table}])?"
                    )
                elif isinstance(what, tuple) and what[0] == "isinstance":
                    test = " | ".join(str(c) for c in what[1])
                    self.overrides[id(node)] = (
                        f"matches!({ident}.kind(), {test})" if test else "false"
                    )

    def formatted(self, part: ast.FormattedValue) -> str:
        """`f"{e.args[0]!r}"`: the whole field is the exception argument's repr."""
        override = self.overrides.get(id(part))
        if override is not None:
            return f"{override}.as_str().to_string()"
        text: str = super().formatted(part)
        return text

    def _finally(self, stmt: ast.Try, res: str, ret: str) -> None:
        err, guard, fin = self.temp(), self.temp(), self.temp()
        self.emit("// finally")
        self.emit(f"let {res}: PyResult<Flow<{ret}>> = match {res} {{")
        self.depth += 1
        self.emit(f"Err({err}) if !{err}.is_raise() => return Err({err}),")
        self.emit(f"{res} => {{")
        self.depth += 1
        # Its context is fixed before it becomes the handled one (rt/raise.rs).
        self.emit(f"let {res} = match {res} {{ Err(e) => Err({RT}::caught(e)), ok => ok }};")
        # An exception on its way out is "being handled" while `finally` runs.
        self.emit(f"let {guard} = match &{res} {{ Err(e) => Some({RT}::handling(e)), _ => None }};")
        self._closure(fin, lambda: self.body(stmt.finalbody))
        self.emit(f"let {fin} = if {guard}.is_some() {{ {RT}::leave({fin}) }} else {{ {fin} }};")
        self.emit(f"match {fin} {{")
        self.emit(f"    Ok(Flow::Normal) => {res},")
        self.emit("    other => other,")
        self.emit("}")
        self.depth -= 1
        self.emit("}")
        self.depth -= 1
        self.emit("};")

    def _dispatch(self, res: str) -> None:
        self.emit(f"match {res} {{")
        self.depth += 1
        self.emit("Ok(Flow::Normal) => {}")
        self.emit(f"Ok(Flow::Return(v)) => {self._propagate_return('v')}")
        if self.loops:
            self.emit(f"Ok(Flow::Break) => {self._outer_break()}")
            self.emit(f"Ok(Flow::Continue) => {self._outer_continue()}")
        else:
            self.emit("Ok(Flow::Break) | Ok(Flow::Continue) => unreachable!(),")
        self.emit("Err(e) => return Err(e),")
        self.depth -= 1
        self.emit("}")

    # -- raise ----------------------------------------------------------------------
    def stmt_Assert(self, stmt: ast.Assert) -> None:
        if self.optimize or self.spec.exc_info.get(id(stmt)) != "assert":
            super().stmt_Assert(stmt)
            return
        assert stmt.msg is not None
        self.comment(stmt)
        self.emit(f"if !{self.truthy(stmt.test)} {{")
        self.depth += 1
        text = self.expr(stmt.msg)
        self.emit(
            f"return Err({{ let _m = {text}; PyErr::raise(exc::ASSERTION_ERROR, _m.as_str()) }});"
        )
        self.depth -= 1
        self.emit("}")

    def stmt_Raise(self, stmt: ast.Raise) -> None:
        self.comment(stmt)
        spec: RaiseSpec = self.spec.exc_info[id(stmt)]
        if spec.kind == "reraise":
            self.emit(f"return Err({self.handling[-1]}.clone());")
            return
        error = self._new_exception(spec)
        if spec.cause == "none":
            error = f"{RT}::with_cause({error}, None)"
        elif spec.cause is not None:
            error = f"{RT}::with_cause({error}, Some({self.handling[-1]}.clone()))"
        self.emit(f"return Err({error});")

    def _new_exception(self, spec: RaiseSpec) -> str:
        if spec.kind == "user_args":
            if spec.shown_kind == "expr" and spec.shown is not None:
                # Each argument once, in order; the message reuses the values.
                temps = [self.temp() for _ in spec.args]
                lets = " ".join(f"let {t} = {self.expr(a)};" for t, a in zip(temps, spec.args))
                for node_id, k in spec.arg_slots.items():
                    self.overrides[node_id] = f"{temps[k]}.clone()"
                values = ", ".join(f"{t}.clone()" for t in temps)
                encoded = f"portalis_rt::abi::encode(&({values},))" if temps else "Vec::new()"
                return (
                    f"{{ {lets} let _a = {encoded}; let _m = {self.expr(spec.shown)}; "
                    f"{RT}::user_args({spec.code}, _a, Some(Some(_m.as_str()))) }}"
                )
            values = ", ".join(self.expr(a) for a in spec.args)
            args = f"portalis_rt::abi::encode(&({values},))" if spec.args else "Vec::new()"
            shown = "Some(None)" if spec.shown_kind == "none" else "None"
            return f"{RT}::user_args({spec.code}, {args}, {shown})"
        if spec.kind == "user":
            if spec.computed is not None:
                text = self.expr(spec.computed)
                return f"{{ let _m = {text}; {RT}::user({spec.code}, Some(_m.as_str())) }}"
            if spec.has_args:
                return f"{RT}::user({spec.code}, Some({rust_str(spec.msg or '')}))"
            return f"{RT}::user({spec.code}, None)"
        if spec.kind == "key" and spec.computed is not None:
            return f"key_error(&{self.expr(spec.computed)})"
        code = exc_code(spec.name)
        if spec.computed is not None:
            text = self.expr(spec.computed)
            if spec.name == "KeyError":  # the key object travels encoded (rt/dict.rs)
                return (
                    f'{{ let _m = {text}; PyErr::raise({code}, &format!("s:{{}}", _m.as_str())) }}'
                )
            return f"{{ let _m = {text}; PyErr::raise({code}, _m.as_str()) }}"
        return self.exc_ctor(spec.name, spec.msg, spec.has_args)
