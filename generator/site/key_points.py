"""Key points: the few claims, figures and scenarios a reader should see first, the way a
briefing opens with its takeaways. Chosen by rules a reader can check, each point shown
with its reason:

- a claim counts more when its speaker is named (not an unnamed source, not unattributed),
  when it is a direct quotation, and when the speaker is an official, a government or an
  institution rather than a commentator;
- a figure counts when it says what it measures, and most when it is money or a count of
  people harmed; trivial counts ("three alternatives") never count;
- a scenario counts when someone proposes it, more when the article judges it;
- an opinion piece's points count one less (they are the author's views), and over
  several briefs no brief gives more than two points of a kind, so one voice cannot
  fill a topic's takeaways.

Ties go to the newer brief, then to document order, so the choice is stable."""

from __future__ import annotations

from dataclasses import dataclass

from generator.content.merge import Digest
from generator.core.model import Brief, Claim, Figure, Scenario
from generator.core.units import HARM_UNITS, is_money

INSTITUTION_TYPES = frozenset({"organization", "country"})


@dataclass(frozen=True)
class KeyPoint:
    """One takeaway: the item, the brief it comes from, and why it was chosen."""

    kind: str  # "claim", "figure" or "scenario"
    brief: Brief
    item: Claim | Figure | Scenario
    reason: str
    weight: int


def is_sure(item: Claim | Figure | Scenario) -> bool:
    """An item the extractor is sure of (``confidence: high``), or one an editor wrote
    (no confidence): only these become key points or headline figures."""
    return item.confidence in (None, "high")


def claim_point(digest: Digest, brief: Brief, claim: Claim) -> KeyPoint | None:
    speaker = next((a for a in brief.actors if a.id == claim.speaker), None)
    if speaker is None or speaker.anonymous or not is_sure(claim):
        return None
    reasons, weight = ["named speaker"], 2
    if claim.quote:
        reasons.append("direct quotation")
        weight += 2
    if speaker.role or speaker.type in INSTITUTION_TYPES:
        reasons.append("official" if speaker.type == "person" else speaker.type)
        weight += 2
    return KeyPoint("claim", brief, claim, ", ".join(reasons), weight)


def figure_point(brief: Brief, figure: Figure) -> KeyPoint | None:
    if not figure.measures or not is_sure(figure):
        return None
    if is_money(figure.unit):
        return KeyPoint("figure", brief, figure, "money", 5)
    if (figure.unit or "").lower() in HARM_UNITS:
        return KeyPoint("figure", brief, figure, "people harmed", 5)
    if figure.unit == "percent":
        return KeyPoint("figure", brief, figure, "share or change", 3)
    return None


def scenario_point(brief: Brief, scenario: Scenario) -> KeyPoint | None:
    if not scenario.proposed_by or not is_sure(scenario):
        return None
    return KeyPoint("scenario", brief, scenario, "proposal with a proposer", 4 if scenario.stance else 3)


def key_points(
    digest: Digest, briefs: list[Brief], claims: int = 3, figures: int = 2, scenarios: int = 2
) -> list[KeyPoint]:
    """The strongest claims, figures and scenarios of ``briefs``, at most the given number
    of each, in that order."""
    newest_first = sorted(briefs, key=lambda b: (str(b.source.published or ""), b.id), reverse=True)
    ranked: dict[str, list[KeyPoint]] = {"claim": [], "figure": [], "scenario": []}
    for brief in newest_first:
        restated = {f.equals for f in brief.figures if f.equals}  # "£8bn ($10.6bn)": the second is the same amount
        candidates = [
            *(claim_point(digest, brief, c) for c in brief.claims),
            *(figure_point(brief, f) for f in brief.figures if f.id not in restated),
            *(scenario_point(brief, s) for s in brief.scenarios),
        ]
        for point in candidates:
            if point is not None:
                ranked[point.kind].append(point)
    quota = {"claim": claims, "figure": figures, "scenario": scenarios}
    chosen: list[KeyPoint] = []
    for kind, points in ranked.items():
        # sorted() is stable: equal weights keep newest brief first, then document order
        chosen += _spread(
            sorted(points, key=lambda p: -_weight(p)), quota[kind], PER_BRIEF if len(briefs) > 1 else None
        )
    return chosen


PER_BRIEF = 2


def _weight(point: KeyPoint) -> int:
    return point.weight - (1 if point.brief.kind == "opinion" else 0)


def _spread(points: list[KeyPoint], count: int, per_brief: int | None) -> list[KeyPoint]:
    """The first ``count`` points, at most ``per_brief`` from any one brief."""
    taken: list[KeyPoint] = []
    for point in points:
        if per_brief is None or sum(p.brief.id == point.brief.id for p in taken) < per_brief:
            taken.append(point)
        if len(taken) == count:
            break
    return taken
