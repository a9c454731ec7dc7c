"""Plain pytest tests for numeric_kit.

By default they test the plain Python module. PORTALIS_EXAMPLE_MODE=wasm runs
the same tests against the module loaded through `portalis.load` (translated
functions in WASM), and PORTALIS_EXAMPLE_MODE=compare runs every call both
ways and fails on any difference:

    python -m pytest examples/numeric -q
    PORTALIS_EXAMPLE_MODE=wasm python -m pytest examples/numeric -q
"""

from __future__ import annotations

import importlib.util
import math
import os
from pathlib import Path
from types import ModuleType

import pytest

PATH = Path(__file__).with_name("numeric_kit.py")
MODE = os.environ.get("PORTALIS_EXAMPLE_MODE", "plain")


def _load() -> ModuleType:
    if MODE == "plain":
        spec = importlib.util.spec_from_file_location("numeric_kit", PATH)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    import portalis

    return portalis.load(PATH, mode=MODE)


nk = _load()
I64_MAX = 2**63 - 1
I64_MIN = -(2**63)


@pytest.mark.skipif(MODE == "plain", reason="only meaningful when loaded through Portalis")
def test_loaded_through_portalis() -> None:
    info = nk.__portalis__
    assert info.mode == MODE
    assert "gcd" in info.translated and "mandelbrot_escape" in info.translated
    assert "clamp" in info.skipped and "describe" in info.translated


@pytest.mark.parametrize(
    ("a", "b"),
    [(12, 18), (0, 5), (5, 0), (0, 0), (-12, 18), (17, 31), (2**40, 2**20), (I64_MIN, 6)],
)
def test_gcd_matches_math(a: int, b: int) -> None:
    assert nk.gcd(a, b) == math.gcd(a, b)


@pytest.mark.parametrize(("a", "b"), [(4, 6), (0, 3), (-4, 6), (7, 13), (2**40, 3**20)])
def test_lcm_matches_math(a: int, b: int) -> None:
    assert nk.lcm(a, b) == math.lcm(a, b)


def test_is_prime_small() -> None:
    primes = [n for n in range(-5, 60) if nk.is_prime(n)]
    assert primes == [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59]


def test_is_prime_large() -> None:
    assert nk.is_prime(1_000_000_007)
    assert not nk.is_prime(1_000_000_007 * 3)
    assert not nk.is_prime(1_000_003 * 1_000_033)
    assert nk.is_prime(999_999_999_989)


def test_count_primes() -> None:
    assert [nk.count_primes(n) for n in (0, 2, 3, 10, 100, 1000)] == [0, 0, 1, 4, 25, 168]


@pytest.mark.parametrize(
    ("n", "phi"), [(1, 1), (2, 1), (9, 6), (10, 4), (36, 12), (97, 96), (2**62, 2**61)]
)
def test_euler_phi(n: int, phi: int) -> None:
    assert nk.euler_phi(n) == phi


def test_euler_phi_rejects_non_positive() -> None:
    with pytest.raises(ValueError, match="n must be positive"):
        nk.euler_phi(0)


@pytest.mark.parametrize(
    ("b", "e", "m"),
    [
        (2, 10, 1000),
        (3, 0, 7),
        (5, 3, 1),
        (-7, 5, 13),
        (7, 5, -13),
        (3, 10**18, 1_000_000_007),
        (3, 10**18, 2**62 - 57),
        (2, 100, 2**70),
    ],
)
def test_modpow_matches_pow(b: int, e: int, m: int) -> None:
    assert nk.modpow(b, e, m) == pow(b, e, m)


def test_modpow_errors() -> None:
    with pytest.raises(ValueError, match="cannot be 0"):
        nk.modpow(2, 3, 0)
    with pytest.raises(ValueError, match="non-negative"):
        nk.modpow(2, -1, 7)


@pytest.mark.parametrize("n", [0, 1, 2, 3, 4, 15, 16, 17, 10**18, 3037000499**2, I64_MAX, 2**100])
def test_isqrt_matches_math(n: int) -> None:
    assert nk.isqrt(n) == math.isqrt(n)


def test_isqrt_negative() -> None:
    with pytest.raises(ValueError, match="nonnegative"):
        nk.isqrt(-1)


