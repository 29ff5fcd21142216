"""What is new: the days items entered the digest, newest first, each with the briefs
added that day, the new claims by speaker and the figures whose value changed for the
same measure and actor. Everything follows from the briefs' ``ingested`` dates, so every
build shows the same, and a returning reader sees the difference first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from generator.content.merge import Digest, DigestActor
from generator.core.model import Brief, Claim, Figure


@dataclass
class FigureChange:
    """A figure that restates an earlier one's measure, by the same actor, with another value."""

    brief: Brief
    figure: Figure
    earlier_brief: Brief
    earlier: Figure


@dataclass
class DayOfChanges:
    day: dt.date
    briefs: list[Brief] = field(default_factory=list)
    claims: list[tuple[DigestActor, list[tuple[Brief, Claim]]]] = field(default_factory=list)
    figures: list[FigureChange] = field(default_factory=list)


def _measure_key(digest: Digest, brief: Brief, figure: Figure) -> tuple[str, str, str] | None:
    """What a figure measures, by whom, in which unit: two figures with one key and two
    values say that something changed."""
    actor = digest.actor(brief, figure.stated_by)
    words = " ".join(sorted(set((figure.measures or "").lower().split())))
    if actor is None or not words:
        return None
    return actor.id, words, figure.unit or ""


def changes(digest: Digest, briefs: list[Brief] | None = None) -> list[DayOfChanges]:
    """Every day briefs were added (by ``ingested``), newest first. With ``briefs`` (a
    topic's), only those; figures are compared with everything added before that day."""
    chosen = {b.id for b in (briefs if briefs is not None else digest.briefs)}
    dated = sorted((b for b in digest.briefs if b.ingested), key=lambda b: (b.ingested, b.id))
    days: dict[dt.date, DayOfChanges] = {}
    known: dict[tuple[str, str, str], tuple[Brief, Figure]] = {}
    by_day: dict[dt.date, list[Brief]] = {}
    for brief in dated:  # grouped once: a scan of every brief per day grew with the square of the digest
        by_day.setdefault(brief.ingested, []).append(brief)  # type: ignore[arg-type]
    for day, todays in sorted(by_day.items()):
        entry = DayOfChanges(day)
        for brief in todays:
            for figure in brief.figures:
                key = _measure_key(digest, brief, figure)
                earlier = known.get(key) if key else None
                if brief.id in chosen and earlier and earlier[1].value != figure.value:
                    entry.figures.append(FigureChange(brief, figure, *earlier))
        for brief in todays:  # known only after the day: a day's figures are compared with earlier days
            for figure in brief.figures:
                if (key := _measure_key(digest, brief, figure)) is not None:
                    known[key] = (brief, figure)
        entry.briefs = [b for b in todays if b.id in chosen]
        entry.claims = _claims_by_speaker(digest, entry.briefs)
        if entry.briefs:
            days[day] = entry
    return [days[day] for day in sorted(days, reverse=True)]


def _claims_by_speaker(digest: Digest, briefs: list[Brief]) -> list[tuple[DigestActor, list[tuple[Brief, Claim]]]]:
    said: dict[str, tuple[DigestActor, list[tuple[Brief, Claim]]]] = {}
    for brief in briefs:
        for claim in brief.claims:
            actor = digest.actor(brief, claim.speaker)
            if actor is not None:
                said.setdefault(actor.id, (actor, []))[1].append((brief, claim))
    return sorted(said.values(), key=lambda pair: (-len(pair[1]), pair[0].name.casefold()))
