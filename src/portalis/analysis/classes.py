"""User-defined classes: which ones translate, their fields, and how code uses them.

A class translates when everything CPython would do with its instances is
known statically:

- no base class (single inheritance and exception classes are handled
  elsewhere or skipped), no metaclass, no decorators other than `@dataclass`;
- every instance attribute is either a dataclass field (typed by its
  annotation) or assigned at the top level of `__init__` before it is read
  (typed by the assigned value, exactly as CPython stores it);
- class attributes are constants never assigned anywhere in the module.

Instances are shared objects in both worlds (`Rc<RefCell<...>>` in Rust), so
mutation through an alias is visible exactly as in CPython. Methods are
ordinary functions named `Class.method` whose first parameter has the
class's type; operators on instances are translated only where CPython's
rule is known: `==` on a class without `__eq__` is identity, a dataclass's
generated `__eq__` compares the fields in order.
"""

from __future__ import annotations

import ast
import copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import Diagnostic
from .astwalk import walk
from .expressions import bind_call, fold_constant, scalar_type_of
from .model import NO_DEFAULT, Param, Pending, Unsupported
from .types import (
    BOOL,
    FLOAT,
    INT,
    NONE,
    STR,
    PyType,
    approve_text,
    class_type,
    is_class,
    type_from_annotation,
)

# Exception classes belong to the exceptions feature; these bases mark one.
EXCEPTION_BASES = {
    "BaseException",
    "Exception",
    "ArithmeticError",
    "ZeroDivisionError",
    "OverflowError",
    "ValueError",
    "TypeError",
    "IndexError",
    "KeyError",
    "LookupError",
    "AssertionError",
    "RuntimeError",
    "NotImplementedError",
    "RecursionError",
    "AttributeError",
    "NameError",
    "StopIteration",
    "BufferError",
    "OSError",
    "EOFError",
    "UnicodeError",
}

# Types whose names the runtime or Rust already uses; a class named so is skipped.
RESERVED = {
    "int",
    "float",
    "bool",
    "str",
    "list",
    "tuple",
    "dict",
    "set",
    "None",
    "optional",
    "PyStr",
    "PyList",
    "PyDict",
    "PySet",
    "PyRange",
    "PyErr",
    "PyResult",
    "Flow",
    "Option",
    "Some",
    "Vec",
    "Rc",
    "RefCell",
    "String",
    "Box",
    "Ok",
    "Err",
    "Self",
}

# Methods that change how attributes, creation or subclassing work: a class
# defining one is not translated. Other dunders are translated as ordinary
# methods (CPython calls them through the class, so through the wrapper); the
# operators they define are rejected in translated code unless supported.
CLASS_CHANGING = {
    "__new__",
    "__del__",
    "__getattr__",
    "__getattribute__",
    "__setattr__",
    "__delattr__",
    "__init_subclass__",
    "__class_getitem__",
    "__set_name__",
    "__get__",
    "__set__",
    "__delete__",
    "__dir__",
}
METHOD_DECORATORS = {"staticmethod": "static", "classmethod": "class", "property": "property"}
DATACLASS_FLAGS = {"eq", "order", "frozen", "repr", "init"}


@dataclass
class ClassSpec:
    name: str
    lineno: int
    col: int
    node: ast.ClassDef
    is_dataclass: bool = False
    eq: bool = True
    order: bool = False
    frozen: bool = False
    repr: bool = True
    fields: dict[str, PyType] = field(default_factory=dict)  # declaration order
    defaults: dict[str, Any] = field(default_factory=dict)  # dataclass constant defaults
    factories: dict[str, str] = field(default_factory=dict)  # field -> "list" | "dict" | "set"
    consts: dict[str, Any] = field(default_factory=dict)  # class-level constants
    methods: dict[str, str] = field(default_factory=dict)  # name -> "method"|"static"|"property"
    aliases: dict[str, str] = field(default_factory=dict)  # `__radd__ = __add__`
    fields_done: bool = False  # field types are final (dataclass, or __init__ analysed)
    skip: Diagnostic | None = None

    @property
    def type(self) -> PyType:
        return class_type(self.name)

    @property
    def has_init(self) -> bool:
        return "__init__" in self.methods

    def dunder(self, name: str) -> bool:
        return name in self.methods


def _decorator_name(dec: ast.expr) -> str:
    target = dec.func if isinstance(dec, ast.Call) else dec
    return ast.unparse(target)


def _is_exception_class(node: ast.ClassDef, known: dict[str, ast.ClassDef]) -> bool:
    seen: set[str] = set()
    todo = [ast.unparse(b) for b in node.bases]
    while todo:
        base = todo.pop()
        if base in EXCEPTION_BASES:
            return True
        if base in known and base not in seen:
            seen.add(base)
            todo.extend(ast.unparse(b) for b in known[base].bases)
    return False


def _attribute_stores(tree: ast.Module) -> set[str]:
    """Names assigned as attributes anywhere (`x.NAME = ...`): such class constants may change."""
    out: set[str] = set()
    for node in walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, (ast.Store, ast.Del)):
            out.add(node.attr)
    return out


def collect_classes(
    tree: ast.Module, counts: dict[str, int], path: str, consts: dict[str, Any]
) -> tuple[dict[str, ClassSpec], dict[str, Diagnostic]]:
    """The module's top-level classes that may translate, and why the others do not."""
    known = {st.name: st for st in tree.body if isinstance(st, ast.ClassDef)}
    dataclass_names = _dataclass_names(tree)
    factory_names = _field_factory_names(tree)
    stored = _attribute_stores(tree)
    classes: dict[str, ClassSpec] = {}
    skipped: dict[str, Diagnostic] = {}
    for st in tree.body:
        if not isinstance(st, ast.ClassDef):
            continue
        if _is_exception_class(st, known):
            skipped[st.name] = Diagnostic(
                path, st.lineno, st.col_offset, "classes are not supported yet"
            )
            continue
        try:
            classes[st.name] = _class_spec(
                st, counts, dataclass_names, factory_names, stored, consts
            )
        except Unsupported as exc:
            node = exc.node if exc.node is not None else st
            skipped[st.name] = Diagnostic(
                path,
                getattr(node, "lineno", st.lineno),
                getattr(node, "col_offset", st.col_offset),
                exc.message,
                exc.hint,
            )
    return classes, skipped


