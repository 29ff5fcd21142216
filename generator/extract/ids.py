"""Stable item ids: derived from what an item says, never from where it stands,
so an item keeps its id when unrelated text around it changes."""

from __future__ import annotations

import hashlib
import re


def stable_id(prefix: str, used: set[str], *parts: str) -> str:
    """``prefix-`` plus a short content hash, lengthened only on a collision."""
    key = "\x1f".join(re.sub(r"\s+", " ", p.strip().lower()) for p in parts)
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()
    for length in range(6, len(digest) + 1, 2):
        candidate = f"{prefix}-{digest[:length]}"
        if candidate not in used:
            used.add(candidate)
            return candidate
    raise ValueError("duplicate item")  # the same parts twice: callers deduplicate first
