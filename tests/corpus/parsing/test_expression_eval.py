import expression_eval as ev
import pytest


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1 + 2 * 3", 7.0),
        ("(1 + 2) * 3", 9.0),
        ("2 ^ 3 ^ 2", 512.0),
        ("-2 ^ 2", -4.0),
        ("10 / 4", 2.5),
        ("7 % 3", 1.0),
        ("-7 % 3", 2.0),
        ("sqrt(16) + abs(-3)", 7.0),
        ("floor(2.7) * 2", 4.0),
        ("0.1 + 0.2", 0.30000000000000004),
        ("--3", 3.0),
        ("  42  ", 42.0),
    ],
)
def test_evaluate(text: str, value: float) -> None:
    assert ev.evaluate(text) == value


def test_variables() -> None:
    assert ev.evaluate("x * x + y", {"x": 3.0, "y": 1.5}) == 10.5
    with pytest.raises(NameError, match="name 'z' is not defined"):
        ev.evaluate("z + 1")


def test_errors() -> None:
    with pytest.raises(ev.ParseError, match="expected '\\)' at 6, found 'end of input'"):
        ev.evaluate("(1 + 2")
    with pytest.raises(ev.ParseError, match="unexpected '\\)' at 1"):
        ev.evaluate("1)")
    with pytest.raises(ev.ParseError, match="unknown function sin"):
        ev.evaluate("sin(1)")
    with pytest.raises(ZeroDivisionError, match="division by zero"):
        ev.evaluate("1 / (2 - 2)")
    with pytest.raises(ValueError, match="math domain error"):
        ev.evaluate("sqrt(-1)")
    with pytest.raises(ev.ParseError, match="unexpected 'end of input' at 2"):
        ev.evaluate("1+")


def test_evaluate_all() -> None:
    env = ev.evaluate_all(["a = 2", "b = a * 3", "c = a + b ^ 2"])
    assert env == {"a": 2.0, "b": 6.0, "c": 38.0}
    with pytest.raises(ev.ParseError, match="missing '='"):
        ev.evaluate_all(["a 2"])


def test_safe_evaluate() -> None:
    assert ev.safe_evaluate("1/3") == "0.3333333333333333"
    assert ev.safe_evaluate("1/0") == "error: division by zero"
    assert ev.safe_evaluate("q") == "error: name 'q' is not defined"