def _dataclass_names(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for st in tree.body:
        if isinstance(st, ast.ImportFrom) and st.module == "dataclasses" and st.level == 0:
            for alias in st.names:
                if alias.name == "dataclass":
                    names.add(alias.asname or alias.name)
        elif isinstance(st, ast.Import):
            for alias in st.names:
                if alias.name == "dataclasses":
                    names.add(f"{alias.asname or alias.name}.dataclass")
    return names


def _field_factory_names(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for st in tree.body:
        if isinstance(st, ast.ImportFrom) and st.module == "dataclasses" and st.level == 0:
            for alias in st.names:
                if alias.name == "field":
                    names.add(alias.asname or alias.name)
        elif isinstance(st, ast.Import):
            for alias in st.names:
                if alias.name == "dataclasses":
                    names.add(f"{alias.asname or alias.name}.field")
    return names


def _class_spec(
    st: ast.ClassDef,
    counts: dict[str, int],
    dataclass_names: set[str],
    factory_names: set[str],
    stored: set[str],
    consts: dict[str, Any],
) -> ClassSpec:
    if counts.get(st.name, 0) != 1:
        raise Unsupported(st, f"class `{st.name}` is rebound elsewhere in the module")
    if st.name in RESERVED or st.name.startswith("_pt") or not st.name.isascii():
        raise Unsupported(st, f"a class named `{st.name}` is not supported")
    if st.bases:
        raise Unsupported(
            st.bases[0],
            f"base class `{ast.unparse(st.bases[0])}` is not supported yet",
            "only classes without a base class are translated",
        )
    if st.keywords:
        raise Unsupported(st, "class keywords (metaclass=...) are not supported")
    spec = ClassSpec(st.name, st.lineno, st.col_offset, st)
    for dec in st.decorator_list:
        name = _decorator_name(dec)
        if name not in dataclass_names:
            raise Unsupported(dec, f"class decorator `@{ast.unparse(dec)}` is not supported")
        spec.is_dataclass = True
        for kw in dec.keywords if isinstance(dec, ast.Call) else []:
            if kw.arg not in DATACLASS_FLAGS or not (
                isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, bool)
            ):
                raise Unsupported(kw.value, f"`@dataclass({kw.arg}=...)` is not supported")
            setattr(spec, kw.arg, kw.value.value)
        if isinstance(dec, ast.Call) and dec.args:
            raise Unsupported(dec, "positional arguments to @dataclass")
    if spec.is_dataclass and not getattr(spec, "init", True):
        raise Unsupported(st, "`@dataclass(init=False)` is not supported")
    if spec.frozen and not spec.eq:
        raise Unsupported(st, "`@dataclass(frozen=True, eq=False)` is not supported")
    if spec.order and not spec.eq:
        raise Unsupported(st, "`@dataclass(order=True, eq=False)` raises in CPython")
    seen_default = False
    for item in st.body:
        if (
            isinstance(item, ast.Expr)
            and isinstance(item.value, ast.Constant)
            and isinstance(item.value.value, str)
        ):
            continue  # docstring
        if isinstance(item, ast.Pass):
            continue
        if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if item.name in spec.methods:
                raise Unsupported(item, f"method `{item.name}` is defined twice")
            if item.name in CLASS_CHANGING:
                raise Unsupported(item, f"a class defining `{item.name}` is not supported")
            kind = "method"
            for dec in item.decorator_list:
                dname = ast.unparse(dec)
                if dname not in METHOD_DECORATORS or len(item.decorator_list) != 1:
                    raise Unsupported(dec, f"method decorator `@{dname}` is not supported yet")
                kind = METHOD_DECORATORS[dname]
            spec.methods[item.name] = kind
            continue
        if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
            name = item.target.id
            t = type_from_annotation(item.annotation)
            if not spec.is_dataclass:
                if item.value is not None:
                    raise Unsupported(item, "annotated class attributes are not supported yet")
                continue  # `x: int` in a plain class only declares an instance attribute
            if t is None or t == NONE:
                raise Unsupported(
                    item.annotation,
                    f"field type `{ast.unparse(item.annotation)}` is not supported yet",
                )
            spec.fields[name] = t
            if item.value is None:
                if seen_default:
                    raise Unsupported(item, "a field without default after one with a default")
                continue
            seen_default = True
            _dataclass_default(spec, name, t, item.value, factory_names, consts)
            continue
        if (
            isinstance(item, ast.Assign)
            and len(item.targets) == 1
            and isinstance(item.targets[0], ast.Name)
        ):
            name = item.targets[0].id
            if name == "__slots__":
                continue  # instances then have exactly the attributes __init__ assigns
            if isinstance(item.value, ast.Name) and item.value.id in spec.methods:
                if name in spec.methods or name in stored:
                    raise Unsupported(item, f"`{name}` is bound twice in the class")
                spec.methods[name] = spec.methods[item.value.id]
                spec.aliases[name] = spec.aliases.get(item.value.id, item.value.id)
                continue
            value = fold_constant(item.value, {**consts, **spec.consts})
            vt = scalar_type_of(value) if value is not NotImplemented else None
            if vt is None or vt == NONE:
                raise Unsupported(item, f"class attribute `{name}` is not a constant")
            if name in stored:
                raise Unsupported(
                    item,
                    f"class attribute `{name}` may be reassigned (`.{name} = ...` in the module)",
                )
            spec.consts[name] = value
            continue
        raise Unsupported(item, f"`{type(item).__name__}` in a class body is not supported yet")
    if spec.is_dataclass:
        if "__init__" in spec.methods:
            raise Unsupported(st, "a dataclass defining its own `__init__` is not supported")
        for name in ("__eq__", "__repr__") if spec.eq else ("__repr__",):
            if name in spec.methods and (name != "__repr__" or spec.repr):
                # dataclass keeps a user-defined __eq__/__repr__: fine, it is a method.
                pass
        spec.fields_done = True
    elif "__init__" not in spec.methods:
        spec.fields_done = True
    clash = set(spec.fields) & (set(spec.consts) | set(spec.methods))
    if clash:
        raise Unsupported(st, f"`{sorted(clash)[0]}` is both a field and a class attribute")
    if spec.order and any(m in spec.methods for m in ("__lt__", "__le__", "__gt__", "__ge__")):
        raise Unsupported(st, "order=True with a user-defined ordering method raises in CPython")
    return spec


def _dataclass_default(
    spec: ClassSpec,
    name: str,
    t: PyType,
    value: ast.expr,
    factory_names: set[str],
    consts: dict[str, Any],
) -> None:
    if isinstance(value, ast.Call) and ast.unparse(value.func) in factory_names:
        if value.args or len(value.keywords) != 1:
            raise Unsupported(value, "only `field(default_factory=...)` is supported")
        kw = value.keywords[0]
        if kw.arg == "default_factory" and isinstance(kw.value, ast.Name):
            factory = kw.value.id
            if factory in ("list", "dict", "set") and t.name == factory:
                spec.factories[name] = factory
                return
        if kw.arg == "default":
            value = kw.value
        else:
            raise Unsupported(value, f"`{ast.unparse(value)}` as a field default")
    folded = fold_constant(value, consts)
    vt = scalar_type_of(folded) if folded is not NotImplemented else None
    fits = vt == t or (t.name == "optional" and vt is not None and vt in (t.args[0], NONE))
    if folded is NotImplemented or not fits:
        raise Unsupported(value, f"default of field `{name}` is not a constant of type {t}")
    spec.defaults[name] = folded


def constructor_params(spec: ClassSpec) -> list[Param]:
    """A dataclass's generated `__init__` parameters (without self)."""
    out = []
    for name, t in spec.fields.items():
        default: Any = spec.defaults.get(name, NO_DEFAULT)
        if name in spec.factories:
            default = FACTORY
        out.append(Param(name, t, "positional_or_keyword", default))
    return out


class _Factory:
    def __repr__(self) -> str:
        return "<default_factory>"


FACTORY: Any = _Factory()


def method_signature_node(spec: ClassSpec, fn: ast.FunctionDef) -> ast.FunctionDef:
    """`fn` with its decorator removed and `self` annotated, for the ordinary signature check."""
    fake = copy.copy(fn)
    fake.decorator_list = []
    fake.args = copy.copy(fn.args)
    kind = spec.methods[fn.name]
    if kind == "class":
        # `cls` is the class itself (wrappers check that); it is not a parameter.
        if fn.args.posonlyargs or not fn.args.args:
            raise Unsupported(fn, f"classmethod `{fn.name}` has no plain `cls` parameter")
        me = fn.args.args[0].arg
        if any(
            isinstance(n, ast.Name) and n.id == me and not isinstance(n.ctx, ast.Load)
            for n in ast.walk(fn)
        ):
            raise Unsupported(fn, f"`{me}` is rebound in classmethod `{fn.name}`")
        fake.args.args = list(fn.args.args[1:])
        return fake
    if kind != "static":
        if fn.args.posonlyargs or not fn.args.args:
            raise Unsupported(fn, f"method `{fn.name}` has no plain `self` parameter")
        first = fn.args.args[0]
        annotated = ast.arg(arg=first.arg, annotation=ast.Constant(spec.name))
        ast.copy_location(annotated, first)
        fake.args.args = [annotated, *fn.args.args[1:]]
    return fake


def init_order_problem(spec: ClassSpec, fn: ast.FunctionDef) -> Unsupported | None:
    """Every attribute `__init__` creates is assigned at its top level before any read.

    Returns the problem, or None. Attributes assigned only inside `if`/loops
    might not exist afterwards (AttributeError in CPython); reading one
    before it is assigned raises AttributeError too. `self` itself may only
    escape (method calls, passing it on) once every attribute exists.
    """
    if not fn.args.args:
        return Unsupported(fn, "`__init__` without `self`")
    me = fn.args.args[0].arg
    top: set[str] = set()
    for st in fn.body:
        for node in ast.walk(st):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == me
                and isinstance(node.ctx, ast.Store)
                and st_is_top_assign(st, node)
            ):
                top.add(node.attr)
    nested = set()
    for node in ast.walk(fn):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == me
            and isinstance(node.ctx, ast.Store)
            and node.attr not in top
        ):
            nested.add(node.attr)
    if nested:
        return Unsupported(
            fn,
            f"attribute `{sorted(nested)[0]}` is not assigned on every path of `__init__`",
            "assign every attribute at the top level of __init__",
        )
    assigned: set[str] = set()
    for st in fn.body:
        value_nodes: ast.AST | None = (
            st.value if isinstance(st, (ast.Assign, ast.AnnAssign)) else st
        )
        if value_nodes is None:
            continue
        for node in ast.walk(value_nodes):
            if isinstance(node, ast.Name) and node.id == me:
                parent_ok = False
                for attr in ast.walk(value_nodes):
                    if (
                        isinstance(attr, ast.Attribute)
                        and attr.value is node
                        and isinstance(attr.ctx, ast.Load)
                    ):
                        parent_ok = True
                        if (
                            attr.attr not in assigned
                            and attr.attr in top
                            and attr.attr not in spec.consts
                        ):
                            return Unsupported(
                                attr, f"`{me}.{attr.attr}` is read before it is assigned"
                            )
                        if attr.attr in spec.methods and assigned != top:
                            return Unsupported(attr, f"`{me}` is used before it is complete")
                if not parent_ok and assigned != top:
                    return Unsupported(node, f"`{me}` is used before every attribute is assigned")
        if isinstance(st, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = st.targets if isinstance(st, ast.Assign) else [st.target]
            for t in targets:
                for node in ast.walk(t):
                    if (
                        isinstance(node, ast.Attribute)
                        and isinstance(node.value, ast.Name)
                        and node.value.id == me
                    ):
                        if isinstance(st, ast.AugAssign) and node.attr not in assigned:
                            return Unsupported(st, f"`{me}.{node.attr}` is read before assigned")
                        assigned.add(node.attr)
    return None


def st_is_top_assign(st: ast.stmt, node: ast.Attribute) -> bool:
    if isinstance(st, ast.Assign):
        return any(node is t or node in list(ast.walk(t)) for t in st.targets)
    if isinstance(st, (ast.AnnAssign, ast.AugAssign)):
        return node is st.target
    return False


class ClassChecker:
    """Type rules for instances, mixed into the function checker ahead of the others."""

    classes: dict[str, ClassSpec]
    owner: ClassSpec | None = None  # the class whose method is being checked
    method_name: str = ""
    expr_types: dict[int, PyType]
    const_values: dict[int, Any]
    calls: dict[str, int]
    assigned_names: set[str]
    function_returns: dict[str, PyType | None]
    function_params: dict[str, list[Any]]
    skipped_functions: dict[str, str]
    imports: dict[str, str]
    params: list[Param]

    fn: Any

    # Provided by the expression typer this class is mixed into.
    infer: Any
    comp_lookup: Any
    infer_type_name: Callable[[ast.Attribute], PyType | None]

    def class_named(self, node: ast.expr) -> ClassSpec | None:
        """The class `node` names, when it is a bare reference to a translated class."""
        if isinstance(node, ast.Name) and node.id == classmethod_cls(self.owner, self.fn):
            return self.owner
        if not isinstance(node, ast.Name) or node.id not in self.classes:
            return None
        if node.id in self.assigned_names or self.comp_lookup(node.id) is not None:
            return None
        return self.classes[node.id]

    def class_of(self, t: PyType) -> ClassSpec | None:
        return self.classes.get(t.name[6:]) if is_class(t) else None

    def receiver_class(self, t: PyType) -> ClassSpec | None:
        """The class of an attribute's or method's receiver; an Optional one too:
        if it is None at run time, WASM bails and CPython raises AttributeError."""
        if t.name == "optional":
            return self.class_of(t.args[0])
        return self.class_of(t)

    def _require(self, node: ast.AST, cls: ClassSpec) -> None:
        if cls.skip is not None:
            raise Unsupported(node, f"class `{cls.name}` is not translated ({cls.skip.short()})")
        if cls.has_init:
            self.calls.setdefault(f"{cls.name}.__init__", getattr(node, "lineno", 0))

    def _fields_ready(self, node: ast.AST, cls: ClassSpec) -> None:
        if cls.fields_done or (self.owner is cls and self.method_name == "__init__"):
            return
        key = f"{cls.name}.__init__"
        if key in self.skipped_functions:
            raise Unsupported(
                node, f"calls `{key}`, which is not translated ({self.skipped_functions[key]})"
            )
        raise Pending(key)

    # -- calls -----------------------------------------------------------------
    def infer_Call(self, node: ast.Call) -> PyType:
        cls = self.class_named(node.func)
        if cls is not None:
            return self.infer_constructor(node, cls)
        text = self._infer_text_builtin(node)
        if text is not None:
            return text
        length = self._infer_len(node)
        if length is not None:
            return length
        if isinstance(node.func, ast.Attribute):
            owner = self.class_named(node.func.value)
            if owner is not None:
                self._require(node, owner)
                kind = owner.methods.get(node.func.attr)
                if kind not in ("static", "class"):
                    raise Unsupported(
                        node, f"`{owner.name}.{node.func.attr}(...)` is not supported yet"
                    )
                return self.call_method(node, owner, node.func.attr, with_self=False)
        return super().infer_Call(node)  # type: ignore[misc, no-any-return]

    def infer_constructor(self, node: ast.Call, cls: ClassSpec) -> PyType:
        self._require(node, cls)
        if cls.is_dataclass:
            self._check_args(node, cls.name, constructor_params(cls))
        elif cls.has_init:
            self.call_method(node, cls, "__init__", with_self=True)
        elif node.args or node.keywords:
            raise Unsupported(node, f"`{cls.name}()` takes no arguments (CPython raises)")
        return cls.type

    def _check_args(self, node: ast.Call, name: str, params: list[Param]) -> None:
        from .containers import unify

        bound = bind_call(node, params)
        for param, arg in zip(params, bound):
            if arg is None:
                continue
            t = self.infer(arg)
            if t != param.type and unify(param.type, t) != param.type:
                raise Unsupported(
                    arg,
                    f"argument `{param.name}` of `{name}` is {t} here but annotated {param.type}",
                    "CPython would store the value unconverted; make the types match",
                )

    def call_method(self, node: ast.Call, cls: ClassSpec, name: str, *, with_self: bool) -> PyType:
        key = f"{cls.name}.{cls.aliases.get(name, name)}"
        self.calls.setdefault(key, node.lineno)
        if key in self.skipped_functions:
            raise Unsupported(
                node, f"calls `{key}`, which is not translated ({self.skipped_functions[key]})"
            )
        params = self.function_params.get(key)
        if params is None:
            raise Unsupported(node, f"method `{key}` is not translated")
        self._check_args(node, key, params[1:] if with_self else params)
        ret = self.function_returns.get(key)
        if name == "__init__":
            return NONE
        if ret is None:
            raise Pending(key)
        return ret

    def infer_method(self, node: ast.Call, attr: ast.Attribute) -> PyType:
        recv = self.infer(attr.value)
        cls = self.receiver_class(recv)
        if cls is None:
            return super().infer_method(node, attr)  # type: ignore[misc, no-any-return]
        kind = cls.methods.get(attr.attr)
        if kind is None or kind == "property" or attr.attr.startswith("__"):
            if attr.attr in cls.fields:
                raise Unsupported(node, f"calling the attribute `{attr.attr}` is not supported")
            raise Unsupported(node, f"`{cls.name}` has no method `{attr.attr}` Portalis translates")
        return self.call_method(node, cls, attr.attr, with_self=kind == "method")

    # -- attributes ------------------------------------------------------------
    def infer_Attribute(self, node: ast.Attribute) -> PyType:
        named = self.infer_type_name(node)  # type(x).__name__ (analysis/expressions.py)
        if named is not None:
            return named
        owner = self.class_named(node.value)
        if owner is not None:
            self._require(node, owner)
            if node.attr in owner.consts:
                value = owner.consts[node.attr]
                if not isinstance(value, str):  # str: the translator writes the literal
                    self.const_values[id(node)] = value
                return scalar_type_of(value)  # type: ignore[return-value]
            raise Unsupported(node, f"class attribute `{ast.unparse(node)}` is not supported")
        if isinstance(node.value, ast.Name) and node.value.id in self.imports:
            return super().infer_Attribute(node)  # type: ignore[misc, no-any-return]
        recv = self.infer(node.value)
        cls = self.receiver_class(recv)
        if cls is None:
            return super().infer_Attribute(node)  # type: ignore[misc, no-any-return]
        return self.attribute_type(node, cls, node.attr)

    def attribute_type(self, node: ast.Attribute, cls: ClassSpec, attr: str) -> PyType:
        if attr in cls.consts:
            value = cls.consts[attr]
            if not isinstance(value, str):
                self.const_values[id(node)] = value
            return scalar_type_of(value)  # type: ignore[return-value]
        if cls.methods.get(attr) == "property":
            key = f"{cls.name}.{cls.aliases.get(attr, attr)}"
            self.calls.setdefault(key, node.lineno)
            if key in self.skipped_functions:
                raise Unsupported(
                    node, f"calls `{key}`, which is not translated ({self.skipped_functions[key]})"
                )
            ret = self.function_returns.get(key)
            if ret is None:
                raise Pending(key)
            return ret
        if attr in cls.methods:
            raise Unsupported(node, f"bound method `{cls.name}.{attr}` used as a value")
        self._fields_ready(node, cls)
        t = cls.fields.get(attr)
        if t is None:
            if self.owner is cls and self.method_name == "__init__" and not cls.fields_done:
                raise Pending("")  # assigned later in textual order (collecting round)
            raise Unsupported(
                node,
                f"`{cls.name}` instances have no attribute `{attr}` Portalis knows",
                "instance attributes must be assigned at the top level of __init__",
            )
        return t

    def bind(self, target: ast.expr, t: PyType, state: Any) -> Any:
        if isinstance(target, ast.Attribute):
            self.bind_attribute(target, t, state)
            return state
        return super().bind(target, t, state)  # type: ignore[misc]

    def bind_attribute(self, target: ast.Attribute, t: PyType, state: Any) -> None:
        from .containers import has_unknown, unify

        recv = self.check_expr(target.value, state)  # type: ignore[attr-defined]
        cls = self.receiver_class(recv)
        if cls is None:
            raise Unsupported(target, f"assignment to `{ast.unparse(target)}` is not supported yet")
        attr = target.attr
        if cls.frozen:
            raise Unsupported(
                target,
                f"assigning to a field of the frozen dataclass `{cls.name}`",
                "CPython raises FrozenInstanceError",
            )
        if attr in cls.consts or attr in cls.methods:
            raise Unsupported(target, f"assigning `{attr}` on an instance shadows the class's")
        creating = (
            self.owner is cls
            and self.method_name == "__init__"
            and not cls.is_dataclass
            and isinstance(target.value, ast.Name)
            and self.params
            and target.value.id == self.params[0].name
        )
        known = cls.fields.get(attr)
        if known is None:
            if not creating:
                self._fields_ready(target, cls)
                raise Unsupported(
                    target,
                    f"attribute `{attr}` of `{cls.name}` is not assigned in `__init__`",
                    "instance attributes must be assigned at the top level of __init__",
                )
            if has_unknown(t):
                raise Unsupported(
                    target,
                    f"cannot infer the type of attribute `{attr}` ({t})",
                    f"annotate it, e.g. `self.{attr}: list[int] = []`",
                )
            cls.fields[attr] = t
            known = t
        elif t != known and unify(known, t) != known:
            if creating and not cls.fields_done and has_unknown(known):
                cls.fields[attr] = t
                known = t
            else:
                raise Unsupported(
                    target, f"attribute `{attr}` of `{cls.name}` holds {known}, assigned {t} here"
                )
        self.expr_types[id(target)] = known

    def stmt_AnnAssign(self, stmt: ast.AnnAssign, state: Any) -> Any:
        """`self.root: Node | None = None`: the annotation gives the attribute's type."""
        from .containers import retype_none_list, unify

        if not isinstance(stmt.target, ast.Attribute) or stmt.value is None:
            return super().stmt_AnnAssign(stmt, state)  # type: ignore[misc]
        t = self.check_expr(stmt.value, state)  # type: ignore[attr-defined]
        declared = type_from_annotation(stmt.annotation)
        if declared is None or unify(declared, t) != declared:
            raise Unsupported(stmt, f"annotated {ast.unparse(stmt.annotation)} but assigned {t}")
        self.bind_attribute(stmt.target, declared, state)
        if not retype_none_list(stmt.value, declared, self.expr_types):
            self.expr_types[id(stmt.value)] = t
        return state

    def stmt_AugAssign(self, stmt: ast.AugAssign, state: Any) -> Any:
        target = stmt.target
        if not isinstance(target, ast.Attribute):
            return super().stmt_AugAssign(stmt, state)  # type: ignore[misc]
        # `obj.x += v`: CPython evaluates obj once, reads x, stores the result.
        load = ast.Attribute(value=target.value, attr=target.attr, ctx=ast.Load())
        fake = ast.BinOp(left=load, op=stmt.op, right=stmt.value)
        ast.copy_location(fake, stmt)
        ast.copy_location(load, target)
        self.aug_nodes[id(stmt)] = fake
        t = self.check_expr(fake, state)  # type: ignore[attr-defined]
        field_t = self.expr_types[id(load)]
        if field_t.name in ("list", "set", "dict"):
            raise Unsupported(stmt, "in-place `+=` on a container attribute is not supported yet")
        self.bind_attribute(target, t, state)
        return state

    aug_nodes: dict[int, ast.BinOp]

    # -- str() / repr() of instances --------------------------------------------
    def instance_text(
        self, node: ast.AST, t: PyType, kind: str, seen: frozenset[str] = frozenset()
    ) -> bool:
        """Check that `str(v)` (kind "str") or `repr(v)` of a `t` is exact; False if `t`
        holds no instance (the ordinary checks apply). Raises Unsupported otherwise."""
        inner = t.args[0] if t.name == "optional" else t
        cls = self.class_of(inner)
        if cls is None:
            return False
        if cls.name in seen:
            return True  # a recursive dataclass: already being checked
        method = text_method(cls, kind)
        if method is not None:
            key = f"{cls.name}.{cls.aliases.get(method, method)}"
            self.calls.setdefault(key, getattr(node, "lineno", 0))
            if key in self.skipped_functions:
                raise Unsupported(
                    node, f"calls `{key}`, which is not translated ({self.skipped_functions[key]})"
                )
            ret = self.function_returns.get(key)
            if ret is None:
                raise Pending(key)
            if ret != STR:
                raise Unsupported(node, f"`{key}` returns {ret}: CPython raises TypeError")
            return True
        if not (cls.is_dataclass and cls.repr):
            raise Unsupported(
                node,
                f"{kind}() of a `{cls.name}` shows its address (no __repr__ of its own)",
            )
        for fname, ft in cls.fields.items():
            if ft.name == "optional" and ft.args[0] in (INT, FLOAT, BOOL, STR):
                continue
            if ft in (INT, FLOAT, BOOL, NONE, STR):
                continue
            if not self.instance_text(node, ft, "repr", seen | {cls.name}):
                raise Unsupported(node, f"repr() of the dataclass field `{fname}`: {ft}")
        return True

    def _approved(self, items: Sequence[tuple[ast.AST, ast.expr, str]]) -> set[PyType]:
        ok = set()
        for where, value, kind in items:
            t = self.infer(value)
            if self.instance_text(where, t, kind):
                ok.add(t)
        return ok

    def infer_JoinedStr(self, node: ast.JoinedStr) -> PyType:
        items = []
        for part in node.values:
            if isinstance(part, ast.FormattedValue):
                t = self.infer(part.value)
                if self.receiver_class(t) is not None and part.format_spec is not None:
                    raise Unsupported(part, "a format spec on an instance (object.__format__)")
                kind = "repr" if part.conversion == ord("r") else "str"
                items.append((part, part.value, kind))
        with approve_text(self._approved(items)):
            return super().infer_JoinedStr(node)  # type: ignore[misc, no-any-return]

    def _infer_print(self, node: ast.Call) -> PyType:
        items = [(a, a, "str") for a in node.args if not isinstance(a, ast.Starred)]
        with approve_text(self._approved(items)):
            return super()._infer_print(node)  # type: ignore[misc, no-any-return]

    def call_dunder(self, node: ast.AST, cls: ClassSpec, method: str, *arg_types: PyType) -> PyType:
        """An operator calling the class's own `method` on arguments of exactly its
        parameters' types (anything else could take another path in CPython)."""
        key = f"{cls.name}.{cls.aliases.get(method, method)}"
        self.calls.setdefault(key, getattr(node, "lineno", 0))
        if key in self.skipped_functions:
            raise Unsupported(
                node, f"calls `{key}`, which is not translated ({self.skipped_functions[key]})"
            )
        params = self.function_params.get(key)
        if params is None or len(params) != 1 + len(arg_types) or cls.methods[method] != "method":
            raise Unsupported(node, f"`{key}` is not a method Portalis can call here")
        for p, t in zip(params[1:], arg_types):
            if p.type != t:
                raise Unsupported(node, f"`{key}` takes {p.type}, given {t} here")
        ret = self.function_returns.get(key)
        if ret is None:
            raise Pending(key)
        return ret

    def infer_BinOp(self, node: ast.BinOp) -> PyType:
        lt = self.infer(node.left)
        cls = self.class_of(lt)
        if cls is None:
            return super().infer_BinOp(node)  # type: ignore[misc, no-any-return]
        method = BINARY_DUNDERS.get(type(node.op))
        if method is None or not cls.dunder(method):
            raise Unsupported(node, f"`{ast.unparse(node)}`: `{cls.name}` defines no {method}")
        rt = self.infer(node.right)
        return self.call_dunder(node, cls, method, rt)

    def _infer_len(self, node: ast.Call) -> PyType | None:
        f = node.func
        if not (
            isinstance(f, ast.Name)
            and f.id == "len"
            and f.id not in self.assigned_names
            and len(node.args) == 1
            and not node.keywords
        ):
            return None
        cls = self.class_of(self.infer(node.args[0]))
        if cls is None:
            return None
        if not cls.dunder("__len__"):
            raise Unsupported(node, f"len() of a `{cls.name}` (no __len__): CPython raises")
        if self.call_dunder(node, cls, "__len__") != INT:
            raise Unsupported(node, f"`{cls.name}.__len__` does not return an int")
        return INT

    def _infer_text_builtin(self, node: ast.Call) -> PyType | None:
        f = node.func
        if (
            isinstance(f, ast.Name)
            and f.id in ("str", "repr")
            and f.id not in self.assigned_names
            and len(node.args) == 1
            and not node.keywords
        ):
            with approve_text(self._approved([(node, node.args[0], f.id)])):
                return super().infer_Call(node)  # type: ignore[misc, no-any-return]
        return None

    # -- operators -------------------------------------------------------------
    def infer_BoolOp(self, node: ast.BoolOp) -> PyType:
        """`items or []` with `items: list[int] | None`: a list[int] either way."""
        from .containers import unify

        if isinstance(node.op, ast.Or) and len(node.values) == 2:
            ta = self.infer(node.values[0])
            if ta.name == "optional":
                tb = self.infer(node.values[1])
                inner = ta.args[0]
                if tb.name != "optional" and unify(inner, tb) == inner:
                    self.require_truthy(node.values[0], inner)
                    result: PyType = inner
                    return result
        return super().infer_BoolOp(node)  # type: ignore[misc, no-any-return]

    def require_truthy(self, node: ast.expr, t: PyType) -> None:
        cls = self.class_of(t)
        if cls is not None:
            if cls.dunder("__bool__") or cls.dunder("__len__"):
                raise Unsupported(
                    node, f"truth value of a `{cls.name}` (it defines __bool__/__len__)"
                )
            return  # always true, as object.__bool__ is absent
        if t.name == "optional":
            inner = self.class_of(t.args[0])
            if inner is not None and not (inner.dunder("__bool__") or inner.dunder("__len__")):
                return
            if inner is None:
                # None is false; otherwise the value's own truth (translator: truthy_code).
                self.require_truthy(node, t.args[0])
                return
        super().require_truthy(node, t)  # type: ignore[misc]

    def infer_Compare(self, node: ast.Compare) -> PyType:
        operands = [node.left, *node.comparators]
        if len(node.ops) == 1:
            ta, tb = self.infer(operands[0]), self.infer(operands[1])
            ca, cb = self.class_of(ta), self.class_of(tb)
            op = node.ops[0]
            if cb is not None and isinstance(op, (ast.In, ast.NotIn)) and cb.dunder("__contains__"):
                ret = self.call_dunder(node, cb, "__contains__", ta)
                if ret != BOOL:
                    raise Unsupported(node, f"`{cb.name}.__contains__` returns {ret}, not bool")
                return BOOL
            if (
                ca is not None
                and isinstance(op, (ast.In, ast.NotIn))
                and tb.name == "list"
                and tb.args[0] == ta
                and not (ca.dunder("__eq__") or ca.dunder("__ne__"))
            ):
                return BOOL  # identity or the dataclass's fields (floats: see finalize)
            if ca is not None or cb is not None:
                if ca is not cb:
                    raise Unsupported(node, f"comparison between {ta} and {tb} is not supported")
                assert ca is not None
                if isinstance(op, (ast.Is, ast.IsNot)):
                    return BOOL
                if isinstance(op, (ast.Eq, ast.NotEq)):
                    if ca.dunder("__eq__") or ca.dunder("__ne__"):
                        raise Unsupported(node, f"`==` on `{ca.name}` (user-defined __eq__)")
                    for fname, ft in ca.fields.items() if ca.is_dataclass and ca.eq else []:
                        if ft != FLOAT and (
                            "float" in str(ft) or _value_eq_with_floats(ft, self.classes)
                        ):
                            raise Unsupported(
                                node,
                                f"`==` on `{ca.name}`: field `{fname}` holds floats inside "
                                "(NaN compares by identity)",
                            )
                    return BOOL
                if ca.is_dataclass and ca.order:
                    for fname, ft in ca.fields.items():
                        if ft not in (INT, FLOAT, BOOL, STR):
                            raise Unsupported(
                                node, f"order=True comparison over the field `{fname}`: {ft}"
                            )
                    return BOOL
                found = order_method(ca, op) if type(op) in ORDER_DUNDERS else None
                if found is None:
                    raise Unsupported(
                        node, f"ordering comparison of `{ca.name}` is not supported yet"
                    )
                ret = self.call_dunder(node, ca, found[0], ta)
                if ret != BOOL:
                    raise Unsupported(node, f"`{ca.name}.{found[0]}` returns {ret}, not bool")
                return BOOL
            if isinstance(op, (ast.Is, ast.IsNot)) and (
                self._opt_class(ta, tb) or self._opt_class(tb, ta)
            ):
                return BOOL
        return super().infer_Compare(node)  # type: ignore[misc, no-any-return]

    def _opt_class(self, a: PyType, b: PyType) -> bool:
        """Optional[C] `is` C or Optional[C]: identity of the same class."""
        inner = a.args[0] if a.name == "optional" else a
        other = b.args[0] if b.name == "optional" else b
        return a.name == "optional" and inner == other and self.class_of(inner) is not None


def class_field_types_ok(cls: ClassSpec) -> str | None:
    """Why the class's fields cannot be represented, or None."""
    for name, t in cls.fields.items():
        if t.name in ("dict", "set") and any(is_class(a) for a in t.args):
            return f"field `{name}`: dicts/sets of instances are not supported yet"
    return None


__all__ = [
    "BOOL",
    "STR",
    "ClassChecker",
    "ClassSpec",
    "collect_classes",
    "constructor_params",
    "init_order_problem",
    "method_signature_node",
]


def finalize_classes(functions: dict[str, Any], classes: dict[str, ClassSpec], path: str) -> None:
    """Skip every function whose types mention a class that did not translate after all.

    A class fails late when its `__init__` does not translate (its attribute
    types are then unknown) or a dataclass field names an untranslated class.
    """
    changed = True
    while changed:
        changed = False
        for cls in classes.values():
            if cls.skip is None and not cls.fields_done:
                cls.skip = Diagnostic(path, cls.lineno, cls.col, "cannot infer its attributes")
                changed = True
            if cls.skip is None:
                for t in cls.fields.values():
                    for c in _mentions(t):
                        other = classes.get(str(c))
                        if other is None or other.skip is not None:
                            why = other.skip.short() if other and other.skip else "not translated"
                            cls.skip = Diagnostic(
                                path,
                                cls.lineno,
                                cls.col,
                                f"attribute type `{t}`: class `{c}` is not translated ({why})",
                            )
                            changed = True
                            break
                    if cls.skip is not None:
                        break
        broken = {name: c.skip for name, c in classes.items() if c.skip is not None}
        for spec in functions.values():
            if spec.skip is not None:
                continue
            problem = _instance_use_problem(spec, classes)
            if problem is not None:
                node, message = problem
                spec.skip = Diagnostic(
                    path,
                    getattr(node, "lineno", spec.lineno),
                    getattr(node, "col_offset", 0),
                    message,
                )
                changed = True
                continue
            seen = [p.type for p in spec.params]
            seen += list(spec.locals.values()) + list(spec.expr_types.values())
            if spec.return_type is not None:
                seen.append(spec.return_type)
            hit = next((str(c) for t in seen for c in _mentions(t) if str(c) in broken), None)
            if hit is None and spec.owner in broken:
                hit = spec.owner
            if hit is not None:
                spec.skip = Diagnostic(
                    path,
                    spec.lineno,
                    spec.col,
                    f"class `{hit}` is not translated ({broken[hit].short()})",  # type: ignore[union-attr]
                )
                if spec.owner and spec.node.name == "__init__":
                    classes[spec.owner].skip = classes[spec.owner].skip or spec.skip
                changed = True


def _value_eq_with_floats(
    t: PyType, classes: dict[str, ClassSpec], seen: frozenset[str] = frozenset()
) -> bool:
    """Whether comparing values of type `t` inside containers may be inexact: a
    dataclass's float fields (NaN identity) or a class's own __eq__ (the runtime's
    element equality is identity or the dataclass fields)."""
    if is_class(t):
        cls = classes.get(str(t))
        if cls is not None and (cls.dunder("__eq__") or cls.dunder("__ne__")):
            return True
        if cls is None or not (cls.is_dataclass and cls.eq) or cls.name in seen:
            return False
        inner = seen | {cls.name}
        return any(
            "float" in str(ft) or _value_eq_with_floats(ft, classes, inner)
            for ft in cls.fields.values()
        )
    return any(_value_eq_with_floats(a, classes, seen) for a in t.args)


def _instance_use_problem(spec: Any, classes: dict[str, ClassSpec]) -> tuple[ast.AST, str] | None:
    """Container operations on instances that the translation cannot do exactly.

    Instances have no hash or ordering in the runtime (dict keys, set
    elements, sorting without key=, min/max), and a dataclass with float
    fields compares NaN by object identity, which WASM cannot see, so lists
    of those are never compared or searched.
    """
    types = spec.expr_types
    for t in [*types.values(), *spec.locals.values()]:
        if t.name in ("dict", "set") and t.args and _mentions(t.args[0]):
            return spec.node, f"{t}: instances as dict keys or set elements are not supported yet"
    for node in walk(spec.node):
        if isinstance(node, ast.Compare):
            for operand in [node.left, *node.comparators]:
                t = types.get(id(operand))
                if t is not None and t.args and _value_eq_with_floats(t, classes):
                    return node, f"comparing a {t} (element __eq__ or float fields: NaN identity)"
        if not isinstance(node, ast.Call):
            continue
        keyed = any(k.arg == "key" for k in node.keywords)
        if isinstance(node.func, ast.Name) and node.func.id in ("sorted", "min", "max", "sum"):
            for arg in node.args:
                t = types.get(id(arg))
                if t is not None and t.args and _mentions(t.args[0]) and not keyed:
                    return (
                        node,
                        f"{node.func.id}() over instances of {t.args[0]} is not supported yet",
                    )
        if isinstance(node.func, ast.Attribute):
            recv = types.get(id(node.func.value))
            if recv is None or recv.name != "list" or not _mentions(recv.args[0]):
                continue
            if node.func.attr == "sort" and not keyed:
                return node, f"sorting a {recv} without key= is not supported yet"
            if node.func.attr in ("index", "count", "remove") and _value_eq_with_floats(
                recv, classes
            ):
                return node, f"searching a {recv} (element __eq__ or float fields: NaN identity)"
    return None


BINARY_DUNDERS = {
    ast.Add: "__add__",
    ast.Sub: "__sub__",
    ast.Mult: "__mul__",
    ast.Div: "__truediv__",
    ast.FloorDiv: "__floordiv__",
    ast.Mod: "__mod__",
    ast.MatMult: "__matmul__",
}
# op -> (its own method, the reflected one CPython tries on the right operand)
ORDER_DUNDERS = {
    ast.Lt: ("__lt__", "__gt__"),
    ast.LtE: ("__le__", "__ge__"),
    ast.Gt: ("__gt__", "__lt__"),
    ast.GtE: ("__ge__", "__le__"),
}


def order_method(cls: ClassSpec, op: ast.cmpop) -> tuple[str, bool] | None:
    """`a < b` on two instances of `cls`: (method, swapped). Without `__lt__` of its
    own, object's returns NotImplemented and CPython calls `b.__gt__(a)`."""
    own, reflected = ORDER_DUNDERS[type(op)]
    if cls.dunder(own):
        return own, False
    if cls.dunder(reflected):
        return reflected, True
    return None


def salvage_fields(cls: ClassSpec, init: Any) -> None:
    """`__init__` does not translate: keep the class if its attribute types are known.

    The types come from the assignments the checker did type before giving up.
    Instances can then only come from CPython (constructing one in WASM needs
    `__init__`), and every crossing checks each attribute's exact type, so a
    wrong guess only sends calls back to CPython; methods still translate.
    """
    from .containers import has_unknown

    me = init.node.args.args[0].arg if init.node.args.args else None
    created = {
        node.attr
        for st in init.node.body
        for node in ast.walk(st)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == me
        and isinstance(node.ctx, ast.Store)
    }
    complete = (
        me is not None
        and init_order_problem(cls, init.node) is None
        and all(a in cls.fields and not has_unknown(cls.fields[a]) for a in created)
        and set(cls.fields) == created
    )
    if complete:
        cls.fields_done = True
    else:
        cls.skip = init.skip


def classmethod_cls(owner: ClassSpec | None, fn: Any) -> str | None:
    """Inside a classmethod: the name of its `cls` parameter."""
    if owner is None or fn is None or owner.methods.get(fn.name) != "class" or not fn.args.args:
        return None
    name: str = fn.args.args[0].arg
    return name


def text_method(cls: ClassSpec, kind: str) -> str | None:
    """The method `str()`/`repr()` of an instance calls, if the class defines it."""
    for method in ("__str__", "__repr__") if kind == "str" else ("__repr__",):
        if cls.dunder(method):
            return method
    return None


def candidate_class_names(tree: ast.Module, counts: dict[str, int]) -> list[str]:
    """Top-level classes bound once that are not exception classes."""
    known = {st.name: st for st in tree.body if isinstance(st, ast.ClassDef)}
    return [
        name
        for name, st in known.items()
        if counts.get(name) == 1 and name not in RESERVED and not _is_exception_class(st, known)
    ]


def _mentions(t: PyType) -> list[PyType]:
    out = [t] if is_class(t) else []
    for a in t.args:
        out.extend(_mentions(a))
    return out


def check_class_types(params: list[Param], classes: dict[str, ClassSpec], node: ast.AST) -> None:
    """Parameters may only mention classes that translate (and only where supported)."""
    for p in params:
        for t in _mentions(p.type):
            cls = classes.get(str(t))
            if cls is None:
                raise Unsupported(node, f"parameter type `{p.type}`: class `{t}` is not translated")
            if cls.skip is not None:
                raise Unsupported(
                    node,
                    f"parameter type `{p.type}`: class `{t}` is not translated "
                    f"({cls.skip.short()})",
                )
        if p.type.name in ("dict", "set") and _mentions(p.type):
            raise Unsupported(node, f"parameter type `{p.type}` is not supported yet")


def method_specs(
    cls: ClassSpec, path: str, consts: dict[str, Any], classes: dict[str, ClassSpec]
) -> list[Any]:
    """One FunctionSpec per method, named `Class.method`, with `self` typed as the class."""
    from .function import diagnostic, signature
    from .model import FunctionSpec

    out = []
    for item in cls.node.body:
        if not isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        spec = FunctionSpec(f"{cls.name}.{item.name}", item.lineno, item.col_offset, item, [])  # type: ignore[arg-type]
        spec.owner = cls.name
        out.append(spec)
        try:
            fake = method_signature_node(cls, item)  # type: ignore[arg-type]
            spec.params = signature(fake, consts)
            check_class_types(spec.params, classes, item)
            if item.name == "__init__":
                problem = init_order_problem(cls, item)  # type: ignore[arg-type]
                if problem is not None:
                    raise problem
        except Unsupported as exc:
            spec.skip = diagnostic(path, exc, item)
            if item.name == "__init__":
                cls.skip = spec.skip
    return out
