"""numeric_kit: small number-theory and numerics helpers, as people write them.

Plain, typed Python. Portalis translates the functions it can reproduce
exactly to Rust/WebAssembly; the rest stay Python. Nothing in this file knows
about Portalis: it runs unchanged under CPython.
"""

MANDELBROT_RADIUS = 2.0
DEFAULT_STEPS = 1000


# -- number theory ------------------------------------------------------------
def gcd(a: int, b: int) -> int:
    """Greatest common divisor (always >= 0), Euclid's algorithm."""
    a = abs(a)
    b = abs(b)
    while b:
        a, b = b, a % b
    return a


def lcm(a: int, b: int) -> int:
    """Least common multiple (0 if either argument is 0)."""
    if a == 0 or b == 0:
        return 0
    return abs(a // gcd(a, b) * b)


def is_prime(n: int) -> bool:
    """Primality by trial division with the 6k +- 1 wheel."""
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


def count_primes(n: int) -> int:
    """Number of primes p with p < n."""
    count = 0
    for k in range(2, n):
        if is_prime(k):
            count += 1
    return count


def euler_phi(n: int) -> int:
    """Euler's totient: how many 1 <= k <= n are coprime to n."""
    if n < 1:
        raise ValueError("n must be positive")
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


def modpow(base: int, exp: int, mod: int) -> int:
    """base ** exp % mod by square-and-multiply, like pow(base, exp, mod) for exp >= 0."""
    if mod == 0:
        raise ValueError("modpow() 3rd argument cannot be 0")
    if exp < 0:
        raise ValueError("modpow() exponent must be non-negative")
    result = 1 % mod
    base %= mod
    while exp > 0:
        if exp & 1:
            result = result * base % mod
        base = base * base % mod
        exp >>= 1
    return result


def isqrt(n: int) -> int:
    """Integer square root (floor) by Newton's method, like math.isqrt."""
    if n < 0:
        raise ValueError("isqrt() argument must be nonnegative")
    if n < 2:
        return n
    x = n
    y = (x + 1) // 2
    while y < x:
        x = y
        y = (x + n // x) // 2
    return x


def collatz_steps(n: int) -> int:
    """Steps for the Collatz sequence starting at n to reach 1."""
    if n < 1:
        raise ValueError("collatz_steps() needs n >= 1")
    steps = 0
    while n != 1:
        if n % 2 == 0:
            n //= 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps


def fib_iter(n: int) -> int:
    """n-th Fibonacci number. From n = 93 on the result needs more than 64 bits."""
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def binomial(n: int, k: int) -> int:
    """n choose k, exactly, by the multiplicative formula."""
    if k < 0 or k > n:
        return 0
    k = min(k, n - k)
    result = 1
    for i in range(1, k + 1):
        result = result * (n - k + i) // i
    return result


def digit_sum(n: int, base: int = 10) -> int:
    """Sum of the digits of |n| written in `base`."""
    if base < 2:
        raise ValueError("base must be at least 2")
    n = abs(n)
    total = 0
    while n:
        total += n % base
        n //= base
    return total


# -- floating point -----------------------------------------------------------
def harmonic(n: int) -> float:
    """H(n) = 1 + 1/2 + ... + 1/n, summed from the smallest term up."""
    total = 0.0
    k = n
    while k >= 1:
        total += 1.0 / k
        k -= 1
    return total


def integrate_cubic(
    a: float, b: float, c: float, d: float, lo: float, hi: float, steps: int = DEFAULT_STEPS
) -> float:
    """Midpoint-rule integral of a*x**3 + b*x**2 + c*x + d over [lo, hi]."""
    if steps <= 0:
        raise ValueError("steps must be positive")
    h = (hi - lo) / steps
    total = 0.0
    for i in range(steps):
        x = lo + (i + 0.5) * h
        total += ((a * x + b) * x + c) * x + d
    return total * h


def mandelbrot_escape(cx: float, cy: float, max_iter: int = 100) -> int:
    """Iterations before z -> z*z + c leaves the radius-2 disc (max_iter if it never does)."""
    zx = 0.0
    zy = 0.0
    n = 0
    limit = MANDELBROT_RADIUS * MANDELBROT_RADIUS
    while n < max_iter and zx * zx + zy * zy <= limit:
        zx, zy = zx * zx - zy * zy + cx, 2.0 * zx * zy + cy
        n += 1
    return n


def newton_sqrt(x: float, tolerance: float = 1e-12) -> float:
    """Square root by Newton iteration, to a relative tolerance."""
    if x < 0.0:
        raise ValueError("math domain error")
    if x == 0.0:
        return x
    guess = x if x > 1.0 else 1.0
    while abs(guess * guess - x) > tolerance * x:
        guess = (guess + x / guess) / 2.0
    return guess


# -- deliberately left in Python ----------------------------------------------
def clamp(value, lo: float, hi: float):
    """Clamp to [lo, hi]. `value` is unannotated on purpose: it works for int,
    float, Fraction or Decimal alike, so there is no single native type to
    translate it to. Portalis keeps it Python and reports why."""
    if value < lo:
        return lo
    if value > hi:
        return hi
    return value


def describe(n: int) -> str:
    """A human-readable summary: the str result crosses the boundary as UTF-8."""
    kind = "prime" if is_prime(n) else "composite"
    return f"{n} is {kind}, digit sum {digit_sum(n)}"
