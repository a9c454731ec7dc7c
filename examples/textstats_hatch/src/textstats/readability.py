"""Readability scores from word, sentence, syllable and letter counts.

The classic formulas (Flesch, Flesch-Kincaid, Coleman-Liau, ARI, Gunning fog,
SMOG) take counts, so they translate as they are. Marked in `[tool.portalis]`.
"""

FLESCH_BASE = 206.835
SMOG_SCALE = 30.0


def _check_counts(words: int, sentences: int) -> None:
    if words <= 0 or sentences <= 0:
        raise ValueError("need at least one word and one sentence")


def flesch_reading_ease(words: int, sentences: int, syllables: int) -> float:
    """Flesch reading ease: ~100 very easy, ~0 very hard."""
    _check_counts(words, sentences)
    return FLESCH_BASE - 1.015 * (words / sentences) - 84.6 * (syllables / words)


def flesch_kincaid_grade(words: int, sentences: int, syllables: int) -> float:
    """US school grade level by Flesch-Kincaid."""
    _check_counts(words, sentences)
    return 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59


def coleman_liau(letters: int, words: int, sentences: int) -> float:
    """Coleman-Liau index from letters and sentences per 100 words."""
    _check_counts(words, sentences)
    per_100 = 100.0 / words
    return 0.0588 * letters * per_100 - 0.296 * sentences * per_100 - 15.8


def automated_readability(characters: int, words: int, sentences: int) -> float:
    """Automated Readability Index (ARI)."""
    _check_counts(words, sentences)
    return 4.71 * (characters / words) + 0.5 * (words / sentences) - 21.43


def gunning_fog(words: int, sentences: int, complex_words: int) -> float:
    """Gunning fog index; complex words have three or more syllables."""
    _check_counts(words, sentences)
    return 0.4 * ((words / sentences) + 100.0 * (complex_words / words))


def sqrt(x: float) -> float:
    """Square root by Newton's method (no imports in a translated module)."""
    if x < 0.0:
        raise ValueError("sqrt of a negative number")
    if x == 0.0:
        return 0.0
    guess = x if x > 1.0 else 1.0
    for _ in range(100):
        better = 0.5 * (guess + x / guess)
        if better >= guess:
            return guess
        guess = better
    return guess


def smog_grade(polysyllables: int, sentences: int) -> float:
    """SMOG grade: 1.043 * sqrt(polysyllables * 30 / sentences) + 3.1291."""
    if sentences <= 0:
        raise ValueError("need at least one sentence")
    return 1.043 * sqrt(polysyllables * SMOG_SCALE / sentences) + 3.1291


def grade_band(grade: float) -> int:
    """Bucket a grade level: 0 elementary, 1 middle school, 2 high school, 3 college."""
    if grade < 6.0:
        return 0
    if grade < 9.0:
        return 1
    if grade < 13.0:
        return 2
    return 3


def grade_label(grade: float) -> str:
    """Human-readable band name (returns a str, so this one stays Python)."""
    return ("elementary", "middle school", "high school", "college")[grade_band(grade)]
