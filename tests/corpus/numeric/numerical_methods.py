"""Root finding, integration and ODE steps for functions passed as callables."""

from __future__ import annotations

import math
from typing import Callable


def bisection(f: Callable[[float], float], lo: float, hi: float, tol: float = 1e-10) -> float:
    flo, fhi = f(lo), f(hi)
    if flo * fhi > 0:
        raise ValueError("f(lo) and f(hi) must have opposite signs")
    while hi - lo > tol:
        mid = (lo + hi) / 2
        fmid = f(mid)
        if fmid == 0:
            return mid
        if flo * fmid < 0:
            hi, fhi = mid, fmid
        else:
            lo, flo = mid, fmid
    return (lo + hi) / 2


def secant(f: Callable[[float], float], x0: float, x1: float, tol: float = 1e-12, max_iter: int = 50) -> float:
    for _ in range(max_iter):
        f0, f1 = f(x0), f(x1)
        if f1 == f0:
            break
        x0, x1 = x1, x1 - f1 * (x1 - x0) / (f1 - f0)
        if abs(x1 - x0) < tol:
            return x1
    return x1


def trapezoid(f: Callable[[float], float], a: float, b: float, n: int = 1000) -> float:
    if n <= 0:
        raise ValueError("n must be positive")
    h = (b - a) / n
    total = (f(a) + f(b)) / 2
    for i in range(1, n):
        total += f(a + i * h)
    return total * h


def simpson(f: Callable[[float], float], a: float, b: float, n: int = 100) -> float:
    if n % 2:
        raise ValueError("Simpson's rule needs an even number of intervals")
    h = (b - a) / n
    total = f(a) + f(b)
    for i in range(1, n):
        total += (4 if i % 2 else 2) * f(a + i * h)
    return total * h / 3


def euler(f: Callable[[float, float], float], y0: float, t0: float, t1: float, steps: int) -> float:
    h = (t1 - t0) / steps
    y, t = y0, t0
    for _ in range(steps):
        y += h * f(t, y)
        t += h
    return y


def rk4(f: Callable[[float, float], float], y0: float, t0: float, t1: float, steps: int) -> float:
    h = (t1 - t0) / steps
    y, t = y0, t0
    for _ in range(steps):
        k1 = f(t, y)
        k2 = f(t + h / 2, y + h * k1 / 2)
        k3 = f(t + h / 2, y + h * k2 / 2)
        k4 = f(t + h, y + h * k3)
        y += h * (k1 + 2 * k2 + 2 * k3 + k4) / 6
        t += h
    return y


def sqrt_newton(x: float, tol: float = 1e-15) -> float:
    if x < 0:
        raise ValueError("math domain error")
    if x == 0:
        return 0.0
    guess = x if x >= 1 else 1.0
    while True:
        better = (guess + x / guess) / 2
        if abs(better - guess) <= tol * better:
            return better
        guess = better


def exp_series(x: float, terms: int = 30) -> float:
    total = 0.0
    term = 1.0
    for n in range(terms):
        total += term
        term *= x / (n + 1)
    return total


def pi_leibniz(terms: int) -> float:
    return 4 * sum((-1) ** k / (2 * k + 1) for k in range(terms))


def golden_section_min(f: Callable[[float], float], a: float, b: float, tol: float = 1e-8) -> float:
    ratio = (math.sqrt(5) - 1) / 2
    c = b - ratio * (b - a)
    d = a + ratio * (b - a)
    while abs(b - a) > tol:
        if f(c) < f(d):
            b = d
        else:
            a = c
        c = b - ratio * (b - a)
        d = a + ratio * (b - a)
    return (a + b) / 2
