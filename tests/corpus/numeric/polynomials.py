"""Polynomials as coefficient lists, lowest degree first."""

from __future__ import annotations

Poly = list[float]


def trim(p: Poly) -> Poly:
    out = list(p)
    while out and out[-1] == 0:
        out.pop()
    return out


def degree(p: Poly) -> int:
    t = trim(p)
    return len(t) - 1 if t else -1


def evaluate(p: Poly, x: float) -> float:
    result = 0.0
    for coeff in reversed(p):
        result = result * x + coeff
    return result


def add(p: Poly, q: Poly) -> Poly:
    n = max(len(p), len(q))
    return trim([(p[i] if i < len(p) else 0.0) + (q[i] if i < len(q) else 0.0) for i in range(n)])


def multiply(p: Poly, q: Poly) -> Poly:
    if not p or not q:
        return []
    out = [0.0] * (len(p) + len(q) - 1)
    for i, a in enumerate(p):
        for j, b in enumerate(q):
            out[i + j] += a * b
    return trim(out)


def derivative(p: Poly) -> Poly:
    return trim([i * p[i] for i in range(1, len(p))])


def integral(p: Poly, constant: float = 0.0) -> Poly:
    return [constant] + [c / (i + 1) for i, c in enumerate(p)]


def divide(p: Poly, q: Poly) -> tuple[Poly, Poly]:
    q = trim(q)
    if not q:
        raise ZeroDivisionError("polynomial division by zero")
    remainder = trim(p)
    quotient = [0.0] * max(len(remainder) - len(q) + 1, 0)
    while len(remainder) >= len(q):
        shift = len(remainder) - len(q)
        factor = remainder[-1] / q[-1]
        quotient[shift] = factor
        for i, c in enumerate(q):
            remainder[i + shift] -= factor * c
        remainder.pop()
        remainder = trim(remainder)
    return trim(quotient), remainder


def to_string(p: Poly, var: str = "x") -> str:
    terms = []
    for power in range(len(p) - 1, -1, -1):
        c = p[power]
        if c == 0:
            continue
        sign = "-" if c < 0 else "+"
        mag = abs(c)
        if mag == int(mag):
            coeff = str(int(mag))
        else:
            coeff = repr(mag)
        if power == 0:
            body = coeff
        else:
            body = ("" if coeff == "1" else coeff) + (var if power == 1 else f"{var}^{power}")
        terms.append((sign, body))
    if not terms:
        return "0"
    first_sign, first_body = terms[0]
    text = ("-" if first_sign == "-" else "") + first_body
    for sign, body in terms[1:]:
        text += f" {sign} {body}"
    return text


def newton_root(p: Poly, guess: float, tol: float = 1e-12, max_iter: int = 100) -> float:
    d = derivative(p)
    x = guess
    for _ in range(max_iter):
        fx = evaluate(p, x)
        if abs(fx) < tol:
            return x
        slope = evaluate(d, x)
        if slope == 0:
            raise ArithmeticError(f"zero derivative at x={x}")
        x -= fx / slope
    raise ArithmeticError("did not converge")


def from_roots(roots: list[float]) -> Poly:
    p: Poly = [1.0]
    for r in roots:
        p = multiply(p, [-r, 1.0])
    return p
