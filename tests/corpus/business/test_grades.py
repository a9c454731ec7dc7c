import grades
import pytest


@pytest.mark.parametrize(("score", "expected"), [(100, "A"), (93, "A"), (92.9, "A-"), (85, "B"), (70, "C-"), (59.99, "F"), (0, "F")])
def test_letter(score: float, expected: str) -> None:
    assert grades.letter(score) == expected


def test_letter_range() -> None:
    with pytest.raises(ValueError, match="score out of range: 101"):
        grades.letter(101)
    with pytest.raises(ValueError, match="-0.5"):
        grades.letter(-0.5)


def test_gpa() -> None:
    assert grades.gpa([("A", 3), ("B", 4), ("C+", 3)]) == 3.09
    assert grades.gpa([]) == 0.0
    with pytest.raises(KeyError):
        grades.gpa([("E", 3)])


def test_student() -> None:
    s = grades.Student("ann", [70.0, 95.0, 91.0])
    assert s.average() == 85.33333333333333
    assert s.final_grade() == "B"
    assert s.final_grade(drop_lowest=True) == "A"
    assert grades.Student("bob").average() is None
    assert grades.Student("bob").final_grade() == "I"


def test_class_report() -> None:
    students = [grades.Student("zed", [80.0]), grades.Student("amy", [95.5, 90.0]), grades.Student("bo"), grades.Student("al", [80.0])]
    assert grades.class_report(students) == [
        "amy        92.75  A-",
        "al         80.00  B-",
        "zed        80.00  B-",
        "bo           n/a  I",
    ]
    assert grades.grade_distribution(students) == {"A-": 1, "B-": 2, "I": 1}
    assert grades.honor_roll(students) == ["amy"]


def test_curve() -> None:
    assert grades.curve([60.0, 70.0, 80.0]) == [65.0, 75.0, 85.0]
    assert grades.curve([99.0, 1.0], 90.0) == [100.0, 41.0]
    assert grades.curve([]) == []
