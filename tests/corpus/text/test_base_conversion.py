import base_conversion as bc
import pytest


@pytest.mark.parametrize(
    ("n", "base", "text"),
    [(0, 2, "0"), (10, 2, "1010"), (255, 16, "ff"), (-255, 16, "-ff"), (35, 36, "z"), (2**64, 16, "10000000000000000"), (-(10**20), 7, "-344015313561621001452562")],
)
def test_to_base(n: int, base: int, text: str) -> None:
    assert bc.to_base(n, base) == text
    assert bc.from_base(text, base) == n


def test_bad_base() -> None:
    with pytest.raises(ValueError, match="base must be"):
        bc.to_base(5, 1)
    with pytest.raises(ValueError, match="base must be"):
        bc.from_base("5", 37)


def test_from_base_errors() -> None:
    with pytest.raises(ValueError, match="invalid digit '2' for base 2"):
        bc.from_base("102", 2)
    with pytest.raises(ValueError, match="no digits"):
        bc.from_base(" - ", 10)
    assert bc.from_base("  FF ", 16) == 255


def test_convert() -> None:
    assert bc.convert("777", 8, 2) == "111111111"
    assert bc.convert("zz", 36, 10) == "1295"


def test_binary_padded() -> None:
    assert bc.to_binary_padded(5, 8) == "00000101"
    assert bc.to_binary_padded(300, 4) == "100101100"
    with pytest.raises(ValueError):
        bc.to_binary_padded(-1, 4)


def test_twos_complement() -> None:
    assert bc.twos_complement(-1, 8) == "11111111"
    assert bc.twos_complement(5, 4) == "0101"
    assert bc.twos_complement(-128, 8) == "10000000"
    with pytest.raises(OverflowError, match="128 does not fit in 8 bits"):
        bc.twos_complement(128, 8)


def test_hex_dump() -> None:
    assert bc.hex_dump(b"\x00\x0fAz") == "00 0f 41 7a"
    assert bc.hex_dump(b"") == ""


def test_parse_int_literal() -> None:
    assert bc.parse_int_literal("0x1F") == 31
    assert bc.parse_int_literal("0b1010") == 10
    assert bc.parse_int_literal("1_000") == 1000
    with pytest.raises(ValueError, match="invalid literal"):
        bc.parse_int_literal("012")


def test_digits_in_base() -> None:
    assert bc.digits_in_base(10, 2) == [1, 0, 1, 0]
    assert bc.digits_in_base(0, 5) == [0]
    with pytest.raises(ValueError):
        bc.digits_in_base(-3, 2)
