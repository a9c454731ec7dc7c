"""One Python function -> one Rust function plus its `extern "C"` export."""

from __future__ import annotations

import ast
from types import SimpleNamespace
from typing import Any

from ..analysis.model import FunctionSpec
from ..analysis.types import BOOL, FLOAT, INT, NONE, STR, PyType, is_list, is_tuple
from .classes import ClassTranslator
from .exceptions import ExceptionTranslator
from .expressions import rust_type
from .model import Export, ExportParam
from .names import export_symbol, rust_ident

# How each scalar crosses the boundary (wasm value type) and which runtime
# helper folds a PyResult into the single return value plus error slot.
ABI_TYPES = {INT: "i64", FLOAT: "f64", BOOL: "i32", NONE: "i32"}
RET_HELPERS = {INT: "ret_i64", FLOAT: "ret_f64", BOOL: "ret_bool", NONE: "ret_none"}


class FunctionTranslator(ClassTranslator, ExceptionTranslator):
    def __init__(
        self,
        spec: FunctionSpec,
        functions: dict[str, FunctionSpec],
        const_names: dict[str, str],
        optimize: int,
        const_types: dict[str, PyType] | None = None,
    ) -> None:
        self.const_types = const_types or {}
        self.classes = {}
        self.spec = spec
        self.functions = functions
        self.const_names = const_names
        self.optimize = optimize
        self.lines = []
        self.depth = 0
        self.loops = []
        self.tries = []
        self.handling = []
        self.overrides = {}
        self.comp_scopes = []
        self.param_types = {p.name: p.type for p in spec.params}
        self._temp_counter = 0
        self.spec_checker_view = SimpleNamespace(module_bindings=set(), assigned_names=set())
        self.nested_specs = spec.nested  # a nested translator gets its siblings instead
        taken = set(const_names.values())
        self.local_names = {}
        for name in [*(p.name for p in spec.params), *spec.locals]:
            ident = rust_ident(name)
            while ident in taken:
                ident += "_"
            self.local_names[name] = ident

    def signature_comment(self) -> str:
        fn = self.spec.node
        args = ast.unparse(fn.args)
        ret = f" -> {ast.unparse(fn.returns)}" if fn.returns is not None else ""
        return f"def {fn.name}({args}){ret}"

    def translate(self) -> list[str]:
        spec = self.spec
        assert spec.return_type is not None
        params = ", ".join(
            f"mut {self.local_names[p.name]}: {rust_type(p.type)}" for p in spec.params
        )
        ret = rust_type(spec.return_type)
        self.emit(f"// py:{spec.lineno}: {self.signature_comment()}")
        self.emit(f"pub fn {rust_ident(spec.name)}({params}) -> PyResult<{ret}> {{")
        self.depth += 1
        self.emit("let _depth = enter()?;")
        for name, t in spec.locals.items():
            self.emit(
                f"let mut {self.local_names[name]}: {rust_type(t)} = {self.initial_value(t)};"
            )
        self.depth -= 1
        self.body(spec.node.body)
        self.depth += 1
        last = spec.node.body[-1]
        if spec.end_reachable and spec.return_type.name == "optional":
            self.emit("Ok(None)")  # falling off the end returns None
        elif spec.end_reachable:
            self.emit("Ok(())")
        elif isinstance(last, (ast.Return, ast.Raise)):
            pass  # Rust sees the divergence too
        else:
            # Analysis proved the end unreachable; Rust may not see it (`while true`).
            self.emit("Err(PyErr::bail(bail::UNSUPPORTED))")
        self.depth -= 1
        self.emit("}")
        return self.lines

    mutates_lists: bool = True

    def stmt_FunctionDef(self, stmt: ast.FunctionDef) -> None:
        """A nested def: a Rust fn item in the outer body, captures first (analysis/nested.py)."""
        inner = self.spec.nested[stmt.name]
        tr = FunctionTranslator(
            inner, self.functions, self.const_names, self.optimize, self.const_types
        )
        tr.nested_specs = self.nested_specs
        tr.mutates_lists = self.mutates_lists
        tr.classes = self.classes
        lines = tr.translate()
        for line in lines:
            self.emit(line[4:] if line.startswith("pub fn ") else line)

    def crosses_boundary(self) -> bool:
        """Whether Python can call this function in WASM (its types can be marshalled).

        A list argument whose items are themselves mutable cannot be copied
        back with its inner objects' identities intact, so such functions are
        exported only when nothing they run can mutate a list.
        """
        spec = self.spec
        types = [p.type for p in spec.params]
        if spec.return_type is not None and (self.uses_objects() or self.needs_tracking()):
            from .classes import boundary_type_ok

            crossing = {c.name: c for c in self.crossing}
            return all(boundary_type_ok(t, crossing) for t in [*types, spec.return_type])
        if spec.return_type is None or not all(boundary_ok(t) for t in [*types, spec.return_type]):
            return False
        nested = any(is_list(t) and has_mutable(t.args[0]) for t in types)
        return not (nested and self.mutates_lists)

    def needs_tracking(self) -> bool:
        """Whether the export must number every list/dict it receives (objects.py).

        Dicts always do; a list of lists does when the function may mutate a
        list, so each inner list's final contents can go back into the
        caller's own inner object.
        """
        spec = self.spec
        types = [p.type for p in spec.params]
        if spec.return_type is not None:
            types.append(spec.return_type)
        if any(has_dict(t) for t in types):
            return True
        params = types[: len(spec.params)]
        # Only a top-level flat list has the copy-back of the flat path; a list
        # inside a list, a tuple or an Optional must be numbered to come back.
        nested = any(
            has_mutable(t) and not (is_list(t) and not has_mutable(t.args[0])) for t in params
        )
        # A returned list may be one of the argument's inner lists (`return m[0]`):
        # only numbered inner lists come back as the caller's own objects.
        return nested and (self.mutates_lists or has_mutable(types[-1]))

    # Classes whose instances can cross the boundary (translate/classes.py).
    crossing: tuple[Any, ...] = ()

    def uses_objects(self) -> bool:
        from .classes import mentions_class

        spec = self.spec
        assert spec.return_type is not None
        if spec.owner:
            return True  # methods all take the object path (objects.py)
        return any(mentions_class(t) for t in [*(p.type for p in spec.params), spec.return_type])

    def object_export(self) -> tuple[list[str], Export]:
        from .classes import object_export

        spec = self.spec
        assert spec.return_type is not None
        is_init = bool(spec.owner) and spec.node.name == "__init__"
        ret = spec.params[0].type if is_init else spec.return_type
        export = Export(
            name=spec.name,
            symbol=export_symbol(spec.name),
            params=tuple(ExportParam(p.name, str(p.type)) for p in spec.params),
            returns=str(ret),
            lineno=spec.lineno,
            classes=tuple(
                (c.name, tuple((f, str(t)) for f, t in c.fields.items())) for c in self.crossing
            ),
        )
        return object_export(spec, rust_type), export

    def export(self) -> tuple[list[str], Export]:
        spec = self.spec
        assert spec.return_type is not None
        if self.uses_objects():
            return self.object_export()
        if self.needs_tracking():
            import dataclasses

            lines, export = self.object_export()
            return lines, dataclasses.replace(export, classes=(), tracked=True)
        if not all(p.type in ABI_TYPES for p in spec.params) or spec.return_type not in ABI_TYPES:
            return self.marshalled_export()
        symbol = export_symbol(spec.name)
        abi_params = ", ".join(f"{rust_ident(p.name)}: {ABI_TYPES[p.type]}" for p in spec.params)
        call_args = ", ".join(
            f"{rust_ident(p.name)} != 0" if p.type is BOOL else rust_ident(p.name)
            for p in spec.params
        )
        lines = [
            "#[no_mangle]",
            f'pub extern "C" fn {symbol}({abi_params}) -> {ABI_TYPES[spec.return_type]} {{',
            f"    portalis_rt::err::{RET_HELPERS[spec.return_type]}"
            f"({rust_ident(spec.name)}({call_args}))",
            "}",
        ]
        export = Export(
            name=spec.name,
            symbol=symbol,
            params=tuple(ExportParam(p.name, p.type.name) for p in spec.params),
            returns=spec.return_type.name,
            lineno=spec.lineno,
        )
        return lines, export

    def marshalled_export(self) -> tuple[list[str], Export]:
        """Scalars travel as wasm parameters; str/list/tuple values as bytes (rt/abi.rs)."""
        spec = self.spec
        assert spec.return_type is not None
        symbol = export_symbol(spec.name)
        scalars = [p for p in spec.params if p.type in ABI_TYPES]
        encoded = [p for p in spec.params if p.type not in ABI_TYPES]
        backs = [p for p in encoded if is_list(p.type)] if self.mutates_lists else []
        abi_params = ", ".join(f"{rust_ident(p.name)}: {ABI_TYPES[p.type]}" for p in scalars)
        lines = [
            "#[no_mangle]",
            f'pub extern "C" fn {symbol}({abi_params}) -> i32 {{',
            "    let mut rd = portalis_rt::abi::Reader::args();",
        ]
        for p in encoded:
            name = rust_ident(p.name)
            lines.append(f"    let {name}: {rust_type(p.type)} = match rd.read() {{")
            lines.append("        Ok(v) => v,")
            lines.append("        Err(e) => return portalis_rt::err::ret_none(Err(e)),")
            lines.append("    };")
        call_args = ", ".join(
            f"{rust_ident(p.name)} != 0"
            if p.type is BOOL
            else (f"{rust_ident(p.name)}.clone()" if p in encoded else rust_ident(p.name))
            for p in spec.params
        )
        arg_lists = ", ".join(f"{rust_ident(p.name)}.address()" for p in encoded if is_list(p.type))
        lines.append(f"    let result = {rust_ident(spec.name)}({call_args});")
        lines.append(f"    let mut w = portalis_rt::abi::Writer::new(vec![{arg_lists}]);")
        lines.append("    let failed = match result {")
        lines.append("        Ok(v) => { w.put(&v); None }")
        lines.append(
            "        Err(PyErr::Bail(b)) => return portalis_rt::err::ret_none(Err(PyErr::Bail(b))),"
        )
        lines.append("        Err(e) => Some(e),")
        lines.append("    };")
        for p in backs:
            lines.append(f"    portalis_rt::abi::write_arg_back(&mut w, &{rust_ident(p.name)});")
        lines.append("    w.finish();")
        lines.append("    match failed {")
        lines.append("        None => 0,")
        lines.append("        Some(e) => portalis_rt::err::ret_none(Err(e)),")
        lines.append("    }")
        lines.append("}")
        export = Export(
            name=spec.name,
            symbol=symbol,
            params=tuple(ExportParam(p.name, str(p.type)) for p in spec.params),
            returns=str(spec.return_type),
            lineno=spec.lineno,
            copyback=tuple(p.name for p in backs),
        )
        return lines, export


def boundary_ok(t: PyType) -> bool:
    if t in (INT, FLOAT, BOOL, NONE, STR):
        return True
    if is_list(t) or is_tuple(t) or t.name == "optional":
        return all(boundary_ok(a) for a in t.args)
    return False


def has_mutable(t: PyType) -> bool:
    return is_list(t) or t.name == "dict" or any(has_mutable(a) for a in t.args)


def has_dict(t: PyType) -> bool:
    return t.name == "dict" or any(has_dict(a) for a in t.args)


__all__ = ["FLOAT", "INT", "FunctionTranslator"]
