import pytest
import roman_numerals as rn


@pytest.mark.parametrize(
    ("n", "text"),
    [(1, "I"), (4, "IV"), (9, "IX"), (14, "XIV"), (40, "XL"), (90, "XC"), (400, "CD"), (1994, "MCMXCIV"), (2024, "MMXXIV"), (3999, "MMMCMXCIX")],
)
def test_roundtrip(n: int, text: str) -> None:
    assert rn.to_roman(n) == text
    assert rn.from_roman(text) == n
    assert rn.from_roman(text.lower()) == n


def test_to_roman_range() -> None:
    with pytest.raises(ValueError, match="0 is out of range"):
        rn.to_roman(0)
    with pytest.raises(ValueError, match="4000 is out of range"):
        rn.to_roman(4000)


def test_to_roman_type() -> None:
    with pytest.raises(TypeError, match="expected int, got float"):
        rn.to_roman(3.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="got bool"):
        rn.to_roman(True)


def test_from_roman_errors() -> None:
    with pytest.raises(ValueError, match="empty"):
        rn.from_roman("")
    with pytest.raises(ValueError, match="invalid roman digit: 'Z'"):
        rn.from_roman("XZ")
    with pytest.raises(ValueError, match="non-canonical numeral: IIII"):
        rn.from_roman("IIII")


def test_is_valid_roman() -> None:
    assert rn.is_valid_roman("XLII")
    assert not rn.is_valid_roman("IC")
    assert not rn.is_valid_roman("ABC")


def test_roman_sum_and_range() -> None:
    assert rn.roman_sum("XIV", "XXVIII") == "XLII"
    assert rn.roman_range(1, 6) == ["I", "II", "III", "IV", "V"]
    assert all(rn.from_roman(s) == i + 1 for i, s in enumerate(rn.roman_range(1, 4000)))
