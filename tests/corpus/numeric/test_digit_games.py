import digit_games as dg
import pytest


def test_digits_and_sums() -> None:
    assert dg.digits(-9051) == [9, 0, 5, 1]
    assert dg.digit_sum(9875) == 29
    assert dg.digit_sum(0) == 0
    assert dg.digital_root(9875) == 2
    assert dg.digit_sum(2**100) == 115


def test_armstrong() -> None:
    assert [n for n in range(1000) if dg.is_armstrong(n)] == [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 153, 370, 371, 407]
    assert not dg.is_armstrong(-153)


def test_happy() -> None:
    assert [n for n in range(1, 50) if dg.is_happy(n)] == [1, 7, 10, 13, 19, 23, 28, 31, 32, 44, 49]


def test_reverse_number() -> None:
    assert dg.reverse_number(1200) == 21
    assert dg.reverse_number(-123) == -321
    assert dg.reverse_number(9223372036854775807) == 7085774586302733229


def test_harshad() -> None:
    assert dg.is_harshad(18)
    assert not dg.is_harshad(19)
    assert not dg.is_harshad(0)


def test_kaprekar() -> None:
    assert dg.kaprekar_steps(3524) == 3
    assert dg.kaprekar_steps(6174) == 0
    assert dg.kaprekar_steps(1) == 5
    with pytest.raises(ValueError):
        dg.kaprekar_steps(1111)


def test_persistence() -> None:
    assert dg.persistence(39) == 3
    assert dg.persistence(999) == 4
    assert dg.persistence(4) == 0
    assert dg.persistence(277777788888899) == 11


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "zero"),
        (13, "thirteen"),
        (42, "forty-two"),
        (100, "one hundred"),
        (115, "one hundred and fifteen"),
        (1001, "one thousand and one"),
        (123456, "one hundred and twenty-three thousand four hundred and fifty-six"),
        (-7, "minus seven"),
        (2_000_000_000, "two billion"),
    ],
)
def test_number_to_words(n: int, words: str) -> None:
    assert dg.number_to_words(n) == words


def test_luhn_digits() -> None:
    assert dg.luhn_digits_valid(79927398713)
    assert not dg.luhn_digits_valid(79927398710)
