"""Typing rules for str, list and tuple expressions, f-strings and methods.

Split from expressions.py so each file reads in one sitting. The rules are
deliberately narrow: a method is accepted only with the argument types whose
CPython behaviour the runtime reproduces (or bails on).
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from .model import Unsupported
from .types import (
    BOOL,
    FLOAT,
    INT,
    NONE,
    STR,
    PyType,
    is_list,
    is_tuple,
    list_of,
    optional_of,
    text_approved,
    tuple_of,
)

UNKNOWN = PyType("?")
PRINTABLE = (INT, FLOAT, BOOL, NONE, STR)

# method -> (argument types accepted positionally, minimum args, result type)
# "S" stands for str, "I" for int, "O" for optional str/None.
STR_METHODS: dict[str, tuple[str, int, PyType]] = {
    "upper": ("", 0, STR),
    "lower": ("", 0, STR),
    "capitalize": ("", 0, STR),
    "title": ("", 0, STR),
    "swapcase": ("", 0, STR),
    "casefold": ("", 0, STR),
    "strip": ("O", 0, STR),
    "lstrip": ("O", 0, STR),
    "rstrip": ("O", 0, STR),
    "split": ("OI", 0, list_of(STR)),
    "rsplit": ("OI", 0, list_of(STR)),
    "splitlines": ("B", 0, list_of(STR)),
    "join": ("L", 1, STR),
    "replace": ("SSI", 2, STR),
    "find": ("SII", 1, INT),
    "rfind": ("SII", 1, INT),
    "index": ("SII", 1, INT),
    "rindex": ("SII", 1, INT),
    "count": ("SII", 1, INT),
    "startswith": ("PII", 1, BOOL),
    "endswith": ("PII", 1, BOOL),
    "isdigit": ("", 0, BOOL),
    "isdecimal": ("", 0, BOOL),
    "isnumeric": ("", 0, BOOL),
    "isalpha": ("", 0, BOOL),
    "isalnum": ("", 0, BOOL),
    "isspace": ("", 0, BOOL),
    "isupper": ("", 0, BOOL),
    "islower": ("", 0, BOOL),
    "istitle": ("", 0, BOOL),
    "isascii": ("", 0, BOOL),
    "zfill": ("I", 1, STR),
    "center": ("IS", 1, STR),
    "ljust": ("IS", 1, STR),
    "rjust": ("IS", 1, STR),
    "partition": ("S", 1, tuple_of(STR, STR, STR)),
    "rpartition": ("S", 1, tuple_of(STR, STR, STR)),
}
STR_KWARGS = {
    "split": ("sep", "maxsplit"),
    "rsplit": ("sep", "maxsplit"),
    "splitlines": ("keepends",),
}

LIST_METHODS = {
    "append",
    "pop",
    "insert",
    "extend",
    "index",
    "count",
    "reverse",
    "clear",
    "copy",
    "remove",
    "sort",
}


def has_unknown(t: PyType) -> bool:
    return t == UNKNOWN or any(has_unknown(a) for a in t.args)


def unify(a: PyType, b: PyType) -> PyType | None:
    """Merge two observations of one value's type (`[]` is list[?])."""
    if a == b:
        return a
    if a == UNKNOWN:
        return b
    if b == UNKNOWN:
        return a
    # `best = None` then `best = 3`: the variable is an int | None.
    if a == NONE and b.name != "?":
        return optional_of(b)
    if b == NONE:
        return optional_of(a)
    if a.name == "optional" and b.name != "optional":
        inner = unify(a.args[0], b)
        return optional_of(inner) if inner is not None else None
    if b.name == "optional" and a.name != "optional":
        inner = unify(a, b.args[0])
        return optional_of(inner) if inner is not None else None
    if a.name == b.name and len(a.args) == len(b.args) and a.args:
        parts = [unify(x, y) for x, y in zip(a.args, b.args)]
        if any(p is None for p in parts):
            return None
        return PyType(a.name, tuple(parts))  # type: ignore[arg-type]
    return None


def retype_none_list(node: ast.expr, declared: PyType, expr_types: dict[int, PyType]) -> bool:
    """`[None] * n` (or `[None, None]`) stored where `list[T | None]` is declared.

    The analysis types the literal list[None]; a fresh list has no alias yet, so
    building it with the declared element type is unobservable. Retypes the
    nodes and answers True; anything else (an existing list) is left alone.
    """
    if not (is_list(declared) and declared.args[0].name == "optional"):
        return False
    lst = node
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult):
        lst = node.left if isinstance(node.left, ast.List) else node.right
    if not (
        isinstance(lst, ast.List)
        and lst.elts
        and all(isinstance(e, ast.Constant) and e.value is None for e in lst.elts)
        and expr_types.get(id(node)) == list_of(NONE)
    ):
        return False
    expr_types[id(lst)] = declared
    expr_types[id(node)] = declared
    return True


