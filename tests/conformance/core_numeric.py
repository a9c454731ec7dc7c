"""Conformance corpus for the core subset: ints, floats, bools, None, control flow.

Every function here must translate (tests check `__portalis__.translated`),
and every call in `CASES` (tests/test_conformance_core.py) must give exactly
CPython's outcome.
"""

LIMIT = 10
SCALE = 2.5
BIG = 2**62
NEG = -7
FLAG = True


# -- int arithmetic ---------------------------------------------------------
def add(a: int, b: int) -> int:
    return a + b


def sub(a: int, b: int) -> int:
    return a - b


def mul(a: int, b: int) -> int:
    return a * b


def floordiv(a: int, b: int) -> int:
    return a // b


def mod(a: int, b: int) -> int:
    return a % b


def truediv(a: int, b: int) -> float:
    return a / b


def square(a: int) -> int:
    return a**2


def cube_plus(a: int) -> int:
    return a**3 + 1


def inverse_square(a: int) -> float:
    return a**-2


def neg(a: int) -> int:
    return -a


def bits(a: int, b: int) -> int:
    return (a & b) | (a ^ ~b)


def shl(a: int, b: int) -> int:
    return a << b


def shr(a: int, b: int) -> int:
    return a >> b


def polynomial(x: int) -> int:
    return 3 * x * x - 7 * x + BIG // 4


# -- floats and mixing --------------------------------------------------------
def fadd(a: float, b: float) -> float:
    return a + b


def fdiv(a: float, b: float) -> float:
    return a / b


def ffloordiv(a: float, b: float) -> float:
    return a // b


def fmod(a: float, b: float) -> float:
    return a % b


def fpow(a: float, b: float) -> float:
    return a**b


def mixed(n: int, x: float) -> float:
    return n * x + n / 2 - x // 3


def scaled(n: int) -> float:
    return n * SCALE


def int_pow_float(n: int, x: float) -> float:
    return n**x


def mean3(a: float, b: float, c: float) -> float:
    return (a + b + c) / 3


# -- comparisons and boolean logic -----------------------------------------------
def between(a: int, b: int, c: int) -> bool:
    return a < b <= c


def cmp_mixed(a: int, x: float) -> bool:
    return a == x or (a < x and not a > x)


def cmp_chain_mixed(a: int, x: float, b: int) -> bool:
    return a <= x < b != a


def pick_or(a: int, b: int) -> int:
    return a or b


def pick_and(a: int, b: int) -> int:
    return a and b


def fpick_or(a: float, b: float) -> float:
    return a or b


def logic(p: bool, q: bool) -> bool:
    return (p and not q) or (q and not p)


def bool_arith(p: bool, q: bool) -> int:
    return p + q * 2 - (p & q)


def truthy_float(x: float) -> bool:
    return bool(x)


def sign(x: int) -> int:
    if x > 0:
        return 1
    elif x < 0:
        return -1
    else:
        return 0


def clamp(x: int, lo: int = 0, hi: int = LIMIT) -> int:
    return lo if x < lo else hi if x > hi else x


# -- loops -------------------------------------------------------------------------
def gcd(a: int, b: int) -> int:
    while b:
        a, b = b, a % b
    return a


def sum_range(a: int, b: int, step: int) -> int:
    total = 0
    for i in range(a, b, step):
        total += i
    return total


def triangle(n: int) -> int:
    total = 0
    for i in range(n):
        total += i
    return total


def count_down(n: int) -> int:
    steps = 0
    for _ in range(n, 0, -1):
        steps += 1
    return steps


def first_multiple(n: int, k: int) -> int:
    found = -1
    for i in range(1, n):
        if i % k == 0:
            found = i
            break
    else:
        found = 0
    return found


def skip_odds(n: int) -> int:
    total = 0
    i = 0
    while i < n:
        i += 1
        if i % 2:
            continue
        total += i
    else:
        total = -total
    return total


def collatz(n: int) -> int:
    steps = 0
    while n != 1:
        if n % 2 == 0:
            n //= 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps


def loop_var_after(n: int) -> int:
    last = -1
    for i in range(n):
        last = i
    return last * 10


def fib_iter(n: int) -> int:
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def aug_ops(x: int) -> int:
    y = x
    y += 3
    y -= 1
    y *= 7
    y //= 2
    y %= 1000003
    y **= 2
    y <<= 3
    y >>= 1
    y |= 5
    y &= 0xFFFFFF
    y ^= 0x5A5A
    return y


def faug(x: float) -> float:
    y = x
    y += 0.5
    y *= 3.0
    y /= 7.0
    y //= 0.25
    y %= 10.0
    y **= 2.0
    return y


