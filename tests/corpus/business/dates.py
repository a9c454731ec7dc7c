"""Calendar arithmetic without the datetime module."""

from __future__ import annotations

DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    if not 1 <= month <= 12:
        raise ValueError(f"month must be in 1..12, not {month}")
    if month == 2 and is_leap(year):
        return 29
    return DAYS_IN_MONTH[month - 1]


def validate(year: int, month: int, day: int) -> None:
    if not 1 <= day <= days_in_month(year, month):
        raise ValueError(f"day is out of range for month: {year:04d}-{month:02d}-{day:02d}")


def day_of_year(year: int, month: int, day: int) -> int:
    validate(year, month, day)
    return sum(days_in_month(year, m) for m in range(1, month)) + day


def to_ordinal(year: int, month: int, day: int) -> int:
    """Days since 0001-01-01 (which is day 1), like date.toordinal()."""
    y = year - 1
    return y * 365 + y // 4 - y // 100 + y // 400 + day_of_year(year, month, day)


def from_ordinal(n: int) -> tuple[int, int, int]:
    if n < 1:
        raise ValueError("ordinal must be >= 1")
    year = max(1, n // 366)
    while to_ordinal(year + 1, 1, 1) <= n:
        year += 1
    remaining = n - to_ordinal(year, 1, 1) + 1
    month = 1
    while remaining > days_in_month(year, month):
        remaining -= days_in_month(year, month)
        month += 1
    return year, month, remaining


def weekday(year: int, month: int, day: int) -> str:
    return WEEKDAYS[(to_ordinal(year, month, day) - 1) % 7]


def zeller(year: int, month: int, day: int) -> int:
    """0 = Saturday ... 6 = Friday."""
    if month < 3:
        month += 12
        year -= 1
    k, j = year % 100, year // 100
    return (day + 13 * (month + 1) // 5 + k + k // 4 + j // 4 + 5 * j) % 7


def add_days(date: str, days: int) -> str:
    y, m, d = parse_iso(date)
    ny, nm, nd = from_ordinal(to_ordinal(y, m, d) + days)
    return f"{ny:04d}-{nm:02d}-{nd:02d}"


def parse_iso(text: str) -> tuple[int, int, int]:
    parts = text.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        raise ValueError(f"Invalid isoformat string: {text!r}")
    y, m, d = (int(p) for p in parts)
    validate(y, m, d)
    return y, m, d


def days_between(a: str, b: str) -> int:
    return to_ordinal(*parse_iso(b)) - to_ordinal(*parse_iso(a))


def age(birth: str, today: str) -> int:
    by, bm, bd = parse_iso(birth)
    ty, tm, td = parse_iso(today)
    return ty - by - ((tm, td) < (bm, bd))


def add_months(date: str, months: int) -> str:
    y, m, d = parse_iso(date)
    total = y * 12 + (m - 1) + months
    ny, nm = divmod(total, 12)
    nm += 1
    nd = min(d, days_in_month(ny, nm))
    return f"{ny:04d}-{nm:02d}-{nd:02d}"


def calendar_month(year: int, month: int) -> str:
    first = (to_ordinal(year, month, 1) - 1) % 7
    lines = ["Mo Tu We Th Fr Sa Su"]
    cells = ["  "] * first + [f"{d:2d}" for d in range(1, days_in_month(year, month) + 1)]
    for i in range(0, len(cells), 7):
        lines.append(" ".join(cells[i:i + 7]))
    return "\n".join(lines)
