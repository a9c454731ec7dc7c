"""An INI-style configuration parser with typed getters."""

from __future__ import annotations

from typing import Optional

HEXDIGITS = "0123456789abcdefABCDEF"


class ConfigError(Exception):
    pass


class Config:
    def __init__(self) -> None:
        self.sections: dict[str, dict[str, str]] = {}

    @classmethod
    def from_text(cls, text: str) -> Config:
        cfg = cls()
        current: Optional[str] = None
        for n, raw in enumerate(text.splitlines(), start=1):
            line = raw.split("#", 1)[0].split(";", 1)[0].strip()
            if not line:
                continue
            if line.startswith("[") and line.endswith("]"):
                current = line[1:-1].strip()
                if not current:
                    raise ConfigError(f"line {n}: empty section name")
                if current in cfg.sections:
                    raise ConfigError(f"line {n}: duplicate section {current!r}")
                cfg.sections[current] = {}
            elif "=" in line:
                if current is None:
                    raise ConfigError(f"line {n}: key outside of a section")
                key, _, value = line.partition("=")
                cfg.sections[current][key.strip().lower()] = value.strip()
            else:
                raise ConfigError(f"line {n}: cannot parse {line!r}")
        return cfg

    def get(self, section: str, key: str, default: Optional[str] = None) -> Optional[str]:
        return self.sections.get(section, {}).get(key.lower(), default)

    def get_int(self, section: str, key: str) -> int:
        value = self.get(section, key)
        if value is None:
            raise KeyError(f"{section}.{key}")
        return int(value)

    def get_bool(self, section: str, key: str, default: bool = False) -> bool:
        value = self.get(section, key)
        if value is None:
            return default
        lowered = value.lower()
        if lowered in ("1", "yes", "true", "on"):
            return True
        if lowered in ("0", "no", "false", "off"):
            return False
        raise ValueError(f"not a boolean: {value!r}")

    def get_list(self, section: str, key: str) -> list[str]:
        value = self.get(section, key, "")
        assert value is not None
        return [item.strip() for item in value.split(",") if item.strip()]

    def interpolate(self, section: str, key: str) -> str:
        value = self.get(section, key)
        if value is None:
            raise KeyError(f"{section}.{key}")
        seen = {key}
        while "${" in value:
            start = value.index("${")
            end = value.index("}", start)
            ref = value[start + 2:end]
            if ref in seen:
                raise ConfigError(f"circular reference to {ref}")
            seen.add(ref)
            replacement = self.get(section, ref)
            if replacement is None:
                raise KeyError(f"{section}.{ref}")
            value = value[:start] + replacement + value[end + 1:]
        return value

    def to_text(self) -> str:
        parts = []
        for name, items in self.sections.items():
            parts.append(f"[{name}]")
            parts.extend(f"{k} = {v}" for k, v in items.items())
            parts.append("")
        return "\n".join(parts)


def merge(base: Config, override: Config) -> Config:
    result = Config()
    for name in list(base.sections) + [s for s in override.sections if s not in base.sections]:
        merged = dict(base.sections.get(name, {}))
        merged.update(override.sections.get(name, {}))
        result.sections[name] = merged
    return result


def parse_query_string(qs: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for pair in qs.lstrip("?").split("&"):
        if not pair:
            continue
        key, _, value = pair.partition("=")
        out.setdefault(unquote(key), []).append(unquote(value))
    return out


def unquote(text: str) -> str:
    out = bytearray()
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "+":
            out += b" "
        elif ch == "%" and len(text[i + 1:i + 3]) == 2 and all(c in HEXDIGITS for c in text[i + 1:i + 3]):
            out.append(int(text[i + 1:i + 3], 16))
            i += 2
        else:
            out += ch.encode("utf-8")
        i += 1
    return out.decode("utf-8", errors="replace")
