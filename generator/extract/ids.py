"""Stable item ids: derived from what an item says, never from where it stands,
so an item keeps its id when unrelated text around it changes."""

from __future__ import annotations

import hashlib
import re
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

Item = TypeVar("Item", bound=BaseModel)
DROPPED = "digest_dropped"  # doc.user_data key: items left out, as messages for the report


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


def make_item(model: type[Item], doc, **fields: Any) -> Item | None:
    """One claim, figure or scenario, or None when the rules produced an invalid one (an
    empty text): that item is left out and named in ``doc.user_data[DROPPED]``, so the
    rest of the brief is still written and the run reports what was dropped."""
    try:
        return model(**fields)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"])
        doc.user_data.setdefault(DROPPED, []).append(
            f"{model.__name__.lower()} {fields.get('id', '')} left out ({where}: {error['msg']}): "
            f"{str(fields.get('evidence', ''))[:80]!r}"
        )
        return None
