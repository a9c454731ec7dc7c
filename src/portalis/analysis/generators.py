"""Generator expressions outside the reducing builtins.

`a, b, c = (int(p) for p in parts)` pulls items lazily: CPython takes at
most one item more than there are targets before raising "too many values
to unpack", so an item after that is never computed (and cannot raise).
The translation stops at the same item.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import Any

from .model import Unsupported
from .types import PyType

UNPACK = "unpack_genexp"  # iter_kinds tag of a generator expression unpacked into names


class GeneratorTyper:
    infer: Callable[[ast.expr], PyType]
    genexp_ok: set[int]
    iter_kinds: dict[int, str]
    check_expr: Callable[[ast.expr, Any], PyType]
    bind: Callable[[ast.expr, PyType, Any], Any]

    def unpack_genexp(self, stmt: ast.Assign, state: Any) -> Any:
        target = stmt.targets[0]
        assert isinstance(target, ast.Tuple) and isinstance(stmt.value, ast.GeneratorExp)
        if not target.elts or not all(isinstance(e, ast.Name) for e in target.elts):
            raise Unsupported(target, "unpacking a generator into these targets is not supported")
        self.genexp_ok.add(id(stmt.value))
        t = self.check_expr(stmt.value, state)
        self.iter_kinds[id(stmt.value)] = UNPACK
        for elt in target.elts:
            state = self.bind(elt, t.args[0], state)
        return state