class ContainerTyper:
    set_method: Callable[[ast.Call, ast.Attribute, PyType, str], PyType]
    dict_subscript: Callable[[ast.Subscript, PyType], PyType]
    dict_method: Callable[[ast.Call, ast.Attribute, PyType, str], PyType]
    deque_method: Callable[[ast.Call, ast.Attribute, PyType, str], PyType]
    dictlike_method: Callable[[ast.Call, ast.Attribute, PyType, str], PyType]
    dictlike_subscript: Callable[[ast.Subscript, PyType], PyType]
    infer: Callable[[ast.expr], PyType]
    infer_key: Callable[..., PyType]
    require_truthy: Callable[[ast.expr, PyType], None]
    local_types: dict[str, PyType]
    assigned_names: set[str]
    expr_types: dict[int, PyType]
    collecting: bool
    genexp_ok: set[int]

    # -- literals ---------------------------------------------------------------
    def infer_List(self, node: ast.List) -> PyType:
        if any(isinstance(e, ast.Starred) for e in node.elts):
            raise Unsupported(node, "starred items in a list display are not supported yet")
        elem: PyType = UNKNOWN
        for e in node.elts:
            t = self.infer(e)
            merged = unify(elem, t)
            if merged is None:
                raise Unsupported(
                    node, f"list mixes {elem} and {t}; Portalis lists are homogeneous"
                )
            elem = merged
        return list_of(elem)

    def infer_Tuple(self, node: ast.Tuple) -> PyType:
        if any(isinstance(e, ast.Starred) for e in node.elts):
            raise Unsupported(node, "starred items in a tuple display are not supported yet")
        return tuple_of(*(self.infer(e) for e in node.elts))

    def infer_JoinedStr(self, node: ast.JoinedStr) -> PyType:
        for part in node.values:
            if isinstance(part, ast.Constant):
                continue
            assert isinstance(part, ast.FormattedValue)
            t = self.infer(part.value)
            from .expressions import container_printable

            if container_printable(t) and part.format_spec is not None:
                # object.__format__ raises TypeError for a non-empty spec.
                raise Unsupported(part, f"a format spec on a {t} is not supported")
            if (
                t not in PRINTABLE
                and not (t.name == "optional" and t.args[0] in PRINTABLE)
                and not text_approved(t)
                and not container_printable(t)
            ):
                raise Unsupported(part, f"formatting a {t} in an f-string is not supported yet")
            if part.conversion == ord("a"):
                raise Unsupported(part, "`!a` conversion is not supported yet")
            spec = part.format_spec
            if spec is not None and not (
                isinstance(spec, ast.JoinedStr)
                and all(isinstance(v, ast.Constant) for v in spec.values)
            ):
                raise Unsupported(part, "computed format specs are not supported yet")
        return STR

    # -- subscripts ---------------------------------------------------------------
    def infer_Subscript(self, node: ast.Subscript) -> PyType:
        base = self.infer(node.value)
        if base.name == "dict" and not isinstance(node.slice, ast.Slice):
            return self.dict_subscript(node, base)
        if base.name in ("Counter", "defaultdict") and not isinstance(node.slice, ast.Slice):
            return self.dictlike_subscript(node, base)  # analysis/collections_.py
        if isinstance(node.slice, ast.Slice):
            for part in (node.slice.lower, node.slice.upper, node.slice.step):
                if part is not None and self.infer(part) not in (INT, BOOL):
                    raise Unsupported(part, "slice bounds must be ints")
            if base == STR or is_list(base):
                return base
            raise Unsupported(node, f"slicing a {base} is not supported yet")
        index_t = self.infer(node.slice)
        if is_tuple(base):
            if not (
                isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, int)
            ) and not (isinstance(node.slice, ast.UnaryOp)):
                raise Unsupported(node, "tuple index must be a constant")
            try:
                idx: int = ast.literal_eval(node.slice)
                return base.args[idx]
            except (IndexError, ValueError, TypeError):
                raise Unsupported(node, "tuple index out of range") from None
        if index_t not in (INT, BOOL):
            raise Unsupported(node.slice, f"index of type {index_t} is not supported")
        if base == STR:
            return STR
        if is_list(base) or base.name == "deque":
            return base.args[0]
        raise Unsupported(node, f"indexing a {base} is not supported yet")

    # -- methods ------------------------------------------------------------------------
    def infer_method(self, node: ast.Call, attr: ast.Attribute) -> PyType:
        recv = self.infer(attr.value)
        name = attr.attr
        if recv in (INT, BOOL) and name in ("bit_length", "bit_count"):
            if node.args or node.keywords:
                raise Unsupported(node, f"int.{name}() takes no arguments")
            return INT
        if recv == STR:
            return self._str_method(node, name)
        if is_list(recv):
            return self._list_method(node, attr, recv, name)
        if recv.name == "dict":
            return self.dict_method(node, attr, recv, name)
        if recv.name == "set":
            return self.set_method(node, attr, recv, name)
        if recv.name == "deque":
            return self.deque_method(node, attr, recv, name)  # analysis/collections_.py
        if recv.name in ("Counter", "defaultdict"):
            return self.dictlike_method(node, attr, recv, name)  # analysis/collections_.py
        raise Unsupported(node, f"method `{name}` of {recv} is not supported yet")

    def _str_method(self, node: ast.Call, name: str) -> PyType:
        if name == "join" and len(node.args) == 1 and isinstance(node.args[0], ast.GeneratorExp):
            self.genexp_ok.add(id(node.args[0]))
        if name not in STR_METHODS:
            raise Unsupported(node, f"str.{name}() is not supported yet")
        kinds, minimum, result = STR_METHODS[name]
        allowed_kw = STR_KWARGS.get(name, ())
        if any(k.arg not in allowed_kw for k in node.keywords):
            raise Unsupported(node, f"keyword arguments to str.{name}() are not supported")
        args = list(node.args)
        for kw in node.keywords:
            args.append(kw.value)
        if not minimum <= len(args) <= len(kinds):
            raise Unsupported(node, f"str.{name}() with {len(args)} arguments (CPython raises)")
        for kind, arg in zip(kinds, args):
            t = self.infer(arg)
            ok = {
                "S": t == STR,
                "I": t == INT,
                "O": t in (STR, NONE),
                "B": t in (BOOL, INT),
                "L": is_list(t) and t.args[0] in (STR, PyType("?")),
                "P": t == STR or (is_tuple(t) and all(a == STR for a in t.args)),
            }[kind]
            if not ok:
                raise Unsupported(arg, f"argument of type {t} to str.{name}() is not supported")
        return result

    def _list_method(self, node: ast.Call, attr: ast.Attribute, recv: PyType, name: str) -> PyType:
        elem = recv.args[0]
        if name not in LIST_METHODS:
            raise Unsupported(node, f"list.{name}() is not supported yet")
        if name == "extend" and len(node.args) == 1 and isinstance(node.args[0], ast.GeneratorExp):
            # Appended item by item as the generator yields (translate/generators.py).
            self.genexp_ok.add(id(node.args[0]))
        if name == "sort":
            if node.args or any(k.arg not in ("reverse", "key") for k in node.keywords):
                raise Unsupported(node, "list.sort() takes only key= and reverse=")
            for k in node.keywords:
                if k.arg == "key":
                    receiver = attr.value.id if isinstance(attr.value, ast.Name) else None
                    self.infer_key(k.value, elem, forbid=receiver, floats=True)
                elif self.infer(k.value) != BOOL:
                    raise Unsupported(k.value, "reverse= must be a bool")
            if not any(k.arg == "key" for k in node.keywords) and elem != FLOAT:
                from .iteration import orderable

                if not orderable(elem):
                    raise Unsupported(node, f"sorting {elem} items is not supported yet")
            return NONE
        if node.keywords:
            raise Unsupported(node, f"keyword arguments to list.{name}() are not supported")
        types = [self.infer(a) for a in node.args]
        if name in ("append", "count", "index", "remove"):
            if len(types) != 1:
                raise Unsupported(node, f"list.{name}() takes one argument")
            merged = unify(elem, types[0])
            if merged is None:
                raise Unsupported(node.args[0], f"{types[0]} into a list of {elem}")
            if merged != elem:
                self._refine(attr.value, list_of(merged))
                elem = merged
            if name in ("count", "index", "remove") and elem == FLOAT:
                raise Unsupported(node, "searching a list of floats needs NaN identity; not yet")
            return {"append": NONE, "count": INT, "index": INT, "remove": NONE}[name]
        if name == "insert":
            if len(types) != 2 or types[0] not in (INT, BOOL):
                raise Unsupported(node, "list.insert(index, value)")
            merged = unify(elem, types[1])
            if merged is None:
                raise Unsupported(node.args[1], f"{types[1]} into a list of {elem}")
            if merged != elem:
                self._refine(attr.value, list_of(merged))
            return NONE
        if name == "extend":
            if len(types) != 1 or unify(recv, types[0]) is None:
                raise Unsupported(node, "list.extend() with another list of the same type only")
            merged = unify(recv, types[0])
            if merged is not None and merged != recv:
                self._refine(attr.value, merged)
            return NONE
        if name == "pop":
            if len(types) > 1 or (types and types[0] not in (INT, BOOL)):
                raise Unsupported(node, "list.pop([index])")
            return elem
        if types:
            raise Unsupported(node, f"list.{name}() takes no arguments")
        return recv if name == "copy" else NONE

    def _refine(self, target: ast.expr, t: PyType) -> None:
        """`xs = []` then `xs.append(1)`: the append decides the element type."""
        if isinstance(target, ast.Name) and target.id in self.assigned_names:
            prev = self.local_types.get(target.id)
            merged = unify(prev, t) if prev is not None else t
            if merged is None:
                raise Unsupported(target, f"`{target.id}` holds {prev} and later {t}")
            self.local_types[target.id] = merged
            self.expr_types[id(target)] = merged
        elif not self.collecting:
            raise Unsupported(target, "cannot infer the element type of this empty list")
