"""Elementary number theory."""

from __future__ import annotations

from functools import reduce
from math import gcd as math_gcd


def gcd(a: int, b: int) -> int:
    a, b = abs(a), abs(b)
    while b:
        a, b = b, a % b
    return a


def lcm(a: int, b: int) -> int:
    if a == 0 or b == 0:
        return 0
    return abs(a * b) // gcd(a, b)


def lcm_many(numbers: list[int]) -> int:
    return reduce(lcm, numbers, 1)


def extended_gcd(a: int, b: int) -> tuple[int, int, int]:
    """(g, x, y) with a*x + b*y == g."""
    old_r, r = a, b
    old_s, s = 1, 0
    old_t, t = 0, 1
    while r != 0:
        q = old_r // r
        old_r, r = r, old_r - q * r
        old_s, s = s, old_s - q * s
        old_t, t = t, old_t - q * t
    return old_r, old_s, old_t


def mod_inverse(a: int, m: int) -> int:
    g, x, _ = extended_gcd(a % m, m)
    if g != 1:
        raise ValueError(f"{a} has no inverse modulo {m}")
    return x % m


def mod_pow(base: int, exp: int, mod: int) -> int:
    if mod == 1:
        return 0
    result = 1
    base %= mod
    while exp > 0:
        if exp & 1:
            result = result * base % mod
        base = base * base % mod
        exp >>= 1
    return result


def totient(n: int) -> int:
    result = n
    p = 2
    while p * p <= n:
        if n % p == 0:
            while n % p == 0:
                n //= p
            result -= result // p
        p += 1
    if n > 1:
        result -= result // n
    return result


def divisors(n: int) -> list[int]:
    small, large = [], []
    i = 1
    while i * i <= n:
        if n % i == 0:
            small.append(i)
            if i != n // i:
                large.append(n // i)
        i += 1
    return small + large[::-1]


def is_perfect(n: int) -> bool:
    return n > 1 and sum(divisors(n)[:-1]) == n


def chinese_remainder(remainders: list[int], moduli: list[int]) -> int:
    total = 0
    product = 1
    for m in moduli:
        product *= m
    for r, m in zip(remainders, moduli):
        partial = product // m
        total += r * mod_inverse(partial, m) * partial
    return total % product


def coprime(a: int, b: int) -> bool:
    return math_gcd(a, b) == 1


def collatz_length(n: int) -> int:
    if n <= 0:
        raise ValueError("Only positive integers are allowed")
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps
