"""Type inference for expressions, one method per Python construct.

Every rule mirrors what CPython computes at run time. When the result type
depends on run-time values (`a ** b` with an `int` exponent of unknown sign),
the expression is rejected rather than guessed.
"""

from __future__ import annotations

import ast
import itertools
import operator
from collections.abc import Callable
from typing import Any

from .callables import CallableTyper
from .collections_ import (
    CollectionsTyper,
    CounterTyper,
    DequeTyper,
    ReduceTyper,
    dict_view,
    is_deque,
)
from .containers import PRINTABLE, ContainerTyper, unify
from .dicts import DictTyper, is_dict
from .generators import GeneratorTyper
from .groupby import GroupbyTyper
from .iteration import IterationTyper, orderable
from .itertools_ import ItertoolsTyper
from .model import Pending, Unsupported
from .percent import PercentTyper
from .sets import SetTyper, is_set, set_of
from .stdlib import MATH_CONSTANTS, math_call
from .types import (
    BOOL,
    FLOAT,
    INT,
    NONE,
    STR,
    PyType,
    is_list,
    is_numeric,
    is_optional,
    is_tuple,
    text_approved,
    tuple_of,
)

I64_MIN = -(2**63)
I64_MAX = 2**63 - 1

BUILTIN_CALLS = {
    "dict", "set",
    "abs", "min", "max", "int", "float", "bool", "len", "str", "repr", "print", "ord", "chr",
    "sum", "sorted", "list", "any", "all", "round", "divmod", "pow", "hex", "oct", "bin",
}  # fmt: skip

# Builtin classes isinstance() is decided for (their instances' static types by name).
_ISINSTANCE_CLASSES = frozenset({"int", "float", "bool", "str", "list", "dict", "set", "tuple"})

_FOLD_BINOPS: dict[type[ast.operator], Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
    ast.BitAnd: operator.and_,
    ast.BitOr: operator.or_,
    ast.BitXor: operator.xor,
}


def op_name(op: ast.AST) -> str:
    return {
        ast.Add: "+",
        ast.Sub: "-",
        ast.Mult: "*",
        ast.Div: "/",
        ast.FloorDiv: "//",
        ast.Mod: "%",
        ast.Pow: "**",
        ast.LShift: "<<",
        ast.RShift: ">>",
        ast.BitAnd: "&",
        ast.BitOr: "|",
        ast.BitXor: "^",
        ast.MatMult: "@",
        ast.USub: "-",
        ast.UAdd: "+",
        ast.Invert: "~",
        ast.Not: "not",
    }.get(type(op), type(op).__name__)


def scalar_type_of(value: Any) -> PyType | None:
    if isinstance(value, str):
        return STR if not any(0xD800 <= ord(c) <= 0xDFFF for c in value) else None
    if isinstance(value, bool):
        return BOOL
    if isinstance(value, int):
        return INT if I64_MIN <= value <= I64_MAX else None
    if isinstance(value, float):
        return FLOAT
    if value is None:
        return NONE
    return None


def fold_constant(node: ast.expr, consts: dict[str, Any]) -> Any:
    """Evaluate a constant expression with CPython's own operators.

    Returns `NotImplemented` when `node` is not a constant expression. Only
    cheap operations are folded (no huge powers), so folding cannot hang.
    """
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float, bool, str)):
        return node.value
    if isinstance(node, ast.Constant) and node.value is None:
        return None
    if isinstance(node, ast.Name) and node.id in consts:
        return consts[node.id]
    if isinstance(node, ast.UnaryOp):
        v = fold_constant(node.operand, consts)
        if v is NotImplemented or v is None:
            return NotImplemented
        if isinstance(node.op, ast.USub):
            return -v
        if isinstance(node.op, ast.UAdd):
            return +v
        return NotImplemented
    if isinstance(node, ast.BinOp):
        a = fold_constant(node.left, consts)
        b = fold_constant(node.right, consts)
        if a is NotImplemented or b is NotImplemented or a is None or b is None:
            return NotImplemented
        try:
            if isinstance(node.op, ast.Pow):
                if isinstance(b, int) and abs(b) > 256:
                    return NotImplemented
                return a**b
            fn = _FOLD_BINOPS.get(type(node.op))
            if fn is None:
                return NotImplemented
            if isinstance(node.op, ast.Mult) and (isinstance(a, str) or isinstance(b, str)):
                text, count = (a, b) if isinstance(a, str) else (b, a)
                if not isinstance(count, int) or len(text) * max(count, 0) > 100_000:
                    return NotImplemented
            return fn(a, b)
        except (ArithmeticError, ValueError, TypeError):
            return NotImplemented
    return NotImplemented


# (checker class, node class) -> the unbound `infer_<NodeClass>` method.
_INFER_METHODS: dict[tuple[type, type], Callable[..., Any]] = {}

_PAIR_KEY, _PAIR_VALUE = "_pt_key", "_pt_value"  # names user code cannot see (comprehension)


