"""Plain data produced by the analysis stage and consumed by translation."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import Diagnostic
from ..ingest import SourceUnit
from .types import PyType


class Unsupported(Exception):
    """Raised inside analysis when a construct cannot be translated exactly."""

    def __init__(self, node: ast.AST | None, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.node = node
        self.message = message
        self.hint = hint


class Pending(Exception):
    """A callee's return type is not known yet; retry after other functions."""

    def __init__(self, callee: str) -> None:
        super().__init__(callee)
        self.callee = callee


NO_DEFAULT: Any = object()


@dataclass(frozen=True)
class Param:
    name: str
    type: PyType
    kind: str  # "positional_only" | "positional_or_keyword" | "keyword_only"
    default: Any = NO_DEFAULT

    @property
    def has_default(self) -> bool:
        return self.default is not NO_DEFAULT


@dataclass(frozen=True)
class ConstSpec:
    name: str
    type: PyType
    value: Any
    lineno: int


@dataclass
class FunctionSpec:
    name: str
    lineno: int
    col: int
    node: ast.FunctionDef
    params: list[Param]
    return_type: PyType | None = None
    locals: dict[str, PyType] = field(default_factory=dict)
    expr_types: dict[int, PyType] = field(default_factory=dict)
    const_values: dict[int, Any] = field(default_factory=dict)
    calls: dict[str, int] = field(default_factory=dict)  # callee -> first line
    constants_used: set[str] = field(default_factory=set)
    end_reachable: bool = True
    aug_nodes: dict[int, ast.BinOp] = field(default_factory=dict)
    inplace_lists: set[int] = field(default_factory=set)
    iter_kinds: dict[int, str] = field(default_factory=dict)  # iterable node -> how to iterate
    comp_names: set[int] = field(default_factory=set)  # Name nodes bound by a comprehension
    stdlib_calls: dict[int, str] = field(default_factory=dict)  # Call node -> "math.floor"
    pow_nodes: dict[int, ast.BinOp] = field(default_factory=dict)  # pow(a, b) as a ** b
    percent_nodes: dict[int, ast.JoinedStr] = field(default_factory=dict)  # "%d" % n
    dict_calls: dict[int, ast.DictComp] = field(default_factory=dict)  # dict(pairs)
    narrow_reads: set[int] = field(default_factory=set)  # Optional names read where not None
    dict_views: dict[int, str] = field(default_factory=dict)  # keys()/values()/items() calls
    const_sets: set[int] = field(default_factory=set)  # set displays CPython makes constant
    prints: bool = False  # this function itself calls print()
    owner: str = ""  # methods: the class name (the spec's name is "Class.method")
    # raise/except/`e` nodes -> their analysis (analysis/exceptions.py)
    exc_info: dict[int, Any] = field(default_factory=dict)
    # Nested defs (analysis/nested.py): name -> spec whose first params are its captures.
    nested: dict[str, FunctionSpec] = field(default_factory=dict)
    captures: list[str] = field(default_factory=list)  # for a nested function
    skip: Diagnostic | None = None

    @property
    def translated(self) -> bool:
        return self.skip is None


@dataclass
class ModuleSpec:
    unit: SourceUnit
    functions: dict[str, FunctionSpec]
    constants: dict[str, ConstSpec]
    # Public names that are not translatable functions (classes, other defs...):
    # reported so `__portalis__.skipped` covers every def in the module.
    other_skipped: dict[str, Diagnostic] = field(default_factory=dict)
    optimize: int = 0
    classes: dict[str, Any] = field(default_factory=dict)  # name -> classes.ClassSpec
    # The module's own exception classes (analysis/exceptions.py), in code order.
    exc_classes: dict[str, Any] = field(default_factory=dict)
    # Library mode: functions imported from other modules of the package that
    # this module's functions may call inside WASM (local name -> their spec).
    externals: dict[str, FunctionSpec] = field(default_factory=dict)

    @property
    def translated(self) -> list[str]:
        return [name for name, fn in self.functions.items() if fn.translated]

    @property
    def skipped(self) -> dict[str, Diagnostic]:
        out = {name: fn.skip for name, fn in self.functions.items() if fn.skip is not None}
        out.update(self.other_skipped)
        return out
