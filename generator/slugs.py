"""Slugs: the ids of briefs, actors, topics and outlets, which are also file and page names.

Made with python-slugify, which transliterates ("ТАСС" → "tass", "新华社" → "xin-hua-she"),
so a title or an outlet in any script gets an id, never an empty one. A slug is
``[a-z0-9-]`` only, so it can never leave its folder, and never a name the site itself
uses for a listing page ("index"), whatever the spelling ("ＩＮＤＥＸ", "İndex")."""

from __future__ import annotations

import hashlib

from slugify import slugify as _python_slugify

# Names the site's own pages take in every folder of generated pages.
RESERVED = frozenset({"index"})
# An apostrophe joins its word ("Ukraine’s" → "ukraines"), as ids made before did.
_APOSTROPHES = [["'", ""], ["’", ""], ["‘", ""]]


def slugify(text: str, max_length: int = 60) -> str:
    """A lowercase ASCII slug of at most ``max_length`` characters, cut at a word
    boundary; a reserved name gets a suffix. Empty only for text without letters or digits
    in any script."""
    slug = _python_slugify(text, max_length=max_length, word_boundary=True, replacements=_APOSTROPHES)
    if not slug:  # one word longer than max_length
        slug = _python_slugify(text, max_length=max_length, replacements=_APOSTROPHES)
    return f"{slug}-{hashlib.sha256(text.encode()).hexdigest()[:4]}" if slug in RESERVED else slug


def is_reserved(slug: str) -> bool:
    return slug in RESERVED
