import pytest
import word_stats as ws

TEXT = "The cat sat on the mat. The dog sat too! Did the cat mind? No."


def test_words() -> None:
    assert ws.words("Don't stop, believing!") == ["don't", "stop", "believing"]
    assert ws.words("") == []


def test_word_frequencies() -> None:
    freq = ws.word_frequencies(TEXT)
    assert freq["the"] == 4
    assert freq["sat"] == 2
    assert freq["no"] == 1
    assert list(freq)[:3] == ["the", "cat", "sat"]


def test_top_words() -> None:
    assert ws.top_words(TEXT) == [("cat", 2), ("sat", 2), ("did", 1)]
    assert ws.top_words(TEXT, 2, skip_stop_words=False) == [("the", 4), ("cat", 2)]
    assert ws.top_words("") == []


def test_average_word_length() -> None:
    assert ws.average_word_length("a bb ccc") == 2.0
    assert ws.average_word_length("") == 0.0
    assert ws.average_word_length("hello world!") == 5.5


def test_sentence_count() -> None:
    assert ws.sentence_count(TEXT) == 4
    assert ws.sentence_count("No punctuation here") == 1
    assert ws.sentence_count("...") == 0
    assert ws.sentence_count("") == 0


def test_longest_word() -> None:
    assert ws.longest_word("a quick brownish fox") == "brownish"
    assert ws.longest_word("") == ""


def test_lexical_density() -> None:
    assert ws.lexical_density("the cat the dog") == 0.75
    assert ws.lexical_density("a b c") == 1.0
    with pytest.raises(ValueError, match="no words"):
        ws.lexical_density("123 456")


def test_char_histogram() -> None:
    assert ws.char_histogram("Hello") == {"e": 1, "h": 1, "l": 2, "o": 1}
    assert ws.char_histogram("123") == {}


def test_summary() -> None:
    assert ws.summary("Hi there. Bye.") == "3 words, 2 sentences, avg 4.00 chars"
