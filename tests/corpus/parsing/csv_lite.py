"""A small CSV reader/writer supporting quotes, escaped quotes and typed columns."""

from __future__ import annotations

from typing import Union

Cell = Union[int, float, str, None]


class CsvError(ValueError):
    def __init__(self, line_no: int, message: str) -> None:
        super().__init__(f"line {line_no}: {message}")
        self.line_no = line_no


def split_line(line: str, sep: str = ",", line_no: int = 1) -> list[str]:
    fields: list[str] = []
    current: list[str] = []
    in_quotes = False
    i = 0
    while i < len(line):
        ch = line[i]
        if in_quotes:
            if ch == '"':
                if i + 1 < len(line) and line[i + 1] == '"':
                    current.append('"')
                    i += 1
                else:
                    in_quotes = False
            else:
                current.append(ch)
        elif ch == '"':
            in_quotes = True
        elif ch == sep:
            fields.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    if in_quotes:
        raise CsvError(line_no, "unterminated quoted field")
    fields.append("".join(current))
    return fields


def convert(value: str) -> Cell:
    text = value.strip()
    if text == "":
        return None
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return text


def parse(text: str, sep: str = ",") -> list[dict[str, Cell]]:
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return []
    header = [h.strip() for h in split_line(lines[0], sep)]
    if len(set(header)) != len(header):
        raise CsvError(1, "duplicate column names")
    rows = []
    for n, line in enumerate(lines[1:], start=2):
        fields = split_line(line, sep, n)
        if len(fields) != len(header):
            raise CsvError(n, f"expected {len(header)} fields, got {len(fields)}")
        rows.append({h: convert(f) for h, f in zip(header, fields)})
    return rows


def quote(value: Cell, sep: str = ",") -> str:
    if value is None:
        return ""
    text = str(value)
    if sep in text or '"' in text or "\n" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def write(rows: list[dict[str, Cell]], sep: str = ",") -> str:
    if not rows:
        return ""
    header = list(rows[0])
    out = [sep.join(quote(h, sep) for h in header)]
    for row in rows:
        out.append(sep.join(quote(row.get(h), sep) for h in header))
    return "\n".join(out) + "\n"


def column(rows: list[dict[str, Cell]], name: str) -> list[Cell]:
    return [row[name] for row in rows]


def column_sum(rows: list[dict[str, Cell]], name: str) -> float:
    total = 0.0
    for row in rows:
        value = row[name]
        if isinstance(value, (int, float)):
            total += value
    return total


def group_count(rows: list[dict[str, Cell]], name: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in rows:
        key = str(row[name])
        counts[key] = counts.get(key, 0) + 1
    return counts
