import palindromes as p
import pytest


@pytest.mark.parametrize(
    ("text", "expected"),
    [("A man, a plan, a canal: Panama", True), ("race a car", False), ("", True), ("Was it a car or a cat I saw?", True), ("No 'x' in Nixon", True)],
)
def test_is_palindrome(text: str, expected: bool) -> None:
    assert p.is_palindrome(text) is expected
    assert p.is_palindrome_two_pointer(text) is expected


def test_strict_palindrome() -> None:
    assert not p.is_palindrome("Abba", ignore_case_and_punct=False)
    assert p.is_palindrome("abba", ignore_case_and_punct=False)


def test_normalize() -> None:
    assert p.normalize("Hello, World!") == "helloworld"


def test_is_palindrome_number() -> None:
    assert p.is_palindrome_number(121)
    assert not p.is_palindrome_number(-121)
    assert not p.is_palindrome_number(10)
    assert p.is_palindrome_number(0)
    assert p.is_palindrome_number(12345678987654321)


def test_can_form_palindrome() -> None:
    assert p.can_form_palindrome("carrace")
    assert not p.can_form_palindrome("hello")
    assert p.can_form_palindrome("")


def test_longest_palindrome_length() -> None:
    assert p.longest_palindrome_length("abccccdd") == 7
    assert p.longest_palindrome_length("") == 0
    assert p.longest_palindrome_length("aa") == 2


def test_valid_palindrome_one_removal() -> None:
    assert p.valid_palindrome_one_removal("abca")
    assert not p.valid_palindrome_one_removal("abc")
    assert p.valid_palindrome_one_removal("aba")


def test_next_palindrome() -> None:
    assert p.next_palindrome(123) == 131
    assert p.next_palindrome(99) == 101
    assert p.next_palindrome(808) == 818


def test_palindromic_words() -> None:
    assert p.palindromic_words("Anna and Otto saw a kayak at noon") == ["Anna", "Otto", "kayak", "noon"]
