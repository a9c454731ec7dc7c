import case_convert as cc
import pytest


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("hello_world", ["hello", "world"]),
        ("helloWorld", ["hello", "world"]),
        ("HTTPServerError", ["http", "server", "error"]),
        ("get-user-ID", ["get", "user", "id"]),
        ("  spaced  out ", ["spaced", "out"]),
        ("", []),
        ("version2Update", ["version2", "update"]),
    ],
)
def test_split_words(name: str, words: list[str]) -> None:
    assert cc.split_words(name) == words


def test_conversions() -> None:
    assert cc.to_snake("parseHTTPResponse") == "parse_http_response"
    assert cc.to_kebab("ParseHttpResponse") == "parse-http-response"
    assert cc.to_camel("parse_http_response") == "parseHttpResponse"
    assert cc.to_pascal("parse-http-response") == "ParseHttpResponse"
    assert cc.to_constant("maxRetryCount") == "MAX_RETRY_COUNT"
    assert cc.to_camel("") == ""


def test_title_case() -> None:
    assert cc.title_case("the lord of the rings") == "The Lord of the Rings"
    assert cc.title_case("a TALE of two cities") == "A Tale of Two Cities"
    assert cc.title_case("war and peace", frozenset()) == "War And Peace"
    assert cc.title_case("") == ""


def test_swap_case() -> None:
    assert cc.swap_case("Hello World 42") == "hELLO wORLD 42"


def test_is_valid_identifier() -> None:
    assert cc.is_valid_identifier("snake_case")
    assert not cc.is_valid_identifier("2fast")
    assert not cc.is_valid_identifier("has space")
    assert not cc.is_valid_identifier("")
