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
    boundary; a reserved name gets a suffix. Text with no letter or digit in any script
    ("★★★") gets ``x-`` and a digest of the text, so no id is ever empty; only blank text
    has the empty slug."""
    slug = _python_slugify(text, max_length=max_length, word_boundary=True, replacements=_APOSTROPHES)
    if not slug:  # one word longer than max_length
        slug = _python_slugify(text, max_length=max_length, replacements=_APOSTROPHES)
    if not slug and text.strip():
        return f"x-{_digest(text)}"
    return f"{slug}-{_digest(text)[:4]}" if slug in RESERVED else slug


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def has_word(text: str) -> bool:
    """Whether ``text`` holds a letter or digit in any script (else its slug is a digest)."""
    return bool(_python_slugify(text, replacements=_APOSTROPHES))


def is_reserved(slug: str) -> bool:
    return slug in RESERVED