class DictCallTyper:
    """`dict(d)`, `dict(pairs)`, `dict(zip(ks, vs))` typed as the comprehension
    `{k: v for k, v in d.items()}` / `{k: v for k, v in pairs}`: CPython's dict()
    evaluates its argument once and inserts item by item in iteration order,
    exactly as the comprehension does (later duplicates overwrite, first
    position kept). Keyword arguments stay Python."""

    infer: Any
    dict_calls: dict[int, ast.DictComp]

    def dict_from(self, node: ast.Call) -> PyType:
        if node.keywords or len(node.args) != 1 or isinstance(node.args[0], ast.Starred):
            raise Unsupported(node, "dict() with keyword arguments is not supported yet")
        arg = node.args[0]
        func = arg.func if isinstance(arg, ast.Call) else None
        # zip()/enumerate() only type as what a loop iterates.
        lazy = isinstance(func, ast.Name) and func.id in ("zip", "enumerate")
        src = PyType(func.id) if isinstance(func, ast.Name) and lazy else self.infer(arg)
        source: ast.expr = arg
        if src.name == "dict":
            source = ast.Call(
                func=ast.Attribute(value=arg, attr="items", ctx=ast.Load()), args=[], keywords=[]
            )
            ast.copy_location(source, arg)
            ast.copy_location(source.func, arg)  # type: ignore[attr-defined]
        elif src.name in ("Counter", "defaultdict"):
            raise Unsupported(node, f"dict() of a {src} is not supported yet")
        target = ast.Tuple(
            elts=[ast.Name(_PAIR_KEY, ast.Store()), ast.Name(_PAIR_VALUE, ast.Store())],
            ctx=ast.Store(),
        )
        comp = ast.DictComp(
            key=ast.Name(_PAIR_KEY, ast.Load()),
            value=ast.Name(_PAIR_VALUE, ast.Load()),
            generators=[ast.comprehension(target=target, iter=source, ifs=[], is_async=0)],
        )
        for sub in (comp, comp.key, comp.value, target, *target.elts):
            ast.copy_location(sub, node)
        try:
            t = self.infer(comp)
        except Unsupported as exc:
            raise Unsupported(
                node, f"dict() of a {src} is not supported yet ({exc.message})"
            ) from None
        self.dict_calls[id(node)] = comp
        return t  # type: ignore[no-any-return]


