import zlib

import checksums as ck
import pytest


@pytest.mark.parametrize(
    ("number", "valid"),
    [("4539 3195 0343 6467", True), ("8273 1232 7352 0569", False), ("059", True), ("0", False), ("055 444 285", True), ("055a 444 285", False)],
)
def test_luhn(number: str, valid: bool) -> None:
    assert ck.luhn_valid(number) is valid


def test_luhn_check_digit() -> None:
    assert ck.luhn_check_digit("7992739871") == 3


def test_isbn() -> None:
    assert ck.isbn10_valid("3-598-21508-8")
    assert ck.isbn10_valid("3-598-21507-X")
    assert not ck.isbn10_valid("3-598-21508-9")
    assert not ck.isbn10_valid("3-598-2X507-9")
    assert ck.isbn13_check_digit("978030640615") == 7
    assert ck.isbn10_to_13("0-306-40615-2") == "9780306406157"
    with pytest.raises(ValueError, match="invalid ISBN-10: 123"):
        ck.isbn10_to_13("123")
    with pytest.raises(ValueError, match="12 digits"):
        ck.isbn13_check_digit("97803064061")


@pytest.mark.parametrize("data", [b"", b"a", b"The quick brown fox jumps over the lazy dog", bytes(range(256))])
def test_crc32(data: bytes) -> None:
    assert ck.crc32(data) == zlib.crc32(data)
    assert ck.crc32_bitwise(data) == zlib.crc32(data)
    assert ck.adler32(data) == zlib.adler32(data)


def test_crc32_incremental() -> None:
    assert ck.crc32(b"world", ck.crc32(b"hello ")) == zlib.crc32(b"hello world")
    assert len(ck.CRC_TABLE) == 256
    assert ck.make_crc32_table()[1] == 0x77073096


def test_fletcher16() -> None:
    assert ck.fletcher16(b"abcde") == 0xC8F0
    assert ck.fletcher16(b"abcdef") == 0x2057


def test_iban() -> None:
    assert ck.iban_valid("GB82 WEST 1234 5698 7654 32")
    assert not ck.iban_valid("GB82 WEST 1234 5698 7654 33")
    assert not ck.iban_valid("GB82")
    assert not ck.iban_valid("GB82 WEST 1234 5698 7654 3!")


def test_parity() -> None:
    assert ck.verhoeff_like_parity("") == 0
    assert ck.verhoeff_like_parity("abc") == (97 ^ (98 << 1) ^ ((99 << 2) & 0xFF)) & 0xFF
