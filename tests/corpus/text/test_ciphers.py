import ciphers
import pytest


def test_caesar() -> None:
    assert ciphers.caesar("Hello, World!", 3) == "Khoor, Zruog!"
    assert ciphers.caesar("Khoor, Zruog!", -3) == "Hello, World!"
    assert ciphers.caesar("xyz", 29) == "abc"
    assert ciphers.caesar("", 5) == ""
    assert ciphers.caesar("café", 1) == "dbgé"


def test_rot13_roundtrip() -> None:
    assert ciphers.rot13("Why did the chicken cross the road?") == "Jul qvq gur puvpxra pebff gur ebnq?"
    assert ciphers.rot13(ciphers.rot13("Portalis")) == "Portalis"


def test_atbash() -> None:
    assert ciphers.atbash("abc XYZ") == "zyx CBA"
    assert ciphers.atbash("test 123") == "gvhg 123"


def test_vigenere() -> None:
    assert ciphers.vigenere_encrypt("ATTACK AT DAWN", "LEMON") == "LXFOPV EF RNHR"
    assert ciphers.vigenere_decrypt("LXFOPV EF RNHR", "LEMON") == "ATTACK AT DAWN"
    with pytest.raises(ValueError, match="alphabetic"):
        ciphers.vigenere_encrypt("abc", "k3y")
    with pytest.raises(ValueError):
        ciphers.vigenere_encrypt("abc", "")
    with pytest.raises(ValueError, match="key must be alphabetic"):
        ciphers.vigenere_decrypt("abc", "")


def test_crack_caesar() -> None:
    secret = ciphers.caesar("the eagle has landed near the tree line", 7)
    assert ciphers.crack_caesar(secret) == 7
    assert ciphers.crack_caesar("123") == 0


def test_rail_fence() -> None:
    assert ciphers.rail_fence("WEAREDISCOVEREDFLEEATONCE", 3) == "WECRLTEERDSOEEFEAOCAIVDEN"
    assert ciphers.rail_fence("abc", 1) == "abc"


def test_xor_cipher() -> None:
    data = b"attack at dawn"
    enc = ciphers.xor_cipher(data, b"key")
    assert enc != data
    assert ciphers.xor_cipher(enc, b"key") == data
    with pytest.raises(ValueError):
        ciphers.xor_cipher(b"x", b"")
