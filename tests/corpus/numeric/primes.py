"""Prime numbers."""

from __future__ import annotations

import math


def is_prime(n: int) -> bool:
    if n < 2:
        return False
    if n < 4:
        return True
    if n % 2 == 0 or n % 3 == 0:
        return False
    i = 5
    while i * i <= n:
        if n % i == 0 or n % (i + 2) == 0:
            return False
        i += 6
    return True


def sieve(limit: int) -> list[int]:
    if limit < 2:
        return []
    is_p = [True] * (limit + 1)
    is_p[0] = is_p[1] = False
    for i in range(2, math.isqrt(limit) + 1):
        if is_p[i]:
            for j in range(i * i, limit + 1, i):
                is_p[j] = False
    return [i for i, p in enumerate(is_p) if p]


def prime_factors(n: int) -> list[int]:
    if n < 1:
        raise ValueError("n must be positive")
    factors = []
    d = 2
    while d * d <= n:
        while n % d == 0:
            factors.append(d)
            n //= d
        d += 1
    if n > 1:
        factors.append(n)
    return factors


def factorize(n: int) -> dict[int, int]:
    result: dict[int, int] = {}
    for p in prime_factors(n):
        result[p] = result.get(p, 0) + 1
    return result


def next_prime(n: int) -> int:
    candidate = max(2, n + 1)
    while not is_prime(candidate):
        candidate += 1
    return candidate


def nth_prime(n: int) -> int:
    if n < 1:
        raise ValueError("there is no zeroth prime")
    count = 0
    candidate = 1
    while count < n:
        candidate += 1
        if is_prime(candidate):
            count += 1
    return candidate


def twin_primes(limit: int) -> list[tuple[int, int]]:
    ps = sieve(limit)
    return [(a, b) for a, b in zip(ps, ps[1:]) if b - a == 2]


def goldbach(n: int) -> tuple[int, int]:
    if n <= 2 or n % 2:
        raise ValueError(f"{n} is not an even number greater than 2")
    for p in range(2, n // 2 + 1):
        if is_prime(p) and is_prime(n - p):
            return p, n - p
    raise AssertionError("Goldbach's conjecture is false!")


def miller_rabin(n: int) -> bool:
    if n < 2:
        return False
    small = (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37)
    for p in small:
        if n % p == 0:
            return n == p
    d, s = n - 1, 0
    while d % 2 == 0:
        d //= 2
        s += 1
    for a in small:
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True
