"""A small tokenizer for a C-like expression language."""

from __future__ import annotations

from dataclasses import dataclass

KEYWORDS = {"if", "else", "while", "return", "let", "fn"}
OPERATORS = ["==", "!=", "<=", ">=", "&&", "||", "+", "-", "*", "/", "%", "<", ">", "=", "!"]
PUNCT = "(){},;"


class TokenizeError(Exception):
    def __init__(self, message: str, position: int) -> None:
        super().__init__(f"{message} at position {position}")
        self.position = position


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    position: int


def tokenize(source: str) -> list[Token]:
    tokens: list[Token] = []
    i = 0
    while i < len(source):
        ch = source[i]
        if ch.isspace():
            i += 1
            continue
        if ch == "#":
            while i < len(source) and source[i] != "\n":
                i += 1
            continue
        start = i
        if ch.isdigit():
            while i < len(source) and source[i].isdigit():
                i += 1
            if i < len(source) and source[i] == ".":
                i += 1
                while i < len(source) and source[i].isdigit():
                    i += 1
                tokens.append(Token("FLOAT", source[start:i], start))
            else:
                tokens.append(Token("INT", source[start:i], start))
            continue
        if ch.isalpha() or ch == "_":
            while i < len(source) and (source[i].isalnum() or source[i] == "_"):
                i += 1
            word = source[start:i]
            tokens.append(Token("KEYWORD" if word in KEYWORDS else "IDENT", word, start))
            continue
        if ch == '"':
            i += 1
            chars = []
            while i < len(source) and source[i] != '"':
                if source[i] == "\\" and i + 1 < len(source):
                    i += 1
                    chars.append({"n": "\n", "t": "\t"}.get(source[i], source[i]))
                else:
                    chars.append(source[i])
                i += 1
            if i >= len(source):
                raise TokenizeError("unterminated string", start)
            i += 1
            tokens.append(Token("STRING", "".join(chars), start))
            continue
        for op in OPERATORS:
            if source.startswith(op, i):
                tokens.append(Token("OP", op, start))
                i += len(op)
                break
        else:
            if ch in PUNCT:
                tokens.append(Token("PUNCT", ch, start))
                i += 1
            else:
                raise TokenizeError(f"unexpected character {ch!r}", start)
    return tokens


def kinds(source: str) -> list[str]:
    return [t.kind for t in tokenize(source)]


def texts(source: str) -> list[str]:
    return [t.text for t in tokenize(source)]


def count_by_kind(source: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for token in tokenize(source):
        counts[token.kind] = counts.get(token.kind, 0) + 1
    return dict(sorted(counts.items()))


def identifiers(source: str) -> list[str]:
    seen: list[str] = []
    for token in tokenize(source):
        if token.kind == "IDENT" and token.text not in seen:
            seen.append(token.text)
    return seen
