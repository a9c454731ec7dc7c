"""Formulas given as text: `eval` and `getattr`, so nothing here can be translated."""

from __future__ import annotations


def parse_formula(text: str) -> int:
    return int(eval(text, {"__builtins__": {}}))


def evaluate(text: str) -> int:
    return parse_formula(text) + 0


def attribute(obj: object, name: str) -> object:
    return getattr(obj, name)
