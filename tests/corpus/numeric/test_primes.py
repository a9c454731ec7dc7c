import primes
import pytest


def test_is_prime() -> None:
    assert [n for n in range(30) if primes.is_prime(n)] == [2, 3, 5, 7, 11, 13, 17, 19, 23, 29]
    assert primes.is_prime(1_000_000_007)
    assert not primes.is_prime(-7)
    assert not primes.is_prime(1_000_000_007 * 3)


def test_sieve() -> None:
    assert primes.sieve(1) == []
    assert primes.sieve(2) == [2]
    assert primes.sieve(50) == [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47]
    assert len(primes.sieve(100_000)) == 9592


def test_prime_factors() -> None:
    assert primes.prime_factors(1) == []
    assert primes.prime_factors(360) == [2, 2, 2, 3, 3, 5]
    assert primes.prime_factors(97) == [97]
    assert primes.prime_factors(2**62) == [2] * 62
    with pytest.raises(ValueError, match="positive"):
        primes.prime_factors(0)


def test_factorize() -> None:
    assert primes.factorize(360) == {2: 3, 3: 2, 5: 1}


def test_next_and_nth_prime() -> None:
    assert primes.next_prime(0) == 2
    assert primes.next_prime(13) == 17
    assert primes.nth_prime(1) == 2
    assert primes.nth_prime(100) == 541
    with pytest.raises(ValueError):
        primes.nth_prime(0)


def test_twin_primes() -> None:
    assert primes.twin_primes(50) == [(3, 5), (5, 7), (11, 13), (17, 19), (29, 31), (41, 43)]


def test_goldbach() -> None:
    assert primes.goldbach(28) == (5, 23)
    assert primes.goldbach(4) == (2, 2)
    with pytest.raises(ValueError, match="7 is not an even number greater than 2"):
        primes.goldbach(7)


def test_miller_rabin() -> None:
    for n in range(200):
        assert primes.miller_rabin(n) == primes.is_prime(n)
    assert primes.miller_rabin(2**61 - 1)
    assert not primes.miller_rabin(3215031751)
    assert primes.miller_rabin(2**89 - 1)
