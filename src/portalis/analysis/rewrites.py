"""Source rewrites that make one construct another, already supported, one.

`list(range(a, b))`, `sum(range(n))`, `set(range(1, 10))`,
`max(range(n), key=...)`: CPython's consumers (list/sum/set/min/max/sorted/
any/all) iterate the range item by item, exactly as they iterate the
generator `(i for i in range(a, b))`, and the range's arguments are
evaluated (and checked: `range() arg 3 must not be zero`) at the same
point in both forms. So such an argument is rewritten into that generator
and the generator rules type and translate it. The rewrite happens on the
function's own AST before it is checked; a shadowed `range` or consumer is
still caught later by the normal rules (a rebound `range` is not iterable
as a range there).
"""

from __future__ import annotations

import ast

from .astwalk import walk

# Builtins whose single iterable argument is consumed item by item, once.
RANGE_CONSUMERS = frozenset({"list", "sum", "set", "min", "max", "sorted", "any", "all"})
_ITEM = "_pt_item"  # not a name Python code can bind by accident (checked below)


def _is_call(node: ast.expr, name: str) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name


# Iterables whose items the generator yields one for one, created at the same point.
LAZY_SOURCES = ("range", "reversed", "enumerate", "zip")


def _consumer(node: ast.AST) -> bool:
    """`list(...)`-style builtins, and `"sep".join(...)` on a str literal or a name."""
    if not isinstance(node, ast.Call) or len(node.args) != 1:
        return False
    func = node.func
    if isinstance(func, ast.Name):
        return func.id in RANGE_CONSUMERS
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "join"
        and not node.keywords
        and isinstance(func.value, (ast.Constant, ast.Name))
    )


def rewrite_range_arguments(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
    """`consumer(range(...))` -> `consumer(_pt_item for _pt_item in range(...))`, in place.

    Also for `reversed(...)`, `enumerate(...)` and `zip(...)` arguments, and for
    `sep.join(...)` as the consumer (str.join takes any iterable of str).
    """
    nodes = walk(fn)
    if not _mentions_item(nodes):
        _rewrite(nodes)


def rewrite_module_range_arguments(tree: ast.Module) -> None:
    """`rewrite_range_arguments` on every def of the module, methods and nested defs too.

    Same result as calling it on each def in `ast.walk` order, but each node is
    walked once: a def's rewrite already covers the defs nested in it, which
    then find `_pt_item` (or nothing to rewrite). Only when a def mentions
    `_pt_item` itself does that per-def order matter; then it is followed.
    """
    defs = _outermost_defs(tree)
    walks = [walk(fn) for fn in defs]
    if any(_mentions_item(nodes) for nodes in walks):
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                rewrite_range_arguments(node)
        return
    for nodes in walks:
        _rewrite(nodes)


def _outermost_defs(tree: ast.AST) -> list[ast.AST]:
    """The defs of `tree` that are not inside another def (methods included)."""
    out: list[ast.AST] = []
    todo = [tree]
    while todo:
        for child in ast.iter_child_nodes(todo.pop()):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                out.append(child)
            else:
                todo.append(child)
    return out


def _mentions_item(nodes: list[ast.AST]) -> bool:
    return any(isinstance(n, ast.Name) and n.id == _ITEM for n in nodes)


def _rewrite(nodes: list[ast.AST]) -> None:
    for node in nodes:
        if not (
            _consumer(node) and any(_is_call(node.args[0], src) for src in LAZY_SOURCES)  # type: ignore[attr-defined]
        ):
            continue
        assert isinstance(node, ast.Call)
        rng = node.args[0]
        gen = ast.GeneratorExp(
            elt=ast.Name(id=_ITEM, ctx=ast.Load()),
            generators=[
                ast.comprehension(
                    target=ast.Name(id=_ITEM, ctx=ast.Store()), iter=rng, ifs=[], is_async=0
                )
            ],
        )
        for sub in (gen, gen.elt, gen.generators[0].target):
            ast.copy_location(sub, rng)
        node.args[0] = gen
