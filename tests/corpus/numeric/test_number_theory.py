import number_theory as nt
import pytest


def test_gcd_lcm() -> None:
    assert nt.gcd(48, 18) == 6
    assert nt.gcd(-48, 18) == 6
    assert nt.gcd(0, 0) == 0
    assert nt.lcm(4, 6) == 12
    assert nt.lcm(0, 5) == 0
    assert nt.lcm(-4, 6) == 12
    assert nt.lcm_many([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) == 2520
    assert nt.lcm_many(list(range(1, 50))) == 3099044504245996706400
    assert nt.lcm_many([]) == 1


def test_extended_gcd() -> None:
    g, x, y = nt.extended_gcd(240, 46)
    assert g == 2
    assert 240 * x + 46 * y == 2
    assert nt.extended_gcd(0, 5) == (5, 0, 1)


def test_mod_inverse() -> None:
    assert nt.mod_inverse(3, 11) == 4
    assert nt.mod_inverse(10, 17) == 12
    with pytest.raises(ValueError, match="6 has no inverse modulo 9"):
        nt.mod_inverse(6, 9)


def test_mod_pow() -> None:
    assert nt.mod_pow(2, 10, 1000) == 24
    assert nt.mod_pow(3, 200, 1_000_000_007) == pow(3, 200, 1_000_000_007)
    assert nt.mod_pow(5, 0, 7) == 1
    assert nt.mod_pow(5, 3, 1) == 0
    assert nt.mod_pow(12345678901, 65537, 2**61 - 1) == pow(12345678901, 65537, 2**61 - 1)


def test_totient() -> None:
    assert [nt.totient(n) for n in range(1, 11)] == [1, 1, 2, 2, 4, 2, 6, 4, 6, 4]
    assert nt.totient(999999937) == 999999936


def test_divisors_and_perfect() -> None:
    assert nt.divisors(28) == [1, 2, 4, 7, 14, 28]
    assert nt.divisors(1) == [1]
    assert nt.divisors(36) == [1, 2, 3, 4, 6, 9, 12, 18, 36]
    assert [n for n in range(1, 10000) if nt.is_perfect(n)] == [6, 28, 496, 8128]


def test_chinese_remainder() -> None:
    assert nt.chinese_remainder([2, 3, 2], [3, 5, 7]) == 23
    with pytest.raises(ValueError):
        nt.chinese_remainder([1, 2], [4, 6])


def test_coprime() -> None:
    assert nt.coprime(14, 15)
    assert not nt.coprime(14, 21)


def test_collatz_length() -> None:
    assert nt.collatz_length(1) == 0
    assert nt.collatz_length(27) == 111
    with pytest.raises(ValueError, match="Only positive integers are allowed"):
        nt.collatz_length(0)
