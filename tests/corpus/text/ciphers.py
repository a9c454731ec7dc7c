"""Classical ciphers."""

from __future__ import annotations

import string

ALPHABET = string.ascii_lowercase


def caesar(text: str, shift: int) -> str:
    out = []
    for ch in text:
        if "a" <= ch <= "z":
            out.append(chr((ord(ch) - ord("a") + shift) % 26 + ord("a")))
        elif "A" <= ch <= "Z":
            out.append(chr((ord(ch) - ord("A") + shift) % 26 + ord("A")))
        else:
            out.append(ch)
    return "".join(out)


def rot13(text: str) -> str:
    return caesar(text, 13)


def atbash(text: str) -> str:
    table = str.maketrans(ALPHABET + ALPHABET.upper(), ALPHABET[::-1] + ALPHABET.upper()[::-1])
    return text.translate(table)


def vigenere_encrypt(text: str, key: str) -> str:
    if not key.isalpha():
        raise ValueError("key must be alphabetic")
    key = key.lower()
    out = []
    k = 0
    for ch in text:
        if ch.isalpha() and ch.isascii():
            shift = ord(key[k % len(key)]) - ord("a")
            out.append(caesar(ch, shift))
            k += 1
        else:
            out.append(ch)
    return "".join(out)


def vigenere_decrypt(text: str, key: str) -> str:
    inverse = "".join(chr((26 - (ord(c) - ord("a"))) % 26 + ord("a")) for c in key.lower())
    return vigenere_encrypt(text, inverse)


def crack_caesar(ciphertext: str) -> int:
    """Guess the shift by assuming 'e' is the most common letter."""
    counts = [0] * 26
    for ch in ciphertext.lower():
        if ch in ALPHABET:
            counts[ord(ch) - ord("a")] += 1
    if not any(counts):
        return 0
    most = counts.index(max(counts))
    return (most - (ord("e") - ord("a"))) % 26


def rail_fence(text: str, rails: int) -> str:
    if rails < 2:
        return text
    rows: list[list[str]] = [[] for _ in range(rails)]
    row, step = 0, 1
    for ch in text:
        rows[row].append(ch)
        if row == 0:
            step = 1
        elif row == rails - 1:
            step = -1
        row += step
    return "".join("".join(r) for r in rows)


def xor_cipher(data: bytes, key: bytes) -> bytes:
    if not key:
        raise ValueError("empty key")
    return bytes(b ^ key[i % len(key)] for i, b in enumerate(data))
