import pytest
import templating as tpl


def test_render() -> None:
    assert tpl.render("Hello, {name}!", {"name": "Ada"}) == "Hello, Ada!"
    assert tpl.render("{ greeting | upper } {name|title}", {"greeting": "hi", "name": "ada lovelace"}) == "HI Ada Lovelace"
    assert tpl.render("{{literal}} {x|len}", {"x": "abcd"}) == "{literal} 4"
    assert tpl.render("", {}) == ""


def test_render_errors() -> None:
    with pytest.raises(KeyError, match="'missing'"):
        tpl.render("{missing}", {})
    with pytest.raises(tpl.TemplateError, match="unclosed placeholder at 3"):
        tpl.render("ab {oops", {})
    with pytest.raises(tpl.TemplateError, match="single '}' at 1"):
        tpl.render("a}b", {})
    with pytest.raises(tpl.TemplateError, match="unknown filter: reverse"):
        tpl.render("{a|reverse}", {"a": "x"})


def test_placeholders() -> None:
    assert tpl.placeholders("{a} {b|upper} {{c}} {a}") == ["a", "b"]
    assert tpl.placeholders("no braces") == []
    assert tpl.placeholders("{open") == []


def test_render_many() -> None:
    rows = [{"n": "1"}, {"n": "2"}]
    assert tpl.render_many("#{n}", rows) == ["#1", "#2"]


def test_safe_render() -> None:
    assert tpl.safe_render("{a}-{b}", {"a": "x"}) == "x-?"
    assert tpl.safe_render("{a}-{b}", {}, missing="") == "-"
