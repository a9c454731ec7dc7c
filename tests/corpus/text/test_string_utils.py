import pytest
import string_utils as su


def test_reverse_words() -> None:
    assert su.reverse_words("the sky  is blue") == "blue is sky the"
    assert su.reverse_words("   ") == ""


def test_count_vowels() -> None:
    assert su.count_vowels("Hello World") == 3
    assert su.count_vowels("rhythm") == 0


def test_capitalize_words() -> None:
    assert su.capitalize_words("hello big  world") == "Hello Big  World"
    assert su.capitalize_words("") == ""


def test_remove_duplicates() -> None:
    assert su.remove_duplicates("programming") == "progamin"
    assert su.remove_duplicates("") == ""


def test_longest_common_prefix() -> None:
    assert su.longest_common_prefix(["flower", "flow", "flight"]) == "fl"
    assert su.longest_common_prefix(["dog", "racecar", "car"]) == ""
    assert su.longest_common_prefix([]) == ""
    assert su.longest_common_prefix(["alone"]) == "alone"


def test_is_rotation() -> None:
    assert su.is_rotation("waterbottle", "erbottlewat")
    assert not su.is_rotation("abc", "acb")
    assert su.is_rotation("", "")


def test_first_repeated_char() -> None:
    assert su.first_repeated_char("abcdeb") == "b"
    assert su.first_repeated_char("abc") is None


def test_char_positions() -> None:
    assert su.char_positions("banana") == {"b": [0], "a": [1, 3, 5], "n": [2, 4]}


def test_is_pangram() -> None:
    assert su.is_pangram("The quick brown fox jumps over the lazy dog")
    assert not su.is_pangram("Hello world")


def test_isogram() -> None:
    assert su.isogram("lumberjacks")
    assert su.isogram("six-year-old")
    assert not su.isogram("Alphabet")


def test_acronym() -> None:
    assert su.acronym("Portable Network Graphics") == "PNG"
    assert su.acronym("Complementary metal-oxide semiconductor") == "CMOS"
    assert su.acronym("") == ""


def test_mask() -> None:
    assert su.mask("4539148803436467") == "############6467"
    assert su.mask("abc") == "abc"
    assert su.mask("secret", 0, "*") == "******"
    with pytest.raises(ValueError):
        su.mask("abc", -1)


def test_interleave() -> None:
    assert su.interleave("abc", "12345") == "a1b2c345"
    assert su.interleave("", "") == ""


def test_count_substring() -> None:
    assert su.count_substring("aaaa", "aa") == 2
    assert su.count_substring("aaaa", "aa", overlapping=True) == 3
    assert su.count_substring("abc", "", overlapping=True) == 4
    assert su.count_substring("abc", "") == 4
