import pytest
import string_dp as sd


def test_longest_palindromic_substring() -> None:
    assert sd.longest_palindromic_substring("babad") == "bab"
    assert sd.longest_palindromic_substring("cbbd") == "bb"
    assert sd.longest_palindromic_substring("") == ""
    assert sd.longest_palindromic_substring("forgeeksskeegfor") == "geeksskeeg"


def test_word_break() -> None:
    assert sd.word_break("leetcode", ["leet", "code"])
    assert sd.word_break("applepenapple", ["apple", "pen"])
    assert not sd.word_break("catsandog", ["cats", "dog", "sand", "and", "cat"])
    assert sd.word_break("", [])


def test_word_break_all() -> None:
    assert sd.word_break_all("catsanddog", ["cat", "cats", "and", "sand", "dog"]) == ["cat sand dog", "cats and dog"]
    assert sd.word_break_all("abc", ["x"]) == []


@pytest.mark.parametrize(("digits", "ways"), [("12", 2), ("226", 3), ("06", 0), ("", 0), ("10", 1), ("1111111111", 89), ("100", 0)])
def test_decode_ways(digits: str, ways: int) -> None:
    assert sd.decode_ways(digits) == ways


def test_min_palindrome_cuts() -> None:
    assert sd.min_palindrome_cuts("aab") == 1
    assert sd.min_palindrome_cuts("a") == 0
    assert sd.min_palindrome_cuts("abcde") == 4
    assert sd.min_palindrome_cuts("") == 0


def test_count_palindromic_substrings() -> None:
    assert sd.count_palindromic_substrings("abc") == 3
    assert sd.count_palindromic_substrings("aaa") == 6


def test_regex_match() -> None:
    assert not sd.regex_match("aa", "a")
    assert sd.regex_match("aa", "a*")
    assert sd.regex_match("ab", ".*")
    assert sd.regex_match("aab", "c*a*b")
    assert not sd.regex_match("mississippi", "mis*is*p*.")
