"""Grade book: letter grades, GPA and class reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

SCALE = [(93, "A"), (90, "A-"), (87, "B+"), (83, "B"), (80, "B-"), (77, "C+"), (73, "C"), (70, "C-"), (60, "D")]
POINTS = {"A": 4.0, "A-": 3.7, "B+": 3.3, "B": 3.0, "B-": 2.7, "C+": 2.3, "C": 2.0, "C-": 1.7, "D": 1.0, "F": 0.0}


def letter(score: float) -> str:
    if not 0 <= score <= 100:
        raise ValueError(f"score out of range: {score}")
    for cutoff, grade in SCALE:
        if score >= cutoff:
            return grade
    return "F"


def gpa(grades: list[tuple[str, int]]) -> float:
    """grades: (letter, credit hours)."""
    credits = sum(c for _, c in grades)
    if credits == 0:
        return 0.0
    return round(sum(POINTS[g] * c for g, c in grades) / credits, 2)


@dataclass
class Student:
    name: str
    scores: list[float] = field(default_factory=list)

    def average(self) -> Optional[float]:
        return sum(self.scores) / len(self.scores) if self.scores else None

    def final_grade(self, drop_lowest: bool = False) -> str:
        scores = sorted(self.scores)
        if drop_lowest and len(scores) > 1:
            scores = scores[1:]
        if not scores:
            return "I"
        return letter(sum(scores) / len(scores))


def class_report(students: list[Student]) -> list[str]:
    lines = []
    for s in sorted(students, key=lambda st: (-(st.average() or 0.0), st.name)):
        avg = s.average()
        avg_text = f"{avg:6.2f}" if avg is not None else "   n/a"
        lines.append(f"{s.name:<10}{avg_text}  {s.final_grade()}")
    return lines


def grade_distribution(students: list[Student]) -> dict[str, int]:
    dist: dict[str, int] = {}
    for s in students:
        g = s.final_grade()
        dist[g] = dist.get(g, 0) + 1
    return dict(sorted(dist.items()))


def curve(scores: list[float], target_mean: float = 75.0) -> list[float]:
    if not scores:
        return []
    shift = target_mean - sum(scores) / len(scores)
    return [min(100.0, max(0.0, round(s + shift, 1))) for s in scores]


def honor_roll(students: list[Student], minimum: float = 90.0) -> list[str]:
    return [s.name for s in students if (s.average() or 0) >= minimum]
