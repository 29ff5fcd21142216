"""Stable item ids: derived from what an item says, never from where it stands,
so an item keeps its id when unrelated text around it changes."""

from __future__ import annotations

import hashlib
import re


def stable_id(prefix: str, used: set[str], *parts: str) -> str | None:
    """``prefix-`` plus a short content hash, lengthened only on a collision; None when
    the very same parts were seen before (a repeated sentence is one item, not two)."""
    key = "\x1f".join(re.sub(r"\s+", " ", p.strip().lower()) for p in parts)
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()
    if f"{prefix}-{digest}" in used:
        return None
    used.add(f"{prefix}-{digest}")
    for length in range(6, 40, 2):
        candidate = f"{prefix}-{digest[:length]}"
        if candidate not in used:
            used.add(candidate)
            return candidate
    return None


def doc_text(doc) -> str:
    """The doc's text, built once: spaCy joins every token each time ``doc.text`` is read,
    which turns loops over sentences quadratic on long articles."""
    text = doc.user_data.get("digest_text")
    if text is None:
        text = doc.user_data["digest_text"] = doc.text
    return text