class ExpressionTyper(
    ContainerTyper,
    IterationTyper,
    DictTyper,
    SetTyper,
    CollectionsTyper,
    DequeTyper,
    CounterTyper,
    GeneratorTyper,
    ReduceTyper,
    GroupbyTyper,
    CallableTyper,
    ItertoolsTyper,
    PercentTyper,
    DictCallTyper,
):
    """Mixin: `infer(node)` records and returns the PyType of an expression."""

    # Provided by the function checker.
    expr_types: dict[int, PyType]
    const_values: dict[int, Any]
    local_types: dict[str, PyType]
    assigned_names: set[str]
    constants: dict[str, Any]
    constant_types: dict[str, PyType]
    function_returns: dict[str, PyType | None]
    function_params: dict[str, list[Any]]
    skipped_functions: dict[str, str]
    module_bindings: set[str]
    constant_problems: dict[str, str]
    calls: dict[str, int]
    constants_used: set[str]
    collecting: bool

    def infer(self, node: ast.expr) -> PyType:
        # `infer_<NodeClass>` looked up once per (checker class, node class):
        # this runs for every expression node, several times per function.
        key = (self.__class__, node.__class__)
        method = _INFER_METHODS.get(key)
        if method is None:
            method = getattr(self.__class__, "infer_" + node.__class__.__name__, None)
            if method is None:
                raise Unsupported(node, f"expression `{_snippet(node)}` is not supported yet")
            _INFER_METHODS[key] = method
        t: PyType = method(self, node)
        self.expr_types[id(node)] = t
        return t

    # -- atoms -------------------------------------------------------------
    def infer_Constant(self, node: ast.Constant) -> PyType:
        v = node.value
        if isinstance(v, str):
            return STR
        t = scalar_type_of(v)
        if t is None:
            if isinstance(v, int):
                raise Unsupported(
                    node,
                    f"integer literal {v} does not fit in 64 bits",
                    "big integer literals are not translated; the function stays Python",
                )
            raise Unsupported(node, f"{type(v).__name__} values are not supported yet")
        return t

    def infer_Name(self, node: ast.Name) -> PyType:
        name = node.id
        scoped = self.comp_lookup(name)
        if scoped is not None:
            self.comp_names.add(id(node))
            return scoped
        if name in self.narrowed and isinstance(node.ctx, ast.Load):
            # Proven not None here; should the proof be wrong, reading None
            # bails (CPython re-runs), it never yields a wrong value.
            self.narrow_reads.add(id(node))
            return self.narrowed[name]
        if name in self.assigned_names:
            t = self.local_types.get(name)
            if t is None:
                if self.collecting:
                    raise Pending("")
                raise Unsupported(node, f"cannot infer the type of local variable `{name}`")
            return t
        if name in self.constant_types:
            self.constants_used.add(name)
            return self.constant_types[name]
        target = self.imports.get(name, "")
        if target.startswith("math.") and target[5:] in MATH_CONSTANTS:
            self.const_values[id(node)] = MATH_CONSTANTS[target[5:]]
            return FLOAT
        if name in self.function_returns:
            raise Unsupported(node, f"function `{name}` used as a value")
        if name in self.constant_problems:
            raise Unsupported(
                node,
                f"module-level table `{name}` may be changed ({self.constant_problems[name]})",
                "a list/dict is read as a constant only if the module never changes or shares it",
            )
        if name in self.module_bindings:
            raise Unsupported(
                node,
                f"module-level name `{name}` is not a constant Portalis can prove",
                "constants are names bound once at top level to literals (numbers, str, "
                "tuples, and lists/dicts of those) or expressions computed from them",
            )
        raise Unsupported(node, f"name `{name}` is not supported here")

    # -- operators ---------------------------------------------------------
    def infer_UnaryOp(self, node: ast.UnaryOp) -> PyType:
        if isinstance(node.op, ast.Not):
            self.mark_test(node.operand)
        folded = fold_constant(node, self.constants)
        if folded is not NotImplemented and scalar_type_of(folded) in (INT, FLOAT):
            # `-9223372036854775808` is only representable after folding.
            self.const_values[id(node)] = folded
            self._walk_names_for_constants(node)
            return scalar_type_of(folded)  # type: ignore[return-value]
        t = self.infer(node.operand)
        if isinstance(node.op, ast.Not):
            self.require_truthy(node.operand, t)
            return BOOL
        if not is_numeric(t):
            raise Unsupported(node, f"unary `{op_name(node.op)}` on {t}")
        if isinstance(node.op, ast.Invert):
            if t is BOOL:
                raise Unsupported(node, "`~` on a bool is deprecated and not translated")
            if t is FLOAT:
                raise Unsupported(node, "`~` on a float raises TypeError; not translated")
            return INT
        return FLOAT if t is FLOAT else INT

    def infer_BinOp(self, node: ast.BinOp) -> PyType:
        lt = self.infer(node.left)
        rt = self.infer(node.right)
        op = node.op
        name = op_name(op)
        if not (is_numeric(lt) and is_numeric(rt)):
            return self._sequence_binop(node, lt, rt, name)
        if isinstance(op, ast.MatMult):
            raise Unsupported(node, "`@` is not supported")
        if isinstance(op, (ast.BitAnd, ast.BitOr, ast.BitXor)):
            if lt is FLOAT or rt is FLOAT:
                raise Unsupported(node, f"`{name}` on a float raises TypeError; not translated")
            return BOOL if (lt is BOOL and rt is BOOL) else INT
        if isinstance(op, (ast.LShift, ast.RShift)):
            if lt is FLOAT or rt is FLOAT:
                raise Unsupported(node, f"`{name}` on a float raises TypeError; not translated")
            return INT
        if isinstance(op, ast.Pow):
            if lt is FLOAT or rt is FLOAT:
                return FLOAT
            exp = fold_constant(node.right, self.constants)
            if isinstance(exp, int):
                return INT if exp >= 0 else FLOAT
            # An int, unless the exponent is negative at run time: CPython then
            # returns a float, and the translated call bails (rt/int.rs `pow`) so
            # CPython computes it. Never a wrong type, only a slower call.
            return INT
        if isinstance(op, ast.Div):
            return FLOAT
        if lt is FLOAT or rt is FLOAT:
            return FLOAT
        return INT

    def _sequence_binop(self, node: ast.BinOp, lt: PyType, rt: PyType, name: str) -> PyType:
        as_set = self.set_binop(node, lt, rt)
        if as_set is not None:
            return as_set
        as_counter = self.counter_binop(node, lt, rt)
        if as_counter is not None:
            return as_counter
        seq = lt == STR or is_list(lt)
        if isinstance(node.op, ast.Add) and (lt == STR or is_list(lt)):
            merged = unify(lt, rt)
            if merged is not None:
                return merged
        if isinstance(node.op, ast.Mult):
            if seq and rt in (INT, BOOL):
                return lt
            if (rt == STR or is_list(rt)) and lt in (INT, BOOL):
                return rt
        if isinstance(node.op, ast.Mod) and lt == STR:
            return self.percent_format(node, rt)
        raise Unsupported(node, f"`{name}` between {lt} and {rt} is not supported yet")

    def mark_test(self, node: ast.expr) -> None:
        """`node` is only tested for truth: its and/or may mix operand types."""
        if isinstance(node, ast.BoolOp):
            self.test_boolops.add(id(node))
            for v in node.values:
                self.mark_test(v)
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            self.mark_test(node.operand)

    test_boolops: set[int]

    def infer_BoolOp(self, node: ast.BoolOp) -> PyType:
        types = []
        saved = dict(self.narrowed)
        try:
            for v in node.values:
                types.append(self.infer(v))
                # `x is not None and x > 3` / `x is None or x > 3`: later operands
                # run only when x is not None.
                positive = isinstance(node.op, ast.And)
                self.narrowed.update(narrowing(v, self.local_types, positive=positive))
        finally:
            self.narrowed = saved
        for v, t in zip(node.values, types):
            self.require_truthy(v, t)
        first = types[0]
        if id(node) in self.test_boolops and any(t != first for t in types[1:]):
            return BOOL  # only its truth is used, and that is well defined
        if any(t != first for t in types[1:]):
            kind = "and" if isinstance(node.op, ast.And) else "or"
            raise Unsupported(
                node,
                f"`{kind}` returns one of its operands, and they have different types "
                f"({', '.join(str(t) for t in types)})",
            )
        return first

    def infer_Compare(self, node: ast.Compare) -> PyType:
        operands = [node.left, *node.comparators]
        types = [self.infer(o) for o in operands]
        for op, (ta, tb) in zip(node.ops, itertools.pairwise(types)):
            if isinstance(op, (ast.Is, ast.IsNot, ast.Eq, ast.NotEq)) and NONE in (ta, tb):
                other = tb if ta == NONE else ta
                if other == NONE or is_optional(other):
                    continue
                if isinstance(op, (ast.Is, ast.IsNot)):
                    raise Unsupported(node, f"`is None` on a {other}, which is never None")
            if isinstance(op, (ast.Is, ast.IsNot)):
                raise Unsupported(node, "`is` is only supported with None")
            if isinstance(op, (ast.In, ast.NotIn)):
                if (is_dict(tb) or is_set(tb)) and unify(tb.args[0], ta) == tb.args[0]:
                    continue
                if dict_view(tb) is not None and unify(tb.args[0], ta) == tb.args[0]:
                    continue
                if is_tuple(tb) and tuple_member_ok(ta, tb):
                    continue
                if (ta == STR and tb == STR) or (
                    (is_list(tb) or is_deque(tb)) and unify(tb.args[0], ta)
                ):
                    if is_deque(tb) and _has_float(ta):
                        raise Unsupported(node, "`in` on a deque of floats needs NaN identity")
                    if (is_list(tb) or is_deque(tb)) and ta == FLOAT:
                        raise Unsupported(node, "`in` on a list of floats needs NaN identity")
                    continue
                raise Unsupported(node, f"`in` between {ta} and {tb} is not supported yet")
            if ta == STR and tb == STR and not isinstance(op, (ast.Is, ast.IsNot)):
                continue
            if (
                is_tuple(ta)
                and ta == tb
                and orderable(ta)
                and not isinstance(op, (ast.Is, ast.IsNot))
            ):
                continue  # item by item, as Rust's tuple order (no floats: NaN, -0.0)
            if is_set(ta) and ta == tb and not isinstance(op, (ast.Is, ast.IsNot)):
                continue
            if ta.name == "Counter" and ta == tb and isinstance(op, (ast.Eq, ast.NotEq)):
                continue  # Counter.__eq__: missing keys count as zero (3.10+)
            if (
                (is_list(ta) or is_tuple(ta) or is_deque(ta))
                and ta == tb
                and isinstance(op, (ast.Eq, ast.NotEq))
            ):
                if _has_float(ta):
                    raise Unsupported(node, "comparing containers of floats needs NaN identity")
                continue
            if not (is_numeric(ta) and is_numeric(tb)):
                if ta is NONE and tb is NONE and isinstance(op, (ast.Eq, ast.NotEq)):
                    continue
                raise Unsupported(node, f"comparison between {ta} and {tb} is not supported yet")
        return BOOL

    def infer_IfExp(self, node: ast.IfExp) -> PyType:
        self.mark_test(node.test)
        self.require_truthy(node.test, self.infer(node.test))
        a = self.infer(node.body)
        b = self.infer(node.orelse)
        if a != b:
            raise Unsupported(node, f"conditional expression mixes {a} and {b}")
        return a

    # -- calls -------------------------------------------------------------
    def infer_Call(self, node: ast.Call) -> PyType:
        target = self._stdlib_target(node.func)
        if target is not None:
            return self._infer_stdlib(node, target)
        if isinstance(node.func, ast.Attribute):
            return self.infer_method(node, node.func)
        if not isinstance(node.func, ast.Name):
            raise Unsupported(node, f"call of `{_snippet(node.func)}` is not supported yet")
        name = node.func.id
        nested = self.nested_call(name)
        if nested is not None:
            return self._infer_call_with(node, name, nested.params, nested.returns)
        if name in self.assigned_names and self.local_types.get(name, NONE).name == "callable":
            return self.callable_param_call(node, name, self.local_types[name])
        if name in self.assigned_names:
            raise Unsupported(node, f"`{name}` is a local variable, not a function")
        if name in self.function_returns or name in self.skipped_functions:
            return self._infer_module_call(node, name)
        if name in self.module_bindings:
            raise Unsupported(node, f"`{name}` is not a function Portalis translates")
        if name == "isinstance":
            return self._infer_isinstance(node)
        if name in BUILTIN_CALLS:
            return self._infer_builtin(node, name)
        raise Unsupported(node, f"call of `{name}` is not supported yet")

    def _stdlib_target(self, func: ast.expr) -> str | None:
        """ "math.floor" when `func` names a supported stdlib function, else None."""
        if self.comp_lookup(getattr(func, "id", "")) is not None:
            return None
        if isinstance(func, ast.Name) and "." in self.imports.get(func.id, ""):
            return self.imports[func.id]
        if (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.value.id in self.imports
            and "." not in self.imports[func.value.id]
            and self.comp_lookup(func.value.id) is None
        ):
            return f"{self.imports[func.value.id]}.{func.attr}"
        return None

    def _infer_stdlib(self, node: ast.Call, target: str) -> PyType:
        if not target.startswith("math.") or target == "math.prod":
            return self.infer_collections_call(node, target)  # analysis/collections_.py
        if node.keywords or any(isinstance(a, ast.Starred) for a in node.args):
            raise Unsupported(node, f"{target}() with keyword or * arguments")
        types = [self.infer(a) for a in node.args]
        module, _, name = target.partition(".")
        assert module == "math"
        result = math_call(name, node, types)
        self.stdlib_calls[id(node)] = target
        return result

    def infer_type_name(self, node: ast.Attribute) -> PyType | None:
        """`type(x).__name__` of a variable of an exact builtin type: a str constant."""
        if (
            node.attr == "__name__"
            and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Name)
            and node.value.func.id == "type"
            and "type" not in self.module_bindings
            and "type" not in self.assigned_names
            and len(node.value.args) == 1
            and not node.value.keywords
            and isinstance(node.value.args[0], ast.Name)
        ):
            t = self.infer(node.value.args[0])
            if t.name in _ISINSTANCE_CLASSES:
                self.const_values[id(node)] = t.name
                return STR
        return None

    def infer_Attribute(self, node: ast.Attribute) -> PyType:
        named = self.infer_type_name(node)
        if named is not None:
            return named
        if (
            isinstance(node.value, ast.Name)
            and self.imports.get(node.value.id) == "math"
            and node.attr in MATH_CONSTANTS
        ):
            self.const_values[id(node)] = MATH_CONSTANTS[node.attr]
            return FLOAT
        raise Unsupported(node, f"attribute `{_snippet(node)}` is not supported yet")

    imports: dict[str, str]
    stdlib_calls: dict[int, str]

    def nested_call(self, name: str) -> Any:
        """The NestedDef a call of `name` runs (analysis/nested.py), or None."""
        nested = getattr(self, "nested_defs", None)
        if not nested or name not in nested or self.comp_lookup(name) is not None:
            return None
        if getattr(self, "is_nested", False) and name in self.assigned_names:
            return None  # shadowed by the nested function's own local
        return nested[name]

    def _infer_module_call(self, node: ast.Call, name: str) -> PyType:
        self.calls.setdefault(name, node.lineno)
        if name in self.skipped_functions:
            raise Unsupported(
                node,
                f"calls `{name}`, which is not translated ({self.skipped_functions[name]})",
            )
        ret = self._infer_call_with(node, name, self.function_params[name], None)
        return ret

    def _infer_call_with(
        self, node: ast.Call, name: str, params: list[Any], returns: PyType | None
    ) -> PyType:
        bound = bind_call(node, params)
        for param, arg in zip(params, bound):
            if arg is None:
                continue
            if param.type.name == "callable":
                self.callable_arg(arg, param.type, name)  # analysis/callables.py
                continue
            t = self.infer(arg)
            if t != param.type and unify(param.type, t) != param.type:
                raise Unsupported(
                    arg,
                    f"argument `{param.name}` of `{name}` is {t} here but annotated {param.type}",
                    "CPython would pass the value unconverted; make the types match",
                )
        if returns is not None:
            return returns
        ret = self.function_returns[name]
        if ret is None:
            raise Pending(name)
        return ret

    def _infer_builtin(self, node: ast.Call, name: str) -> PyType:
        if name == "set":
            if node.keywords or len(node.args) > 1:
                raise Unsupported(node, "set() takes at most one iterable")
            if not node.args:
                from .containers import UNKNOWN

                return set_of(UNKNOWN)
            if isinstance(node.args[0], ast.GeneratorExp):
                self.genexp_ok.add(id(node.args[0]))  # consumed at once, like a list
            src = self.infer(node.args[0])
            elem = (
                src.elem
                if (src == STR or is_list(src))
                else (src.args[0] if is_dict(src) or is_set(src) else None)
            )
            if elem is None:
                raise Unsupported(node, f"set() of a {src} is not supported yet")
            return set_of(elem)
        if name == "dict":
            if node.args or node.keywords:
                return self.dict_from(node)
            from .containers import UNKNOWN

            return PyType("dict", (UNKNOWN, UNKNOWN))
        if (
            len(node.args) == 1
            and isinstance(node.args[0], ast.GeneratorExp)
            and name in ("sum", "min", "max", "list", "sorted", "any", "all")
        ):
            self.genexp_ok.add(id(node.args[0]))
        if name in ("any", "all"):
            if node.keywords or len(node.args) != 1:
                raise Unsupported(node, f"{name}() takes one iterable")
            arg = node.args[0]
            if isinstance(arg, ast.GeneratorExp):
                elem = self.infer(arg).args[0]
            else:
                elem = self.iter_elem(arg)
            if elem not in (INT, FLOAT, BOOL, STR) and not is_list(elem):
                raise Unsupported(node, f"{name}() over {elem} values is not supported yet")
            return BOOL
        if name == "print":
            return self._infer_print(node)
        if name in ("round", "divmod", "pow", "hex", "oct", "bin"):
            return self._infer_numeric_builtin(node, name)
        if name in ("len", "str", "repr", "ord", "chr", "sum", "sorted", "list"):
            return self._infer_sequence_builtin(node, name)
        if name in ("min", "max", "sum") and len(node.args) == 1:
            self._allow_view(node.args[0])
        if name in ("min", "max") and len(node.args) == 1:
            t = self.infer(node.args[0])
            if any(k.arg != "key" for k in node.keywords):
                raise Unsupported(node, f"{name}() takes only key= here (no default= yet)")
            if is_set(t) and not node.keywords and t.args[0] in (INT, STR, BOOL):
                return t.args[0]
            if not is_list(t):
                raise Unsupported(node, f"{name}() over a {t} is not supported yet")
            if node.keywords:
                self.infer_key(node.keywords[0].value, t.args[0], floats=True)
                return t.args[0]
            if orderable(t.args[0]) or t.args[0] == FLOAT:  # floats: NaN bails (rt/list.rs)
                return t.args[0]
            raise Unsupported(node, f"{name}() over a {t} is not supported yet")
        if node.keywords:
            raise Unsupported(node, f"keyword arguments to `{name}()` are not supported yet")
        if any(isinstance(a, ast.Starred) for a in node.args):
            raise Unsupported(node, f"`*` arguments to `{name}()` are not supported")
        types = [self.infer(a) for a in node.args]
        if name == "abs":
            if len(types) != 1 or not is_numeric(types[0]):
                raise Unsupported(node, "abs() of this argument is not supported")
            return FLOAT if types[0] is FLOAT else INT
        if name in ("min", "max"):
            if len(types) < 2:
                raise Unsupported(node, f"{name}() over an iterable is not supported yet")
            if any(t != types[0] for t in types) or not is_numeric(types[0]):
                raise Unsupported(
                    node,
                    f"{name}() returns one of its arguments, and they have different types",
                )
            return types[0]
        if name == "int" and len(types) == 2 and types[0] == STR and types[1] in (INT, BOOL):
            return INT  # int(s, base): rt/math.rs int_from_str_base
        if name == "float" and types == [STR]:
            return FLOAT  # rt/float.rs from_str; errors re-run in CPython
        if name in ("int", "float", "bool"):
            if len(types) != 1:
                raise Unsupported(node, f"{name}() with {len(types)} arguments is not supported")
            if name == "bool":
                self.require_truthy(node.args[0], types[0])
                return BOOL
            if name == "int" and types[0] == STR:
                return INT
            if not is_numeric(types[0]):
                raise Unsupported(node, f"{name}() of {types[0]} is not supported yet")
            return INT if name == "int" else FLOAT
        raise Unsupported(node, f"builtin `{name}` is not supported yet")

    def _infer_isinstance(self, node: ast.Call) -> PyType:
        """`isinstance(x, int)` on a variable of a known exact type: a constant.

        Static types here are the run-time types exactly (parameters are checked
        with `type(arg) is T` at the boundary), so the answer follows from the
        class relations alone: bool is a subclass of int, nothing else here is.
        """
        if node.keywords or len(node.args) != 2 or not isinstance(node.args[0], ast.Name):
            raise Unsupported(node, "isinstance() of a variable and a class (or tuple) only")
        t = self.infer(node.args[0])
        spec = node.args[1]
        names = spec.elts if isinstance(spec, ast.Tuple) else [spec]
        classes = []
        for n in names:
            if not (
                isinstance(n, ast.Name)
                and n.id in _ISINSTANCE_CLASSES
                and n.id not in self.module_bindings
                and n.id not in self.assigned_names
                and self.comp_lookup(n.id) is None
            ):
                raise Unsupported(n, "isinstance() with this class is not supported yet")
            classes.append(n.id)
        actual = t.name if t.name in _ISINSTANCE_CLASSES else str(t)
        if actual not in _ISINSTANCE_CLASSES:
            raise Unsupported(node, f"isinstance() of a {t} is not supported yet")
        self.const_values[id(node)] = any(
            c == actual or (c == "int" and actual == "bool") for c in classes
        )
        return BOOL

    def _infer_numeric_builtin(self, node: ast.Call, name: str) -> PyType:
        if node.keywords or any(isinstance(a, ast.Starred) for a in node.args):
            raise Unsupported(node, f"{name}() with keyword or * arguments is not supported yet")
        types = [self.infer(a) for a in node.args]
        if not all(is_numeric(t) for t in types):
            raise Unsupported(node, f"{name}() of non-numbers is not supported")
        if name in ("hex", "oct", "bin"):
            if types not in ([INT], [BOOL]):
                raise Unsupported(node, f"{name}() takes one int")
            return STR
        if name == "round":
            if len(types) == 1:
                return INT
            if len(types) == 2 and types[1] in (INT, BOOL):
                return FLOAT if types[0] == FLOAT else INT
            raise Unsupported(node, "round(number, ndigits) with an int ndigits only")
        if name == "divmod":
            if len(types) != 2:
                raise Unsupported(node, "divmod() takes two numbers")
            part = FLOAT if FLOAT in types else INT
            return tuple_of(part, part)
        # pow
        if len(types) == 3:
            if not all(t in (INT, BOOL) for t in types):
                raise Unsupported(node, "pow(a, b, mod) with ints only")
            return INT
        if len(types) != 2:
            raise Unsupported(node, "pow() takes two or three arguments")
        fake = ast.BinOp(left=node.args[0], op=ast.Pow(), right=node.args[1])
        ast.copy_location(fake, node)
        self.pow_nodes[id(node)] = fake
        return self.infer(fake)

    pow_nodes: dict[int, ast.BinOp]

    def _allow_view(self, node: ast.expr) -> None:
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("keys", "values", "items")
        ):
            self.views_ok.add(id(node))

    views_ok: set[int]
    dict_views: dict[int, str]

    def _infer_print(self, node: ast.Call) -> PyType:
        for kw in node.keywords:
            if kw.arg not in ("sep", "end"):
                raise Unsupported(node, f"print(..., {kw.arg}=...) is not supported yet")
            if self.infer(kw.value) not in (STR, NONE):
                raise Unsupported(kw.value, f"print {kw.arg}= must be a str or None")
        for a in node.args:
            if isinstance(a, ast.Starred):
                raise Unsupported(a, "print(*args) is not supported yet")
            t = self.infer(a)
            if not printable(t):
                raise Unsupported(a, f"printing a {t} is not supported yet")
        self.prints = True
        return NONE

    def _infer_sequence_builtin(self, node: ast.Call, name: str) -> PyType:
        if node.keywords and not (
            name == "sorted" and all(k.arg in ("reverse", "key") for k in node.keywords)
        ):
            raise Unsupported(node, f"keyword arguments to {name}() are not supported yet")
        for a in node.args:
            self._allow_view(a)
        types = [self.infer(a) for a in node.args]
        if len(types) == 1 and is_set(types[0]) and name in ("list", "sorted", "len", "sum"):
            if name == "len" or (name == "sum" and types[0].args[0] in (INT, BOOL)):
                return INT
            if name == "sum":
                raise Unsupported(node, f"sum() of a {types[0]} is not supported")
            return PyType("list", (types[0].args[0],))
        if len(types) == 1 and is_deque(types[0]) and name in ("list", "sorted", "len", "sum"):
            if name == "len":
                return INT
            types = [PyType("list", types[0].args)]  # converted to a list first
        if len(types) == 1 and dict_view(types[0]) is not None:
            types = [dict_view(types[0])]  # type: ignore[list-item]
        if len(types) == 1 and is_dict(types[0]) and name in ("list", "sorted", "len"):
            self.dict_views[id(node.args[0])] = "keys"  # iterating a dict gives its keys
            types = [PyType("list", (types[0].args[0],))] if name != "len" else types
        for k in node.keywords:
            if k.arg == "key":
                if len(types) != 1 or not (is_list(types[0]) or types[0] == STR):
                    raise Unsupported(node, "sorted(key=...) over a list or str only")
                self.infer_key(k.value, types[0].elem, floats=True)
            elif self.infer(k.value) != BOOL:
                raise Unsupported(k.value, "reverse= must be a bool")
        if name == "sorted" and any(k.arg == "key" for k in node.keywords):
            return types[0] if is_list(types[0]) else PyType("list", (STR,))
        if name in ("str", "repr") and len(types) == 0 and name == "str":
            return STR
        if len(types) != 1:
            raise Unsupported(node, f"{name}() with {len(types)} arguments is not supported")
        t = types[0]
        if name == "len":
            if t == STR or is_list(t) or is_tuple(t) or is_dict(t):
                return INT
        elif name in ("str", "repr"):
            if printable(t):
                return STR
        elif name == "ord":
            if t == STR:
                return INT
        elif name == "chr":
            if t in (INT, BOOL):
                return STR
        elif name == "sum":
            if is_list(t) and t.args[0] in (INT, BOOL):
                return INT
            if is_list(t) and t.args[0] == FLOAT:
                # An empty list sums to the int 0: the runtime bails there (rt/list.rs).
                return FLOAT
        elif name == "sorted":
            if is_list(t) and (orderable(t.args[0]) or t.args[0] == FLOAT):
                return t  # floats: NaN bails (rt/list.rs)
            if t == STR:
                return PyType("list", (STR,))
        elif name == "list":
            if is_list(t):
                return t
            if t == STR:
                return PyType("list", (STR,))
        raise Unsupported(node, f"{name}() of a {t} is not supported yet")

    # -- helpers -----------------------------------------------------------
    prints: bool = False
    narrowed: dict[str, PyType]
    narrow_reads: set[int]
    comp_names: set[int]

    def require_truthy(self, node: ast.expr, t: PyType) -> None:
        if t not in (INT, FLOAT, BOOL, NONE, STR) and not (
            is_list(t) or is_dict(t) or is_set(t) or is_deque(t) or dict_view(t) is not None
        ):
            raise Unsupported(node, f"truth value of {t} is not supported yet")

    def _walk_names_for_constants(self, node: ast.AST) -> None:
        for sub in ast.walk(node):
            if isinstance(sub, ast.Name) and sub.id in self.constant_types:
                self.constants_used.add(sub.id)


