"""`itertools.groupby(seq)` as the source of a `for` loop or comprehension.

CPython's groups share one underlying iterator: a group read after the loop
has moved on, or read twice, is empty. The translation hands each group over
as a list, which gives the same items exactly when the group is read at
most once, during its own loop step, by something that consumes it whole
or iterates it once: `list(g)`, `sorted(g)`, `sum(g)`, `min(g)`, `max(g)`,
`"".join(g)`, or the source of a loop or comprehension. Those are the only
uses accepted. A list source must not change while it is grouped, so with a
list the loop may call no methods or module functions and store no items.
Items must compare exactly (ints, strs, bools and tuples of them): groupby
tests neighbours with `==`, whose NaN answer depends on identity.
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from .model import Unsupported
from .types import STR, PyType, is_list, list_of, tuple_of

GROUPBY = "groupby"  # iter_kinds tag
_CONSUMERS = {"list", "sorted", "sum", "min", "max"}


class GroupbyTyper:
    infer: Callable[[ast.expr], PyType]
    iter_kinds: dict[int, str]
    expr_types: dict[int, PyType]
    _stdlib_target: Callable[[ast.expr], str | None]
    module_bindings: set[str]
    assigned_names: set[str]

    def is_groupby(self, it: ast.expr) -> bool:
        return isinstance(it, ast.Call) and self._stdlib_target(it.func) == "itertools.groupby"

    def groupby_elem(self, it: ast.Call) -> PyType:
        from .dicts import hashable_key

        if it.keywords or len(it.args) != 1:
            raise Unsupported(it, "groupby() with key= is not supported yet")
        src = self.infer(it.args[0])
        if src != STR and not is_list(src):
            raise Unsupported(it.args[0], f"groupby() over a {src} is not supported yet")
        item = STR if src == STR else src.args[0]
        if not hashable_key(item):
            raise Unsupported(it, f"groupby() over {item} items (equality needs NaN identity)")
        self.iter_kinds[id(it)] = GROUPBY
        elem = tuple_of(item, list_of(item))
        self.expr_types[id(it)] = elem
        return elem

    fn: ast.FunctionDef

    def check_for_groupby(self, stmt: ast.For) -> None:
        """`for k, g in groupby(...)`: g is read only in the body (it would be empty
        after the loop, or anywhere else in CPython)."""
        assert isinstance(stmt.iter, ast.Call)
        self.check_group_uses(stmt.target, stmt.iter, list(stmt.body))
        group = stmt.target.elts[1].id  # type: ignore[attr-defined]
        inside = {id(n) for b in stmt.body for n in ast.walk(b)} | {
            id(n) for n in ast.walk(stmt.target)
        }
        for n in ast.walk(self.fn):
            if isinstance(n, ast.Name) and n.id == group and id(n) not in inside:
                raise Unsupported(n, f"`{group}` names a groupby group elsewhere in the function")

    def check_comp_groupby(self, node: ast.expr, index: int) -> None:
        """A comprehension over groupby(): the group is read in its own step only."""
        gens = node.generators  # type: ignore[attr-defined]
        gen = gens[index]
        assert isinstance(gen.iter, ast.Call)
        parts = [node.key, node.value] if isinstance(node, ast.DictComp) else [node.elt]  # type: ignore[attr-defined]
        if index + 1 < len(gens):
            second = gen.target.elts[1] if isinstance(gen.target, ast.Tuple) else None
            group = second.id if isinstance(second, ast.Name) else ""
            later = [*parts, *(n for g in gens[index + 1 :] for n in (g.iter, *g.ifs))]
            if any(isinstance(n, ast.Name) and n.id == group for p in later for n in ast.walk(p)):
                raise Unsupported(
                    node, "a groupby group read inside a nested loop of a comprehension"
                )
            parts = []
        self.check_group_uses(gen.target, gen.iter, [*gen.ifs, *parts])

    def check_group_uses(self, target: ast.expr, it: ast.Call, scope: list[ast.AST]) -> None:
        """Reject a groupby loop whose group could be read other than once, in its step."""
        if not (
            isinstance(target, ast.Tuple)
            and len(target.elts) == 2
            and all(isinstance(e, ast.Name) for e in target.elts)
        ):
            raise Unsupported(target, "groupby() results must be unpacked as `key, group`")
        group = target.elts[1].id  # type: ignore[attr-defined]
        uses: list[tuple[ast.Name, bool]] = []
        for node in scope:
            _collect(node, group, False, None, uses)
        if len(uses) > 1:
            raise Unsupported(
                uses[1][0], f"group `{group}` is read twice (CPython's is then empty)"
            )
        for name, ok in uses:
            if not ok:
                raise Unsupported(
                    name,
                    f"group `{group}` may be read other than once, in full, during its own step",
                    "use list(group), sum(...)/len(list(group)), or loop over it once",
                )
        if self.expr_types.get(id(it.args[0])) != STR:
            for node in scope:
                for sub in ast.walk(node):
                    mutating = (
                        isinstance(sub, ast.Call)
                        and not (
                            isinstance(sub.func, ast.Name) and self._plain_builtin(sub.func.id)
                        )
                    ) or isinstance(sub, (ast.Delete, ast.AugAssign))
                    stores = isinstance(sub, ast.Subscript) and isinstance(sub.ctx, ast.Store)
                    if mutating or stores:
                        raise Unsupported(
                            sub,
                            "a list being grouped must not change: calls and item stores are "
                            "not allowed in this loop",
                        )

    def _plain_builtin(self, name: str) -> bool:
        return (
            name in ("len", "list", "sorted", "sum", "min", "max", "abs", "str", "int", "float")
            and name not in self.module_bindings
            and name not in self.assigned_names
        )


def _collect(
    node: ast.AST,
    group: str,
    repeated: bool,
    parent: ast.AST | None,
    out: list[tuple[ast.Name, bool]],
) -> None:
    """Find reads of `group`; each with whether its place consumes it once."""
    if isinstance(node, ast.Name) and node.id == group:
        ok = not repeated and isinstance(node.ctx, ast.Load) and _consumes(node, parent)
        out.append((node, ok))
        return
    if isinstance(node, (ast.For, ast.AsyncFor)):
        _collect(node.target, group, repeated, node, out)
        _collect(node.iter, group, repeated, node, out)
        for sub in [*node.body, *node.orelse]:
            _collect(sub, group, True, node, out)
        return
    if isinstance(node, ast.While):
        for part in [node.test, *node.body, *node.orelse]:
            _collect(part, group, True, node, out)
        return
    if isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
        for i, gen in enumerate(node.generators):
            # Only the first source is evaluated once; everything else repeats.
            _collect(gen.iter, group, repeated or i > 0, gen, out)
            _collect(gen.target, group, True, gen, out)
            for cond in gen.ifs:
                _collect(cond, group, True, gen, out)
        parts = [node.key, node.value] if isinstance(node, ast.DictComp) else [node.elt]
        for p in parts:
            _collect(p, group, True, node, out)
        return
    if isinstance(node, ast.Lambda):
        _collect(node.body, group, True, node, out)
        return
    for child in ast.iter_child_nodes(node):
        _collect(child, group, repeated, node, out)


def _consumes(name: ast.Name, parent: ast.AST | None) -> bool:
    if isinstance(parent, (ast.For, ast.comprehension)):
        return parent.iter is name
    if isinstance(parent, ast.Call) and parent.args == [name] and not parent.keywords:
        func = parent.func
        if isinstance(func, ast.Name) and func.id in _CONSUMERS:
            return True
        return isinstance(func, ast.Attribute) and func.attr == "join"
    return False
