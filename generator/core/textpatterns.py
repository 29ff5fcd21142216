"""Regular expressions that read article text, declared through one function so that
every one of them is known: a test feeds each adversarial strings of growing length and
holds it to linear time (one line of an article once hung every build, a byline pattern
with nested repetition backtracking exponentially). Write them with atomic groups
``(?>...)`` or possessive quantifiers (``*+``, ``++``) where repetitions could share
characters; both are in Python's ``re`` since 3.11."""

from __future__ import annotations

import re

ARTICLE_PATTERNS: list[re.Pattern[str]] = []
"""Every pattern compiled with :func:`article_pattern`, in the order modules declared them."""


def article_pattern(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """``re.compile`` for a pattern applied to article text (or to text taken from it),
    registered in :data:`ARTICLE_PATTERNS` for the linear-time test."""
    compiled = re.compile(pattern, flags)
    ARTICLE_PATTERNS.append(compiled)
    return compiled