def printable(t: PyType) -> bool:
    return (
        t in PRINTABLE
        or (is_optional(t) and t.args[0] in PRINTABLE)
        or text_approved(t)
        or container_printable(t)
    )


def container_printable(t: PyType) -> bool:
    """Lists, tuples and dicts of printable items: shown by the runtime's `PyRepr`."""
    if t.name not in ("list", "tuple", "dict"):
        return False
    return all(
        a in PRINTABLE or (is_optional(a) and a.args[0] in PRINTABLE) or container_printable(a)
        for a in t.args
    )


def narrowing(
    test: ast.expr, local_types: dict[str, PyType], *, positive: bool
) -> dict[str, PyType]:
    """Names proven not None when `test` is true (positive) or false (not positive)."""
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And) and positive:
        out: dict[str, PyType] = {}
        for v in test.values:
            out.update(narrowing(v, local_types, positive=True))
        return out
    if (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and isinstance(test.left, ast.Name)
        and isinstance(test.comparators[0], ast.Constant)
        and test.comparators[0].value is None
        and isinstance(test.ops[0], (ast.Is, ast.IsNot))
    ):
        t = local_types.get(test.left.id)
        if t is None or not is_optional(t):
            return {}
        not_none = isinstance(test.ops[0], ast.IsNot)
        if not_none == positive:
            return {test.left.id: t.args[0]}
    return {}


