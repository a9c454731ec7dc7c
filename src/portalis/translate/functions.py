"""One Python function -> one Rust function plus its `extern "C"` export."""

from __future__ import annotations

import ast
from types import SimpleNamespace

from ..analysis.model import FunctionSpec
from ..analysis.types import BOOL, FLOAT, INT, NONE, PyType
from .expressions import rust_type
from .model import Export, ExportParam
from .names import export_symbol, rust_ident
from .statements import StatementTranslator

# How each scalar crosses the boundary (wasm value type) and which runtime
# helper folds a PyResult into the single return value plus error slot.
ABI_TYPES = {INT: "i64", FLOAT: "f64", BOOL: "i32", NONE: "i32"}
RET_HELPERS = {INT: "ret_i64", FLOAT: "ret_f64", BOOL: "ret_bool", NONE: "ret_none"}


class FunctionTranslator(StatementTranslator):
    def __init__(
        self,
        spec: FunctionSpec,
        functions: dict[str, FunctionSpec],
        const_names: dict[str, str],
        optimize: int,
        const_types: dict[str, PyType] | None = None,
    ) -> None:
        self.const_types = const_types or {}
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
        if spec.end_reachable:
            self.emit("Ok(())")
        elif isinstance(last, (ast.Return, ast.Raise)):
            pass  # Rust sees the divergence too
        else:
            # Analysis proved the end unreachable; Rust may not see it (`while true`).
            self.emit("Err(PyErr::bail(bail::UNSUPPORTED))")
        self.depth -= 1
        self.emit("}")
        return self.lines

    def crosses_boundary(self) -> bool:
        """Only scalar signatures have a WASM export today; others run when called from WASM."""
        spec = self.spec
        return spec.return_type in ABI_TYPES and all(p.type in ABI_TYPES for p in spec.params)

    def export(self) -> tuple[list[str], Export]:
        spec = self.spec
        assert spec.return_type is not None
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


__all__ = ["FLOAT", "INT", "FunctionTranslator"]
