"""textstats's own tests: they pass on plain CPython and with the WASM build alike.

With TEXTSTATS_EXPECT_WASM=1 (set by Portalis's integration tests after
installing the Portalis-built wheel) they also insist that the marked
modules really run in WebAssembly.
"""

from __future__ import annotations

import math
import os

import pytest
import textstats
from textstats import readability, text, zipf

SAMPLE = (
    "The quick brown fox jumps over the lazy dog. It was not amused! "
    "Readability formulas estimate how hard a passage is to understand. "
    "Short sentences with familiar words are easier to read."
)


@pytest.mark.skipif(os.environ.get("TEXTSTATS_EXPECT_WASM") != "1", reason="plain install")
def test_marked_modules_run_in_wasm() -> None:
    for module in (readability, zipf):
        info = module.__portalis__
        assert info.mode == "wasm"
        assert "flesch_reading_ease" in info.translated or "harmonic" in info.translated
    assert "grade_label" in readability.__portalis__.skipped
    assert not hasattr(text, "__portalis__")  # not marked: plain Python


@pytest.mark.parametrize("x", [1e-300, 0.001, 0.5, 1.0, 2.0, 10.0, 12345.678, 1e300])
def test_ln_matches_math(x: float) -> None:
    assert zipf.ln(x) == pytest.approx(math.log(x), rel=1e-14, abs=1e-15)


@pytest.mark.parametrize("x", [-700.0, -300.5, -3.0, 0.0, 1e-9, 1.0, 3.5, 50.0, 700.0])
def test_exp_matches_math(x: float) -> None:
    assert zipf.exp(x) == pytest.approx(math.exp(x), rel=1e-13)


def test_errors_keep_their_messages() -> None:
    with pytest.raises(ValueError, match="non-positive"):
        zipf.ln(0.0)
    with pytest.raises(OverflowError, match="exp overflow"):
        zipf.exp(1000.0)
    with pytest.raises(ValueError, match="at least one word"):
        readability.flesch_reading_ease(0, 1, 0)


def test_harmonic_and_zipf() -> None:
    assert zipf.harmonic(0) == 0.0
    assert zipf.harmonic(4) == 1.0 + 0.5 + 1 / 3 + 0.25
    assert zipf.harmonic(100_000) == pytest.approx(math.log(100_000) + 0.5772156649, rel=1e-6)
    total = sum(zipf.zipf_probability(r, 50) for r in range(1, 51))
    assert total == pytest.approx(1.0)


def test_expected_vocabulary_is_bounded() -> None:
    assert zipf.expected_vocabulary(0, 100) == 0.0
    small = zipf.expected_vocabulary(10, 1000)
    assert 1.0 < small <= 10.0
    big = zipf.expected_vocabulary(1_000_000, 1000)
    assert 990.0 < big <= 1000.0


def test_entropy() -> None:
    assert zipf.entropy_term(0, 10) == 0.0
    assert zipf.entropy_term(5, 10) == pytest.approx(0.5)
    assert zipf.zipf_entropy(1) == 0.0
    assert 5.0 < zipf.zipf_entropy(1000) < 10.0


def test_readability_formulas() -> None:
    assert readability.flesch_reading_ease(100, 5, 130) == pytest.approx(76.555)
    assert readability.flesch_kincaid_grade(100, 5, 130) == pytest.approx(7.55)
    assert readability.smog_grade(30, 30) == pytest.approx(1.043 * math.sqrt(30) + 3.1291)
    assert readability.sqrt(2.0) == pytest.approx(math.sqrt(2.0), rel=1e-15)
    assert readability.grade_band(12.5) == 2
    assert readability.grade_label(20.0) == "college"


def test_text_report() -> None:
    c = textstats.counts(SAMPLE)
    assert c.words == 32 and c.sentences == 4
    assert text.count_syllables("readability") == 5
    rep = textstats.report(SAMPLE)
    assert 40.0 < rep["flesch_reading_ease"] < 90.0
    assert 0.0 < rep["entropy_bits"] < math.log2(c.words) + 1e-9
    assert rep["zipf_expected_distinct"] <= c.distinct_words
    with pytest.raises(ValueError, match="no words"):
        textstats.report("... !!!")
