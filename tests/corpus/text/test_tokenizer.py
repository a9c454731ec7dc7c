import pytest
import tokenizer


def test_tokenize_basic() -> None:
    toks = tokenizer.tokenize("let x = 42;")
    assert toks == [
        tokenizer.Token("KEYWORD", "let", 0),
        tokenizer.Token("IDENT", "x", 4),
        tokenizer.Token("OP", "=", 6),
        tokenizer.Token("INT", "42", 8),
        tokenizer.Token("PUNCT", ";", 10),
    ]


def test_operators_and_floats() -> None:
    assert tokenizer.texts("a<=b && c != 3.25") == ["a", "<=", "b", "&&", "c", "!=", "3.25"]
    assert tokenizer.kinds("1. + 2") == ["FLOAT", "OP", "INT"]


def test_strings_and_comments() -> None:
    toks = tokenizer.tokenize('print("hi\\n there") # comment\n x')
    assert [t.kind for t in toks] == ["IDENT", "PUNCT", "STRING", "PUNCT", "IDENT"]
    assert toks[2].text == "hi\n there"
    assert toks[-1].position == 31


def test_errors() -> None:
    with pytest.raises(tokenizer.TokenizeError, match="unterminated string at position 4") as info:
        tokenizer.tokenize('x = "abc')
    assert info.value.position == 4
    with pytest.raises(tokenizer.TokenizeError, match="unexpected character '@' at position 2"):
        tokenizer.tokenize("a @ b")


def test_count_by_kind() -> None:
    assert tokenizer.count_by_kind("fn f(a, b) { return a + b; }") == {
        "IDENT": 5,
        "KEYWORD": 2,
        "OP": 1,
        "PUNCT": 6,
    }
    assert tokenizer.count_by_kind("") == {}


def test_identifiers() -> None:
    assert tokenizer.identifiers("x = y + x * z_1") == ["x", "y", "z_1"]


def test_token_is_frozen() -> None:
    tok = tokenizer.Token("INT", "1", 0)
    with pytest.raises(AttributeError):
        tok.kind = "FLOAT"  # type: ignore[misc]
    assert repr(tok) == "Token(kind='INT', text='1', position=0)"
