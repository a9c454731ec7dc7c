import pytest
import text_wrap as tw

LOREM = "The quick brown fox jumps over the lazy dog and keeps running far away"


def test_wrap() -> None:
    assert tw.wrap(LOREM, 20) == ["The quick brown fox", "jumps over the lazy", "dog and keeps", "running far away"]
    assert tw.wrap("", 10) == []
    assert tw.wrap("supercalifragilistic word", 8) == ["supercal", "ifragili", "stic", "word"]
    with pytest.raises(ValueError, match=r"invalid width 0 \(must be > 0\)"):
        tw.wrap("x", 0)


def test_justify() -> None:
    lines = tw.justify(LOREM, 20)
    assert all(len(line) == 20 for line in lines)
    assert lines[0] == "The  quick brown fox"
    assert lines[-1] == "running far away    "
    assert tw.justify_line(["a", "b", "c"], 8) == "a   b  c"


def test_center_block() -> None:
    assert tw.center_block(["a", "abc", "ab"], "*") == ["*a*", "abc", "*ab"]
    assert tw.center_block([]) == []


def test_indent_dedent() -> None:
    text = "line one\n\n  line two"
    assert tw.indent(text, "> ") == "> line one\n\n>   line two"
    assert tw.dedent("    a\n      b\n\n    c") == "a\n  b\n\nc"
    assert tw.dedent("") == ""


def test_truncate() -> None:
    assert tw.truncate("hello world", 20) == "hello world"
    assert tw.truncate("hello world", 8) == "hello..."
    assert tw.truncate("hello world", 9, "…") == "hello wo…"
    with pytest.raises(ValueError):
        tw.truncate("hello world", 2)


def test_boxed() -> None:
    assert tw.boxed("hi\nthere") == "+-------+\n| hi    |\n| there |\n+-------+"
    assert tw.boxed("") == "+--+\n|  |\n+--+"
