"""Morse code encoder/decoder."""

from __future__ import annotations

MORSE = {
    "A": ".-", "B": "-...", "C": "-.-.", "D": "-..", "E": ".", "F": "..-.",
    "G": "--.", "H": "....", "I": "..", "J": ".---", "K": "-.-", "L": ".-..",
    "M": "--", "N": "-.", "O": "---", "P": ".--.", "Q": "--.-", "R": ".-.",
    "S": "...", "T": "-", "U": "..-", "V": "...-", "W": ".--", "X": "-..-",
    "Y": "-.--", "Z": "--..", "0": "-----", "1": ".----", "2": "..---",
    "3": "...--", "4": "....-", "5": ".....", "6": "-....", "7": "--...",
    "8": "---..", "9": "----.", ".": ".-.-.-", ",": "--..--", "?": "..--..",
}
REVERSE = {code: letter for letter, code in MORSE.items()}


def encode(message: str) -> str:
    words = []
    for word in message.upper().split():
        try:
            words.append(" ".join(MORSE[ch] for ch in word))
        except KeyError as exc:
            raise ValueError(f"cannot encode character {exc.args[0]!r}") from None
    return " / ".join(words)


def decode(code: str) -> str:
    words = []
    for word in code.strip().split(" / "):
        letters = []
        for symbol in word.split():
            if symbol not in REVERSE:
                raise ValueError(f"unknown morse symbol {symbol}")
            letters.append(REVERSE[symbol])
        words.append("".join(letters))
    return " ".join(words)


def signal_length(code: str) -> int:
    """Duration in units: dot=1, dash=3, gap within letter=1, between letters=3, words=7."""
    total = 0
    for wi, word in enumerate(code.split(" / ")):
        if wi:
            total += 7
        for li, letter in enumerate(word.split()):
            if li:
                total += 3
            total += sum(1 if s == "." else 3 for s in letter) + len(letter) - 1
    return total


def is_valid_morse(code: str) -> bool:
    try:
        decode(code)
    except ValueError:
        return False
    return True