def test_collatz_steps() -> None:
    assert nk.collatz_steps(1) == 0
    assert nk.collatz_steps(6) == 8
    assert nk.collatz_steps(27) == 111
    assert nk.collatz_steps(837_799) == 524
    with pytest.raises(ValueError):
        nk.collatz_steps(0)


def test_collatz_beyond_i64() -> None:
    # 3n + 1 does not fit in 64 bits: the answer must still be exact.
    n = 2**62 + 1
    assert nk.collatz_steps(n) == nk.collatz_steps(3 * n + 1) + 1


def test_fib_iter() -> None:
    assert [nk.fib_iter(n) for n in range(10)] == [0, 1, 1, 2, 3, 5, 8, 13, 21, 34]
    assert nk.fib_iter(92) == 7540113804746346429
    # Past i64: exact big-int answers.
    assert nk.fib_iter(100) == 354224848179261915075
    assert nk.fib_iter(-3) == 0


@pytest.mark.parametrize(
    ("n", "k"),
    [(0, 0), (5, 2), (10, 0), (10, 10), (10, 11), (10, -1), (60, 30), (100, 50), (1000, 3)],
)
def test_binomial_matches_math(n: int, k: int) -> None:
    expected = math.comb(n, k) if 0 <= k <= n else 0
    assert nk.binomial(n, k) == expected


def test_digit_sum() -> None:
    assert nk.digit_sum(0) == 0
    assert nk.digit_sum(12345) == 15
    assert nk.digit_sum(-12345) == 15
    assert nk.digit_sum(255, 16) == 30
    assert nk.digit_sum(2**64 - 1, 2) == 64
    assert nk.digit_sum(I64_MIN, 2) == 1
    with pytest.raises(ValueError, match="base must be at least 2"):
        nk.digit_sum(10, 1)


def test_harmonic() -> None:
    assert nk.harmonic(0) == 0.0
    assert nk.harmonic(1) == 1.0
    assert nk.harmonic(4) == pytest.approx(25 / 12)
    assert nk.harmonic(100_000) == pytest.approx(math.log(100_000) + 0.5772156649, rel=1e-5)


def test_integrate_cubic() -> None:
    # The midpoint rule is exact for straight lines...
    assert nk.integrate_cubic(0.0, 0.0, 2.0, 1.0, 0.0, 3.0, 7) == pytest.approx(12.0)
    # ...and converges for curves: the integral of x**3 over [0, 2] is 4.
    assert nk.integrate_cubic(1.0, 0.0, 0.0, 0.0, 0.0, 2.0) == pytest.approx(4.0, rel=1e-5)
    with pytest.raises(ValueError, match="steps must be positive"):
        nk.integrate_cubic(1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0)


def test_mandelbrot_escape() -> None:
    assert nk.mandelbrot_escape(0.0, 0.0) == 100  # inside: never escapes
    assert nk.mandelbrot_escape(-1.0, 0.0, 500) == 500  # period-2 bulb
    assert nk.mandelbrot_escape(1.0, 1.0) == 2
    assert nk.mandelbrot_escape(3.0, 0.0) == 1
    assert nk.mandelbrot_escape(0.0, 0.0, 0) == 0


@pytest.mark.parametrize("x", [0.0, 1e-20, 0.25, 2.0, 1e12, 1e200])
def test_newton_sqrt(x: float) -> None:
    assert nk.newton_sqrt(x) == pytest.approx(math.sqrt(x), rel=1e-12)


def test_newton_sqrt_domain() -> None:
    with pytest.raises(ValueError, match="math domain error"):
        nk.newton_sqrt(-1.0)


def test_wrong_argument_types_behave_like_python() -> None:
    # Annotations are not enforced: other types simply run as Python would.
    assert nk.gcd(12.0, 8) == 4.0
    assert nk.gcd(True, 4) == 1
    with pytest.raises(TypeError):
        nk.is_prime("7")


def test_python_only_functions() -> None:
    assert nk.clamp(5, 0.0, 1.0) == 1.0
    assert nk.clamp(0.5, 0.0, 1.0) == 0.5
    assert nk.describe(97) == "97 is prime, digit sum 16"
    assert nk.describe(12) == "12 is composite, digit sum 3"
