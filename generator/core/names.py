"""Name keys: two spellings of one name get the same key, so "Zelensky" and
"Zelenskyy", "Kiev" and "Kyiv"-style transliterations meet on one actor."""

from __future__ import annotations

import re
import unicodedata


def name_key(name: str) -> str:
    """Lowercase ASCII, doubled letters collapsed, common transliteration endings unified."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = []
    for word in re.findall(r"[a-z]+", text):
        word = re.sub(r"(.)\1+", r"\1", word)
        word = re.sub(r"(iy|yi|ij|ii|y|i)$", "y", word)
        words.append(word)
    return " ".join(words)


def surname_key(name: str) -> str:
    key = name_key(name)
    return key.split()[-1] if key else ""
