import csv_lite as csv
import pytest

DATA = '''name,age,city,score
Alice,30,"Paris, France",91.5
Bob,25,London,
"Carol ""CJ"" Jones",41,Paris,78
'''


def test_split_line() -> None:
    assert csv.split_line('a,"b,c",d') == ["a", "b,c", "d"]
    assert csv.split_line('"say ""hi"""') == ['say "hi"']
    assert csv.split_line("") == [""]
    assert csv.split_line("a;b", ";") == ["a", "b"]
    with pytest.raises(csv.CsvError, match="line 7: unterminated quoted field") as info:
        csv.split_line('"abc', line_no=7)
    assert info.value.line_no == 7


def test_convert() -> None:
    assert csv.convert(" 42 ") == 42
    assert csv.convert("3.5") == 3.5
    assert csv.convert("1e3") == 1000.0
    assert csv.convert("abc") == "abc"
    assert csv.convert("") is None
    assert csv.convert("nan") != csv.convert("nan")


def test_parse() -> None:
    rows = csv.parse(DATA)
    assert rows[0] == {"name": "Alice", "age": 30, "city": "Paris, France", "score": 91.5}
    assert rows[1]["score"] is None
    assert rows[2]["name"] == 'Carol "CJ" Jones'
    assert csv.parse("") == []


def test_parse_errors() -> None:
    with pytest.raises(csv.CsvError, match="line 2: expected 2 fields, got 3"):
        csv.parse("a,b\n1,2,3")
    with pytest.raises(csv.CsvError, match="duplicate"):
        csv.parse("a,a\n1,2")


def test_write_roundtrip() -> None:
    rows = csv.parse(DATA)
    text = csv.write(rows)
    assert text.splitlines()[1] == 'Alice,30,"Paris, France",91.5'
    assert csv.parse(text) == rows
    assert csv.write([]) == ""


def test_column_helpers() -> None:
    rows = csv.parse(DATA)
    assert csv.column(rows, "age") == [30, 25, 41]
    assert csv.column_sum(rows, "score") == 169.5
    assert csv.group_count(rows, "city") == {"Paris, France": 1, "London": 1, "Paris": 1}
    with pytest.raises(KeyError):
        csv.column(rows, "salary")
