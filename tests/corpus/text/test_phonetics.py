import phonetics
import pytest


@pytest.mark.parametrize(
    ("name", "code"),
    [("Robert", "R163"), ("Rupert", "R163"), ("Rubin", "R150"), ("Ashcraft", "A261"), ("Tymczak", "T522"), ("Pfister", "P236"), ("Lee", "L000"), ("Honeyman", "H555")],
)
def test_soundex(name: str, code: str) -> None:
    assert phonetics.soundex(name) == code


def test_soundex_error() -> None:
    with pytest.raises(ValueError, match="letters"):
        phonetics.soundex("123")


def test_strip_accents() -> None:
    assert phonetics.strip_accents("Crème Brûlée") == "Creme Brulee"
    assert phonetics.strip_accents("ﬁne") == "fine"


def test_slugify() -> None:
    assert phonetics.slugify("Hello, World!") == "hello-world"
    assert phonetics.slugify("  Ünïcödé -- rocks  ") == "unicode-rocks"
    assert phonetics.slugify("a" * 60, 10) == "a" * 10
    assert phonetics.slugify("one two three", 4) == "one"
    assert phonetics.slugify("!!!") == ""


def test_same_sound() -> None:
    assert phonetics.same_sound("Smith", "Smyth")
    assert not phonetics.same_sound("Smith", "Jones")


def test_initials() -> None:
    assert phonetics.initials("john ronald reuel tolkien") == "J.R.R.T."
    assert phonetics.initials("J. K. Rowling") == "J.K.R."
    assert phonetics.initials("") == ""
