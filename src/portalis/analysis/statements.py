"""Statement checking: local types, definite assignment and reachability.

The walk carries the set of names definitely assigned on every path reaching
the current statement (`None` once the point is unreachable). A read of a name
that may be unbound is rejected, because CPython would raise
UnboundLocalError there and the Rust translation would need a value.
"""

from __future__ import annotations

import ast

from .astwalk import walk
from .containers import has_unknown, retype_none_list, unify
from .expressions import ExpressionTyper, fold_constant, narrowing
from .model import Pending, Unsupported
from .types import BOOL, INT, NONE, PyType, is_list, is_tuple, type_from_annotation

State = frozenset[str] | None


def _meet(a: State, b: State) -> State:
    if a is None:
        return b
    if b is None:
        return a
    return a & b


class StatementChecker(ExpressionTyper):
    optimize: int
    returns: list[tuple[PyType, int]]
    loop_breaks: list[list[State]]

    def check_body(self, body: list[ast.stmt], state: State) -> State:
        for stmt in body:
            if self.collecting:
                # Type-collection round: type what can be typed, retry the rest.
                try:
                    self.check_stmt(stmt, None)
                except Pending as p:
                    if p.callee:
                        raise
                except Unsupported:
                    # Reported by the checking round; still type what the
                    # nested blocks assign (`if x is None or s > x: x = s`).
                    self._collect_nested(stmt)
                continue
            # Dead code after return/raise/break is still checked: it must be
            # valid Rust even though neither CPython nor WASM runs it.
            state = self.check_stmt(stmt, state)
        return state

    def _collect_nested(self, stmt: ast.stmt) -> None:
        blocks = [getattr(stmt, a, None) for a in ("body", "orelse", "finalbody")]
        blocks += [h.body for h in getattr(stmt, "handlers", [])]
        for block in blocks:
            if isinstance(block, list) and block and not isinstance(stmt, ast.FunctionDef):
                self.loop_breaks.append([])
                try:
                    self.check_body(block, None)
                finally:
                    self.loop_breaks.pop()

    def check_stmt(self, stmt: ast.stmt, state: State) -> State:
        method = getattr(self, "stmt_" + type(stmt).__name__, None)
        if method is None:
            raise Unsupported(stmt, f"`{type(stmt).__name__}` statements are not supported yet")
        result: State = method(stmt, state)
        return result

    # -- reads ---------------------------------------------------------------
    def check_expr(self, node: ast.expr, state: State) -> PyType:
        self.check_expr_names(node, state)
        return self.infer(node)

    def check_expr_names(self, node: ast.expr, state: State) -> None:
        if state is None or self.collecting:
            return
        exempt: set[int] | None = None
        for sub in walk(node):
            if isinstance(sub, ast.Name) and sub.id in self.assigned_names and sub.id not in state:
                if exempt is None:  # computed only once a candidate shows up
                    exempt = comprehension_bound(node)
                if id(sub) in exempt:
                    continue
                raise Unsupported(
                    sub,
                    f"local variable `{sub.id}` may be used before it is assigned",
                    "CPython would raise UnboundLocalError on some path",
                )

    # -- assignment ----------------------------------------------------------
    def bind(self, target: ast.expr, t: PyType, state: State) -> State:
        if isinstance(target, ast.Subscript):
            return self.bind_subscript(target, t, state)
        if isinstance(target, (ast.Tuple, ast.List)):
            if not is_tuple(t) or len(t.args) != len(target.elts):
                raise Unsupported(target, f"cannot unpack {t} into `{ast.unparse(target)}`")
            self.expr_types[id(target)] = t
            for elt, sub in zip(target.elts, t.args):
                state = self.bind(elt, sub, state)
            return state
        if not isinstance(target, ast.Name):
            raise Unsupported(target, f"assignment to `{ast.unparse(target)}` is not supported yet")
        name = target.id
        if name in self.narrowed and t != self.narrowed[name]:
            del self.narrowed[name]  # may be None again from here on
        prev = self.local_types.get(name)
        if prev is not None and prev.name == "optional" and t == prev.args[0]:
            self.narrowed[name] = t  # just assigned a plain value: not None here
        merged = t if prev is None else unify(prev, t)
        if merged is None:
            raise Unsupported(
                target,
                f"`{name}` holds {prev} and later {t}",
                "Portalis gives each local one type; use a second variable",
            )
        self.local_types[name] = merged
        self.expr_types[id(target)] = merged
        return None if state is None else state | {name}

    def bind_subscript(self, target: ast.Subscript, t: PyType, state: State) -> State:
        if isinstance(target.slice, ast.Slice):
            raise Unsupported(target, "slice assignment is not supported yet")
        container = self.check_expr(target.value, state)
        if container.name in ("Counter", "defaultdict"):
            self.check_expr_names(target.slice, state)
            self.dictlike_store(target, container, t)  # analysis/collections_.py
            return state
        if container.name == "dict":
            kt = self.check_expr(target.slice, state)
            if "?" in str(container):
                from .dicts import dict_of

                merged = unify(container, dict_of(kt, t))
                if merged is None:
                    raise Unsupported(target, f"storing {kt}: {t} into a {container}")
                self._refine(target.value, merged)
                container = merged
            if unify(container.args[0], kt) != container.args[0]:
                raise Unsupported(target.slice, f"{kt} key into a {container}")
            if unify(container.args[1], t) != container.args[1]:
                raise Unsupported(target, f"storing a {t} into a {container}")
            return state
        if not (is_list(container) or container.name == "deque"):
            raise Unsupported(target, f"item assignment on a {container} is not supported")
        if self.check_expr(target.slice, state) not in (INT, BOOL):
            raise Unsupported(target.slice, "list index must be an int")
        if unify(container.args[0], t) != container.args[0]:
            raise Unsupported(target, f"storing a {t} into a {container}")
        return state

    def stmt_Assign(self, stmt: ast.Assign, state: State) -> State:
        if (
            len(stmt.targets) == 1
            and isinstance(stmt.targets[0], ast.Tuple)
            and isinstance(stmt.value, ast.GeneratorExp)
        ):
            return self.unpack_genexp(stmt, state)  # type: ignore[no-any-return]
        if len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Tuple):
            target = stmt.targets[0]
            if not isinstance(stmt.value, ast.Tuple):
                # `q, r = pair`: unpack a tuple-typed value.
                return self.bind(target, self.check_expr(stmt.value, state), state)
            if len(stmt.value.elts) != len(target.elts):
                raise Unsupported(stmt, "tuple unpacking of this form is not supported yet")
            if any(isinstance(e, ast.Starred) for e in [*target.elts, *stmt.value.elts]):
                raise Unsupported(stmt, "starred assignment is not supported yet")
            types = [self.check_expr(v, state) for v in stmt.value.elts]
            for elt, t in zip(target.elts, types):
                state = self.bind(elt, t, state)
            return state
        t = self.check_expr(stmt.value, state)
        for each in stmt.targets:
            state = self.bind(each, t, state)
        return state

    def stmt_AnnAssign(self, stmt: ast.AnnAssign, state: State) -> State:
        if stmt.value is None:
            if not isinstance(stmt.target, ast.Name):
                raise Unsupported(stmt, "annotation of a non-name target")
            return state
        t = self.check_expr(stmt.value, state)
        declared = type_from_annotation(stmt.annotation)
        if declared is not None and has_unknown(t) and unify(declared, t) == declared:
            # `xs: list[int] = []`: the annotation names what the empty list will hold.
            t = declared
        elif declared is not None and retype_none_list(stmt.value, declared, self.expr_types):
            t = declared
        return self.bind(stmt.target, t, state)

    def stmt_AugAssign(self, stmt: ast.AugAssign, state: State) -> State:
        target = stmt.target
        if isinstance(target, ast.Subscript) and not isinstance(target.slice, ast.Slice):
            # `xs[i] += v`: CPython evaluates xs and i once; the translator does too.
            load: ast.expr = ast.Subscript(value=target.value, slice=target.slice, ctx=ast.Load())
        elif isinstance(target, ast.Name):
            load = ast.Name(target.id, ast.Load())
        else:
            raise Unsupported(stmt, "augmented assignment to this target is not supported yet")
        fake = ast.BinOp(left=load, op=stmt.op, right=stmt.value)
        ast.copy_location(fake, stmt)
        ast.copy_location(fake.left, stmt.target)
        # The synthetic node is kept alive in aug_nodes so its id() stays unique.
        self.aug_nodes[id(stmt)] = fake
        t = self.check_expr(fake, state)
        left_t = self.expr_types[id(fake.left)]
        if (is_list(left_t) or left_t.name == "set") and isinstance(target, ast.Name):
            # `xs += ys` / `s |= t` change the object in place (aliases see it);
            # `xs = xs + ys` would not.
            self.inplace_lists.add(id(stmt))
        if isinstance(target, ast.Subscript):
            if t != self.expr_types[id(fake.left)]:
                raise Unsupported(stmt, "augmented assignment changes the item's type")
            return state
        return self.bind(stmt.target, t, state)

    inplace_lists: set[int]

    aug_nodes: dict[int, ast.BinOp]

    # -- control flow ----------------------------------------------------------
    def stmt_Pass(self, stmt: ast.Pass, state: State) -> State:
        return state

    def stmt_Expr(self, stmt: ast.Expr, state: State) -> State:
        if isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str):
            return state  # docstring or bare string: no effect
        self.check_expr(stmt.value, state)
        return state

    def stmt_Return(self, stmt: ast.Return, state: State) -> State:
        t = NONE if stmt.value is None else self.check_expr(stmt.value, state)
        self.returns.append((t, stmt.lineno))
        return None

    def stmt_If(self, stmt: ast.If, state: State) -> State:
        self.mark_test(stmt.test)
        self.require_truthy(stmt.test, self.check_expr(stmt.test, state))
        saved = dict(self.narrowed)
        self.narrowed.update(narrowing(stmt.test, self.local_types, positive=True))
        a = self.check_body(stmt.body, state)
        body_narrowed = self.narrowed
        self.narrowed = dict(saved)
        self.narrowed.update(narrowing(stmt.test, self.local_types, positive=False))
        b = self.check_body(stmt.orelse, state)
        else_narrowed = self.narrowed
        # After the if: what every branch that falls through proved. So
        # `if x is None: return` and `if x is None: x = 0` both narrow x.
        ends = [n for n, end in ((body_narrowed, a), (else_narrowed, b)) if end is not None]
        if ends:
            self.narrowed = {
                k: v for k, v in ends[0].items() if all(e.get(k) == v for e in ends[1:])
            }
        else:
            self.narrowed = saved
        if state is None:
            return None
        if a is None:
            return b
        if b is None:
            return a
        return a & b

    def _loop(
        self, stmt: ast.While | ast.For, body_state: State, exits_normally: bool, state: State
    ) -> State:
        self.loop_breaks.append([])
        self.check_body(stmt.body, body_state)
        breaks = self.loop_breaks.pop()
        after: State = None
        if exits_normally:
            after = self.check_body(stmt.orelse, state)
        elif stmt.orelse:
            self.check_body(stmt.orelse, None)
        for b in breaks:
            after = _meet(after, b)
        return after

    def stmt_While(self, stmt: ast.While, state: State) -> State:
        self.mark_test(stmt.test)
        self.require_truthy(stmt.test, self.check_expr(stmt.test, state))
        folded = fold_constant(stmt.test, self.constants)
        infinite = folded is not NotImplemented and bool(folded)
        return self._loop(stmt, state, not infinite, state)

    def stmt_For(self, stmt: ast.For, state: State) -> State:
        self.check_expr_names(stmt.iter, state)
        elem = self.iter_elem(stmt.iter)
        if self.iter_kinds.get(id(stmt.iter)) == "groupby":
            self.check_for_groupby(stmt)  # analysis/groupby.py
        body_state = self.bind(stmt.target, elem, state)
        return self._loop(stmt, body_state, True, state)

    def stmt_Break(self, stmt: ast.Break, state: State) -> State:
        self.loop_breaks[-1].append(state)
        return None

    def stmt_Continue(self, stmt: ast.Continue, state: State) -> State:
        return None

    # `try` and `raise`: analysis/exceptions.py (ExceptionChecks).

    def stmt_Assert(self, stmt: ast.Assert, state: State) -> State:
        if self.optimize:
            return state  # python -O strips asserts; so does the translation
        self.mark_test(stmt.test)
        self.require_truthy(stmt.test, self.check_expr(stmt.test, state))
        if stmt.msg is not None and not (
            isinstance(stmt.msg, ast.Constant) and isinstance(stmt.msg.value, str)
        ):
            raise Unsupported(
                stmt.msg, "assert messages other than string literals are not supported yet"
            )
        # Past `assert x is not None` x is not None (asserts are kept: not -O).
        self.narrowed.update(narrowing(stmt.test, self.local_types, positive=True))
        return state

    def stmt_Delete(self, stmt: ast.Delete, state: State) -> State:
        for target in stmt.targets:
            if not isinstance(target, ast.Subscript) or isinstance(target.slice, ast.Slice):
                raise Unsupported(target, "only `del d[key]` on a dict is supported yet")
            container = self.check_expr(target.value, state)
            if container.name not in ("dict", "Counter", "defaultdict"):
                raise Unsupported(target, f"`del` on a {container} is not supported yet")
            self.check_expr(target.slice, state)
        return state

    def stmt_Global(self, stmt: ast.Global, state: State) -> State:
        for name in stmt.names:
            if name in self.assigned_names:
                raise Unsupported(stmt, f"assignment to global `{name}` is not supported")
        return state

    def stmt_FunctionDef(self, stmt: ast.FunctionDef, state: State) -> State:
        raise Unsupported(stmt, "nested functions are not supported yet")


def comprehension_bound(node: ast.AST) -> set[int]:
    """Name nodes that refer to a comprehension's or lambda's own variables."""
    out: set[int] = set()
    for comp in walk(node):
        if isinstance(comp, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            names = {
                n.id for g in comp.generators for n in ast.walk(g.target) if isinstance(n, ast.Name)
            }
        elif isinstance(comp, ast.Lambda):
            names = {a.arg for a in comp.args.args}
        else:
            continue
        out.update(id(n) for n in ast.walk(comp) if isinstance(n, ast.Name) and n.id in names)
    return out


__all__ = ["BOOL", "Pending", "StatementChecker"]
