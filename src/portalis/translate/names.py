"""Python identifiers to Rust identifiers, keeping the Python name visible."""

from __future__ import annotations

RUST_KEYWORDS = {
    "as",
    "break",
    "const",
    "continue",
    "crate",
    "else",
    "enum",
    "extern",
    "false",
    "fn",
    "for",
    "if",
    "impl",
    "in",
    "let",
    "loop",
    "match",
    "mod",
    "move",
    "mut",
    "pub",
    "ref",
    "return",
    "self",
    "Self",
    "static",
    "struct",
    "super",
    "trait",
    "true",
    "type",
    "unsafe",
    "use",
    "where",
    "while",
    "async",
    "await",
    "dyn",
    "abstract",
    "become",
    "box",
    "do",
    "final",
    "macro",
    "override",
    "priv",
    "typeof",
    "unsized",
    "virtual",
    "yield",
    "try",
}
# Raw identifiers cannot spell these.
NO_RAW = {"self", "Self", "super", "crate", "_"}

RESERVED_PREFIX = "_pt"


def rust_ident(name: str) -> str:
    if "." in name:  # a method: `Point.distance_to` -> `Point__distance_to`
        return "__".join(rust_ident(part) for part in name.split("."))
    if not name.isascii():
        name = "u_" + "".join(c if c.isascii() else f"{ord(c):x}_" for c in name)
    if name.startswith(RESERVED_PREFIX):
        name = "py" + name
    if name in NO_RAW:
        return name + "_"
    if name in RUST_KEYWORDS:
        return "r#" + name
    return name


def export_symbol(name: str) -> str:
    plain = name.isascii() and "." not in name
    return f"__portalis_fn_{name}" if plain else f"__portalis_fn_{rust_ident(name)}"
