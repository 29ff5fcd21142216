"""Two judgments about an item of a brief, declared once: is it on a topic (one of the
topic's terms occurs in its words), and does it name an actor (by name or alias, as a
whole word). Extraction stores both in the brief (an item's ``topics`` and ``about``),
where editors see and correct them; the site uses the stored values, and the same rules
only for an item that carries none (a brief written by hand)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

ITEM_WORDS = ("title", "text", "measures", "evidence")
"""The fields of an item whose words say what it is about."""


def item_words(item: Any) -> list[str]:
    """The item's own words (whichever of :data:`ITEM_WORDS` it has)."""
    return [value for name in ITEM_WORDS if isinstance(value := getattr(item, name, None), str)]


def on_topic(terms: Iterable[str], texts: Iterable[str]) -> bool:
    """One of the topic's terms occurs in the texts (case-insensitive, from a word start)."""
    return bool(_term_pattern(tuple(terms)).search(" ".join(texts).lower()))


@lru_cache(maxsize=1024)
def _term_pattern(terms: tuple[str, ...]) -> re.Pattern:
    kept = [t.lower() for t in terms if t.strip()]
    return re.compile(r"\b(?:" + "|".join(re.escape(t) for t in kept) + ")") if kept else re.compile(r"(?!)")


def names(text: str, name: str, aliases: Iterable[str]) -> bool:
    """The text names the actor: its name or an alias (of three letters or more) as a
    whole word."""
    return bool(_name_pattern(name, frozenset(aliases)).search(text))


@lru_cache(maxsize=4096)
def _name_pattern(name: str, aliases: frozenset) -> re.Pattern:
    forms = sorted((n for n in (name, *aliases) if len(n) > 2), key=len, reverse=True)
    return (
        re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in forms) + r")(?!\w)") if forms else re.compile(r"(?!)")
    )