def tuple_member_ok(ta: PyType, tb: PyType) -> bool:
    """`x in (a, b, c)`: exact when every item has x's type and == is Rust's == (no floats)."""
    from .dicts import hashable_key

    return bool(tb.args) and all(a == ta for a in tb.args) and hashable_key(ta)


def _has_float(t: PyType) -> bool:
    return t == FLOAT or any(_has_float(a) for a in t.args)


def bind_call(node: ast.Call, params: list[Any]) -> list[ast.expr | None]:
    """Match call arguments to parameters like CPython; None means 'use default'."""
    if any(isinstance(a, ast.Starred) for a in node.args) or any(
        k.arg is None for k in node.keywords
    ):
        raise Unsupported(node, "`*args`/`**kwargs` in calls are not supported")
    bound: list[ast.expr | None] = [None] * len(params)
    positional = [i for i, p in enumerate(params) if p.kind != "keyword_only"]
    if len(node.args) > len(positional):
        raise Unsupported(node, "too many positional arguments (CPython raises TypeError)")
    for i, arg in zip(positional, node.args):
        bound[i] = arg
    index = {p.name: i for i, p in enumerate(params) if p.kind != "positional_only"}
    for kw in node.keywords:
        assert kw.arg is not None
        i = index.get(kw.arg, -1)
        if i < 0 or bound[i] is not None:
            raise Unsupported(node, f"bad keyword argument `{kw.arg}` (CPython raises TypeError)")
        bound[i] = kw.value
    for i, p in enumerate(params):
        if bound[i] is None and not p.has_default:
            raise Unsupported(node, f"missing argument `{p.name}` (CPython raises TypeError)")
    return bound


def _snippet(node: ast.AST) -> str:
    try:
        text = ast.unparse(node)
    except Exception:  # pragma: no cover - unparse handles every node
        text = type(node).__name__
    return text if len(text) <= 40 else text[:37] + "..."
