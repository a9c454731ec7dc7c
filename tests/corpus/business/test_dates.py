import datetime

import dates
import pytest


def test_is_leap() -> None:
    assert dates.is_leap(2024)
    assert not dates.is_leap(1900)
    assert dates.is_leap(2000)
    assert not dates.is_leap(2023)


def test_days_in_month() -> None:
    assert dates.days_in_month(2024, 2) == 29
    assert dates.days_in_month(2023, 2) == 28
    assert dates.days_in_month(2023, 12) == 31
    with pytest.raises(ValueError, match="month must be in 1..12, not 13"):
        dates.days_in_month(2023, 13)


def test_day_of_year() -> None:
    assert dates.day_of_year(2024, 12, 31) == 366
    assert dates.day_of_year(2023, 3, 1) == 60
    with pytest.raises(ValueError, match="day is out of range for month: 2023-02-29"):
        dates.day_of_year(2023, 2, 29)


@pytest.mark.parametrize("iso", ["0001-01-01", "1970-01-01", "2000-02-29", "2024-07-14", "9999-12-31"])
def test_ordinal_roundtrip(iso: str) -> None:
    y, m, d = dates.parse_iso(iso)
    n = dates.to_ordinal(y, m, d)
    assert n == datetime.date(y, m, d).toordinal()
    assert dates.from_ordinal(n) == (y, m, d)


def test_weekday() -> None:
    assert dates.weekday(2024, 1, 1) == "Monday"
    assert dates.weekday(1969, 7, 20) == "Sunday"
    assert dates.zeller(2024, 1, 1) == 2
    assert dates.zeller(2000, 2, 29) == 3


def test_add_days_and_between() -> None:
    assert dates.add_days("2024-02-28", 1) == "2024-02-29"
    assert dates.add_days("2023-12-31", 1) == "2024-01-01"
    assert dates.add_days("2024-03-01", -1) == "2024-02-29"
    assert dates.days_between("2024-01-01", "2025-01-01") == 366
    assert dates.days_between("2025-01-01", "2024-01-01") == -366
    with pytest.raises(ValueError, match="ordinal"):
        dates.add_days("0001-01-01", -1)


def test_parse_iso_errors() -> None:
    with pytest.raises(ValueError, match="Invalid isoformat string: '2024/01/01'"):
        dates.parse_iso("2024/01/01")
    with pytest.raises(ValueError, match="out of range"):
        dates.parse_iso("2024-04-31")


def test_age_and_months() -> None:
    assert dates.age("1990-06-15", "2024-06-14") == 33
    assert dates.age("1990-06-15", "2024-06-15") == 34
    assert dates.add_months("2024-01-31", 1) == "2024-02-29"
    assert dates.add_months("2024-01-31", -2) == "2023-11-30"
    assert dates.add_months("2024-05-15", 12) == "2025-05-15"


def test_calendar_month() -> None:
    cal = dates.calendar_month(2024, 2)
    assert cal.splitlines()[0] == "Mo Tu We Th Fr Sa Su"
    assert cal.splitlines()[1] == "          1  2  3  4"
    assert cal.splitlines()[-1] == "26 27 28 29"
