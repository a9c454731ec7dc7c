"""A recursive-descent evaluator for arithmetic expressions with variables."""

from __future__ import annotations

import math
from typing import Optional


class ParseError(Exception):
    pass


class Parser:
    """Grammar:
    expr   := term (('+' | '-') term)*
    term   := factor (('*' | '/' | '%') factor)*
    factor := ('-' | '+') factor | power
    power  := atom ('^' factor)?
    atom   := NUMBER | NAME | NAME '(' expr ')' | '(' expr ')'
    """

    FUNCTIONS = {"sqrt": math.sqrt, "abs": abs, "floor": math.floor}

    def __init__(self, text: str, variables: Optional[dict[str, float]] = None) -> None:
        self.text = text
        self.pos = 0
        self.variables = variables or {}

    def peek(self) -> str:
        while self.pos < len(self.text) and self.text[self.pos] == " ":
            self.pos += 1
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def expect(self, ch: str) -> None:
        if self.peek() != ch:
            found = self.peek() or "end of input"
            raise ParseError(f"expected {ch!r} at {self.pos}, found {found!r}")
        self.pos += 1

    def parse(self) -> float:
        value = self.expr()
        if self.peek():
            raise ParseError(f"unexpected {self.peek()!r} at {self.pos}")
        return value

    def expr(self) -> float:
        value = self.term()
        while self.peek() in ("+", "-") and self.peek():
            op = self.text[self.pos]
            self.pos += 1
            rhs = self.term()
            value = value + rhs if op == "+" else value - rhs
        return value

    def term(self) -> float:
        value = self.factor()
        while self.peek() in ("*", "/", "%") and self.peek():
            op = self.text[self.pos]
            self.pos += 1
            rhs = self.factor()
            if op == "*":
                value *= rhs
            elif op == "/":
                if rhs == 0:
                    raise ZeroDivisionError("division by zero")
                value /= rhs
            else:
                value %= rhs
        return value

    def factor(self) -> float:
        ch = self.peek()
        if ch == "-":
            self.pos += 1
            return -self.factor()
        if ch == "+":
            self.pos += 1
            return self.factor()
        return self.power()

    def power(self) -> float:
        base = self.atom()
        if self.peek() == "^":
            self.pos += 1
            return base ** self.factor()
        return base

    def atom(self) -> float:
        ch = self.peek()
        if ch == "(":
            self.pos += 1
            value = self.expr()
            self.expect(")")
            return value
        if ch.isdigit() or ch == ".":
            start = self.pos
            while self.pos < len(self.text) and (self.text[self.pos].isdigit() or self.text[self.pos] == "."):
                self.pos += 1
            return float(self.text[start:self.pos])
        if ch.isalpha():
            start = self.pos
            while self.pos < len(self.text) and self.text[self.pos].isalnum():
                self.pos += 1
            name = self.text[start:self.pos]
            if self.peek() == "(":
                if name not in self.FUNCTIONS:
                    raise ParseError(f"unknown function {name}")
                self.pos += 1
                arg = self.expr()
                self.expect(")")
                return float(self.FUNCTIONS[name](arg))
            if name not in self.variables:
                raise NameError(f"name '{name}' is not defined")
            return self.variables[name]
        raise ParseError(f"unexpected {ch or 'end of input'!r} at {self.pos}")


def evaluate(text: str, variables: Optional[dict[str, float]] = None) -> float:
    return Parser(text, variables).parse()


def evaluate_all(lines: list[str]) -> dict[str, float]:
    """Each line is 'name = expression'; later lines may use earlier names."""
    env: dict[str, float] = {}
    for line in lines:
        name, sep, expr = line.partition("=")
        if not sep:
            raise ParseError(f"missing '=' in {line!r}")
        env[name.strip()] = evaluate(expr, env)
    return env


def safe_evaluate(text: str) -> str:
    try:
        return repr(evaluate(text))
    except (ParseError, NameError, ZeroDivisionError) as exc:
        return f"error: {exc}"
