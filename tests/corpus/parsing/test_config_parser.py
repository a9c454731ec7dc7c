import config_parser as cp
import pytest

TEXT = """
# global settings
[server]
Host = example.com
port = 8080   ; inline comment
debug = yes
root = /srv/${host}
tags = web, api,, internal

[client]
timeout = 30
"""


def test_parse_and_get() -> None:
    cfg = cp.Config.from_text(TEXT)
    assert list(cfg.sections) == ["server", "client"]
    assert cfg.get("server", "HOST") == "example.com"
    assert cfg.get("server", "missing") is None
    assert cfg.get("nope", "x", "dflt") == "dflt"
    assert cfg.get_int("server", "port") == 8080
    assert cfg.get_bool("server", "debug")
    assert not cfg.get_bool("client", "debug")
    assert cfg.get_list("server", "tags") == ["web", "api", "internal"]
    assert cfg.get_list("client", "tags") == []


def test_typed_errors() -> None:
    cfg = cp.Config.from_text(TEXT)
    with pytest.raises(KeyError, match="client.port"):
        cfg.get_int("client", "port")
    with pytest.raises(ValueError, match="invalid literal for int"):
        cfg.get_int("server", "host")
    with pytest.raises(ValueError, match="not a boolean: 'example.com'"):
        cfg.get_bool("server", "host")


def test_parse_errors() -> None:
    with pytest.raises(cp.ConfigError, match="line 1: key outside of a section"):
        cp.Config.from_text("a = 1")
    with pytest.raises(cp.ConfigError, match="line 2: duplicate section 'a'"):
        cp.Config.from_text("[a]\n[a]")
    with pytest.raises(cp.ConfigError, match="line 2: cannot parse 'junk'"):
        cp.Config.from_text("[a]\njunk")
    with pytest.raises(cp.ConfigError, match="empty section"):
        cp.Config.from_text("[ ]")


def test_interpolate() -> None:
    cfg = cp.Config.from_text(TEXT)
    assert cfg.interpolate("server", "root") == "/srv/example.com"
    loop = cp.Config.from_text("[s]\na = ${b}\nb = ${a}")
    with pytest.raises(cp.ConfigError, match="circular reference to a"):
        loop.interpolate("s", "a")
    with pytest.raises(KeyError):
        cp.Config.from_text("[s]\na = ${zz}").interpolate("s", "a")


def test_to_text_and_merge() -> None:
    cfg = cp.Config.from_text("[a]\nx = 1\n[b]\ny = 2")
    assert cfg.to_text() == "[a]\nx = 1\n\n[b]\ny = 2\n"
    other = cp.Config.from_text("[b]\ny = 3\nz = 4\n[c]\nw = 5")
    merged = cp.merge(cfg, other)
    assert merged.sections == {"a": {"x": "1"}, "b": {"y": "3", "z": "4"}, "c": {"w": "5"}}


def test_query_string() -> None:
    assert cp.parse_query_string("?a=1&b=two+words&a=3&&c=") == {"a": ["1", "3"], "b": ["two words"], "c": [""]}
    assert cp.parse_query_string("name=J%C3%BCrgen&x=%2") == {"name": ["Jürgen"], "x": ["%2"]}
    assert cp.unquote("100%25") == "100%"