def infinite_loop_with_break(n: int) -> int:
    i = 0
    while True:
        i += 1
        if i * i > n:
            break
    return i


# -- calls, recursion, defaults ------------------------------------------------------
def fib(n: int) -> int:
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def depth(n: int) -> int:
    if n == 0:
        return 0
    return 1 + depth(n - 1)


def is_even(n: int) -> bool:
    if n == 0:
        return True
    return is_odd(n - 1)


def is_odd(n: int) -> bool:
    if n == 0:
        return False
    return is_even(n - 1)


def power_mod(base: int, exp: int, m: int = 1_000_000_007) -> int:
    result = 1
    base %= m
    while exp > 0:
        if exp & 1:
            result = result * base % m
        base = base * base % m
        exp >>= 1
    return result


def uses_keywords(x: int) -> int:
    return clamp(x, hi=5) + power_mod(x, 3, m=97) + clamp(lo=-1, x=x)


def kwonly(a: int, *, scale: int = 2) -> int:
    return a * scale


def side_effect_free(n: int) -> None:
    x = n * 2
    if x > 100:
        return
    x += 1


def returns_none_explicit(n: int) -> None:
    return None


# -- errors -------------------------------------------------------------------------------
def checked_sqrt_floor(n: int) -> int:
    if n < 0:
        raise ValueError("math domain error")
    r = 0
    while (r + 1) * (r + 1) <= n:
        r += 1
    return r


def raise_kinds(k: int) -> int:
    if k == 0:
        raise ValueError
    if k == 1:
        raise TypeError()
    if k == 2:
        raise KeyError("missing")
    if k == 3:
        raise IndexError("list index out of range")
    if k == 4:
        raise RuntimeError("")
    if k == 5:
        raise ZeroDivisionError("custom")
    if k == 6:
        raise NotImplementedError("later")
    if k == 7:
        raise ArithmeticError("a 'quoted' \"msg\" with ünïcode ✓")
    return k


def asserts(n: int) -> int:
    assert n >= 0, "n must be non-negative"
    assert n != 3
    return n


# -- builtins ------------------------------------------------------------------------------
def builtins_int(a: int, b: int) -> int:
    return abs(a) + min(a, b, 3) - max(b, a) + int(True)


def builtins_float(x: float, y: float) -> float:
    return abs(x) + min(x, y) * max(x, y)


def float_minmax(x: float, y: float) -> float:
    return min(x, y) - max(y, x)


def conversions(n: int, x: float) -> float:
    return float(n) + int(x) + float(int(n > 3))


def truncate(x: float) -> int:
    return int(x)


def constants_mix(n: int) -> float:
    if FLAG:
        return (n + LIMIT) * SCALE + NEG
    return 0.0


# -- math and numeric builtins ---------------------------------------------------------
import math  # noqa: E402
from math import gcd as mgcd  # noqa: E402
from math import pi  # noqa: E402


def math_int(n: int, k: int) -> int:
    return math.isqrt(abs(n)) + math.factorial(k % 15) + math.comb(abs(n) % 60, k % 10) + \
        math.perm(abs(n) % 30, k % 5) + mgcd(n, k) + math.lcm(n % 1000, k % 1000)


def math_float(x: float, y: float) -> float:
    return math.sqrt(abs(x)) + math.fmod(x, y) + math.copysign(x, y) + math.fabs(y) + pi


def math_floors(x: float) -> int:
    return math.floor(x) * 3 + math.ceil(x) * 5 + math.trunc(x) * 7 + math.floor(7)


def math_checks(x: float) -> int:
    return int(math.isnan(x)) + 2 * int(math.isinf(x)) + 4 * int(math.isfinite(x))


def math_errors(k: int) -> float:
    if k == 0:
        return math.sqrt(-1.0)
    if k == 1:
        return float(math.isqrt(-4))
    if k == 2:
        return float(math.factorial(-1))
    if k == 3:
        return math.fmod(1.0, 0.0)
    return float(math.comb(-1, 2))


def rounding(x: float, n: int) -> float:
    return round(x, n) + round(x) + round(n, -1)


def rounding_int(x: float) -> int:
    return round(x)


def divmods(a: int, b: int) -> int:
    q, r = divmod(a, b)
    return q * 1000 + r


def fdivmods(a: float, b: float) -> float:
    q, r = divmod(a, b)
    return q * 1000 + r


def pows(a: int, b: int, m: int) -> int:
    return pow(a, b, m) + pow(a, 2)


def radix(n: int) -> int:
    return len(hex(n)) * 10000 + len(oct(n)) * 100 + len(bin(n)) + ord(hex(n)[-1])
