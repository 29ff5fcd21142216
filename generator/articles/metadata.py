"""What an article says about itself: its outlet, date and author, read from the
conventions news text carries when no front matter or HTML metadata gives them.

- a wire credit before the first dash: "LONDON, March 5 (Reuters) - …" → Reuters;
- a site's plug for itself: "Stay tuned to example.com for updates" → example.com;
- a copyright line: "© 2024 Example Media. All rights reserved." → Example Media;
- a byline near the top: "By Jane Doe" → the author;
- a dated line near the top: "Published: March 5, 2024", "2024-03-05", "5 March 2024".

Front matter and HTML metadata always win; ``content/sources.yml`` then names the outlet
for the site. A guess that does not parse is no guess: the field stays unknown."""

from __future__ import annotations

import datetime as dt
import re

from generator.core.textpatterns import article_pattern

HEAD_LINES = 6  # bylines and dates sit in the first lines; copyright and plugs in the last
TAIL_CHARS = 1500
MAX_DATELINE = 80

WIRE_CREDIT = article_pattern(
    r"^[^\n(]{0,60}?\((?P<agency>[A-Z][A-Za-z&.]*(?:\s[A-Z][A-Za-z&.]*){0,3})\)\s*[-–—]\s", re.MULTILINE
)
SELF_PLUG = article_pattern(
    r"\b(?:stay tuned to|keep following|follow|visit|read more (?:at|on)|subscribe to|"
    r"originally (?:published|appeared) (?:at|on|in))\s+"
    r"(?P<site>(?:www\.)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,12})\b",
    re.IGNORECASE,
)
COPYRIGHT = article_pattern(
    r"(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?"
    r"(?P<owner>[A-Z][\w&'’.-]*(?:[ ][A-Z][\w&'’.-]*){0,4})",
    re.IGNORECASE,
)
_GAP = r"[^\S\n]"  # a space or tab, never a line break: a byline is one line
# Atomic and possessive groups: once words are taken as the name they are not re-split, so
# a long line that is no byline fails in linear time (nested repetition backtracked
# exponentially: 34 words took over 90 s).
BYLINE = article_pattern(
    rf"^{_GAP}*by{_GAP}+(?P<name>(?>[A-Z][\w'’.-]+(?:{_GAP}+(?:[A-Z][\w'’.-]+|de|van|von|al|bin))*+)"
    rf"(?:{_GAP}+and{_GAP}+[A-Z][\w'’.-]+(?:{_GAP}+[A-Z][\w'’.-]+)++)?+){_GAP}*(?:[,|–—-].*)?$",
    re.IGNORECASE | re.MULTILINE,
)
MONTHS = ("january february march april may june july august september october november december").split()
_MONTH = r"(?P<month>" + "|".join(m[:3] + r"(?:" + m[3:] + r")?\.?" for m in MONTHS) + ")"
DATES = (
    article_pattern(r"\b(?P<year>(?:19|20)\d\d)-(?P<mon>\d\d)-(?P<day>\d\d)\b"),
    article_pattern(_MONTH + r"\s+(?P<day>\d{1,2}),?\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE),
    article_pattern(r"\b(?P<day>\d{1,2})\s+" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE),
)
DATE_LABEL = article_pattern(r"^\s*(?:published|posted|updated|date|first published)\b", re.IGNORECASE)


def infer_metadata(body: str) -> dict[str, object]:
    """Outlet, published date and author as far as the text states them; keys absent
    when it does not."""
    head = "\n".join(body.strip().split("\n")[:HEAD_LINES])
    found: dict[str, object] = {}
    outlet = _wire_credit(head) or _self_plug(body[-TAIL_CHARS:]) or _copyright(body[-TAIL_CHARS:])
    if outlet:
        found["outlet"] = outlet
    published = _date_in(head)
    if published:
        found["published"] = published
    byline = BYLINE.search(head)
    if byline:
        found["author"] = " ".join(byline.group("name").split())
    return found


def _wire_credit(head: str) -> str | None:
    match = WIRE_CREDIT.search(head)
    return match.group("agency") if match else None


def _self_plug(tail: str) -> str | None:
    match = SELF_PLUG.search(tail)
    return match.group("site").lower().removeprefix("www.") if match else None


def _copyright(tail: str) -> str | None:
    match = COPYRIGHT.search(tail)
    if not match:
        return None
    owner = re.sub(r"[.,]?\s*all rights.*$", "", match.group("owner"), flags=re.IGNORECASE).strip(" .,")
    return owner or None


def _date_in(head: str) -> dt.date | None:
    """The first full date on a labelled line ("Published: …") or a short line of its
    own near the top (a dateline); a date inside the story's prose ("its best day since
    Oct. 6, 1999") is what the story is about, not when it was written."""
    lines = [line for line in head.split("\n") if DATE_LABEL.match(line) or len(line.strip()) <= MAX_DATELINE]
    for line in sorted(lines, key=lambda line: not DATE_LABEL.match(line)):
        for pattern in DATES:
            for match in pattern.finditer(line):
                date = _to_date(match)
                if date is not None:
                    return date
    return None


def _to_date(match: re.Match) -> dt.date | None:
    parts = match.groupdict()
    month = (
        int(parts["mon"])
        if parts.get("mon")
        else next((i for i, name in enumerate(MONTHS, 1) if parts["month"].lower().rstrip(".").startswith(name[:3])), 0)
    )
    try:
        return dt.date(int(parts["year"]), month, int(parts["day"]))
    except ValueError:
        return None
