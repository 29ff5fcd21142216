"""Evaluate briefs against gold annotations, in the terms of the project's
scorer (``shared/eval/score.py``): precision, recall and F1 per section,
micro-averaged over articles, so users can measure the extractor on articles
they annotate themselves.

Gold files follow ``tests/data/gold/README.md``: one YAML file per article
with ``article`` (the article's file name), ``kind``, ``actors``, ``claims``
(speaker, sentence), ``figures`` (value, unit, per, text) and ``scenarios`` (sentence)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Set
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from generator.core.model import SECTIONS

STOP = {"the", "a", "an", "of", "s", "'s"}
VARIANTS = (("kiev", "kyiv"), ("zelenskyy", "zelensky"), ("zelenskiy", "zelensky"))
UNIT_SYNONYMS = {
    "%": "percent",
    "pct": "percent",
    "per cent": "percent",
    "percentage": "percent",
    "percentage point": "percentage point",
    "pp": "percentage point",
    "point": "percentage point",
    "dollars": "usd",
    "dollar": "usd",
    "us dollar": "usd",
    "united states dollar": "usd",
    "$": "usd",
    "pounds": "gbp",
    "pound": "gbp",
    "pound sterling": "gbp",
    "euros": "eur",
    "euro": "eur",
    "yen": "jpy",
    "yuan": "cny",
    "rupee": "inr",
    "rupees": "inr",
    "rouble": "rub",
    "roubles": "rub",
    "ruble": "rub",
    "rubles": "rub",
    "hryvnia": "uah",
    "km": "kilometer",
    "kilometre": "kilometer",
    "kilometres": "kilometer",
    "kilometers": "kilometer",
    "m": "meter",
    "metre": "meter",
    "metres": "meter",
    "meters": "meter",
    "mile": "mile",
    "miles": "mile",
    "sq km": "km2",
    "square kilometer": "km2",
    "square kilometre": "km2",
    "kg": "kilogram",
    "kilograms": "kilogram",
    "t": "tonne",
    "tonnes": "tonne",
    "tons": "tonne",
    "ton": "tonne",
    "bp": "basis point",
    "bps": "basis point",
    "basis points": "basis point",
    "yr": "year",
    "years": "year",
    "months": "month",
    "weeks": "week",
    "days": "day",
    "hours": "hour",
}


def norm(text: Any) -> str:
    """Folded text: ASCII, lower case, no punctuation, no articles."""
    text = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode().lower().replace("’", "'")
    return " ".join(w for w in re.sub(r"[^a-z0-9 ]+", " ", text).split() if w not in STOP)


def overlap(a: Any, b: Any) -> float:
    """Jaccard overlap of normalized word sets."""
    x, y = set(norm(a).split()), set(norm(b).split())
    return len(x & y) / len(x | y) if x and y else 0.0


def contains(a: Any, b: Any) -> bool:
    x, y = norm(a), norm(b)
    return bool(x and y) and (x in y or y in x)


def contains_in(inner: Any, outer: Any) -> bool:
    x, y = norm(inner), norm(outer)
    return bool(x and y) and x in y


def _names(actor: dict) -> set[str]:
    names = {norm(actor.get("name"))} | {norm(a) for a in actor.get("aliases") or []}
    out = set()
    for name in names - {""}:
        for old, new in VARIANTS:
            name = re.sub(rf"\b{old}\b", new, name)
        out.add(name)
    return out


def same_actor(a: dict, b: dict) -> bool:
    """Shared name or alias; for two people, a shared surname."""
    x, y = _names(a), _names(b)
    if x & y:
        return True
    return a.get("type") == b.get("type") == "person" and bool({n.split()[-1] for n in x} & {n.split()[-1] for n in y})


def unit_norm(unit: Any) -> str:
    """A unit's comparable form: synonyms folded, plural dropped, a counted noun reduced
    to its head ("attack drones" and "drones" are one unit)."""
    raw = str(unit or "").strip()
    u = UNIT_SYNONYMS.get(raw) or norm(raw)  # symbols first: norm() drops "%" and "$"
    u = UNIT_SYNONYMS.get(u, u)
    if u.endswith("s") and len(u) > 3 and u != "usd":
        u = UNIT_SYNONYMS.get(u[:-1], u[:-1])
    if " " in u and u not in UNIT_SYNONYMS.values():
        head = u.split()[-1]
        u = UNIT_SYNONYMS.get(head, head[:-1] if head.endswith("s") and len(head) > 3 else head)
    return u


def unit_per(figure: dict) -> tuple[str, str]:
    """(unit, period); a rate written into the unit ("USD/year") gives the period too."""
    unit, per = str(figure.get("unit") or ""), figure.get("per")
    if "/" in unit and not per:
        unit, per = unit.split("/", 1)
    period = norm(per)
    return unit_norm(unit), UNIT_SYNONYMS.get(period, period)


SCALED = {"decade": ("year", 10), "century": ("year", 100), "fortnight": ("week", 2)}
"""A unit that is a multiple of another: "three decades" and "30 years" are one figure."""


def same_unit(s: dict, g: dict) -> bool:
    """Same unit and period; a fraction matches the same share as a percentage; a scaled
    unit matches its base unit."""
    (su, sp), (gu, gp) = unit_per(s), unit_per(g)
    su, gu = SCALED.get(su, (su,))[0], SCALED.get(gu, (gu,))[0]
    return sp == gp and (su == gu or {su, gu} == {"fraction", "percent"})


def pair_greedily(system: list, gold: list, score: Callable[[Any, Any], float]) -> list[tuple[int, int]]:
    """Best pairs first; on a tie a core gold item before an optional one, then document order."""
    pairs = sorted(
        (-v, bool(isinstance(g, dict) and g.get("optional")), i, j)
        for i, s in enumerate(system)
        for j, g in enumerate(gold)
        if (v := score(s, g)) > 0
    )
    used_s, used_g, out = set(), set(), []
    for _, _, i, j in pairs:
        if i not in used_s and j not in used_g:
            used_s.add(i)
            used_g.add(j)
            out.append((i, j))
    return out


ACCURACY_LINES = frozenset({"kind", "figure_measures_overlap", "scenario_title_overlap", "scenario_proposer_acc"})
"""Lines that are a share of matched items (right / matched), not precision and recall."""


@dataclass
class Tally:
    tp: int = 0
    system: int = 0
    gold: int = 0
    accuracy: bool = False

    def acc(self) -> float:
        """For an accuracy line: the share of right ones."""
        return self.tp / self.gold if self.gold else 0.0

    def add(self, tp: int, system: int, gold: int) -> None:
        self.tp, self.system, self.gold = self.tp + tp, self.system + system, self.gold + gold

    def scores(self) -> tuple[float, float, float]:
        p = self.tp / self.system if self.system else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Misses:
    """What one article got wrong, for a person to read: gold items no system item
    matched, and system items that matched nothing (or matched with the wrong speaker/unit)."""

    article: str
    missed: dict[str, list[str]] = field(default_factory=dict)
    wrong: dict[str, list[str]] = field(default_factory=dict)


def _values(figure: dict) -> list[float]:
    raw = figure.get("value")
    out = []
    for v in raw if isinstance(raw, list) else [raw, figure.get("value_max")]:
        try:
            out.append(float(v))  # type: ignore[arg-type]  # None and text fail here, as they should
        except (TypeError, ValueError):
            continue
    unit = unit_per(figure)[0]
    if unit == "fraction":  # a share written as a fraction also reads as a percentage
        out += [v * 100 for v in out]
    if unit in SCALED:
        out += [v * SCALED[unit][1] for v in out]
    return out


def _optional(gold: list) -> set[int]:
    return {j for j, g in enumerate(gold) if isinstance(g, dict) and g.get("optional")}


def _counts(good: list[tuple[int, int]], system: list, gold: list) -> tuple[int, int, int]:
    """(tp, system, gold) where system items on optional gold items count neither way."""
    optional = _optional(gold)
    return (
        sum(1 for _, j in good if j not in optional),
        len(system) - sum(1 for _, j in good if j in optional),
        len(gold) - len(optional),
    )


@dataclass
class ArticleScoring:
    """One article being scored: its brief and gold as plain data, the tallies to add to,
    and what went wrong (``misses``), shared by the section scorers."""

    brief: dict
    gold: dict
    tallies: dict[str, Tally]
    misses: Misses | None = None
    by_confidence: dict[str, dict[str, Tally]] | None = None

    def judge(self, section: str, system: list, right: set[int], neutral: Set[int] = frozenset()) -> None:
        """Count each system item as right or wrong under its ``confidence`` (items on
        optional gold, or spare pieces of a matched quotation, count neither way)."""
        if self.by_confidence is None:
            return
        levels = self.by_confidence.setdefault(section, {})
        for index, item in enumerate(system):
            if index in neutral or not isinstance(item, dict):
                continue
            tally = levels.setdefault(str(item.get("confidence") or "none"), Tally())
            tally.add(int(index in right), 1, 0)

    def items(self, section: str) -> tuple[list, list]:
        """(system items, gold items) of a section."""
        return self.brief.get(section) or [], self.gold.get(section) or []

    @cached_property
    def actors_by_id(self) -> dict[str | None, dict]:
        return {a.get("id"): a for a in self.brief.get("actors") or [] if isinstance(a, dict)}

    def gold_actor(self, name: str) -> dict:
        return next(
            (g for g in self.gold.get("actors") or [] if norm(g.get("name")) == norm(name) or norm(name) in _names(g)),
            {"name": name, "aliases": []},
        )

    def speaker_ok(self, speaker: Any, gold_claim: dict) -> bool:
        if gold_claim.get("speaker") is None:
            return speaker is None
        actor = self.actors_by_id.get(speaker)
        if actor is None:
            return False
        names = [gold_claim["speaker"], *(gold_claim.get("alt_speakers") or [])]
        if any(same_actor(actor, self.gold_actor(n)) for n in names):
            return True
        if gold_claim.get("anonymous"):
            return (
                bool(set(norm(actor.get("name")).split()) & set(norm(gold_claim["speaker"]).split()))
                or actor.get("type") == "group"
            )
        return False

    def note(
        self,
        section: str,
        system: list,
        gold: list,
        good: list[tuple[int, int]],
        describe_s: Callable[[dict], str],
        describe_g: Callable[[dict], str],
    ) -> None:
        """What a section got wrong in this article: gold items missed (optional ones
        excepted) and system items that matched nothing, when misses are collected."""
        if self.misses is None:
            return
        optional, found_s, found_g = _optional(gold), {i for i, _ in good}, {j for _, j in good}
        self.misses.missed[section] = [
            describe_g(g) for j, g in enumerate(gold) if j not in found_g and j not in optional
        ]
        self.misses.wrong[section] = [describe_s(s) for i, s in enumerate(system) if i not in found_s]


Scorer = Callable[[ArticleScoring], None]
SCORERS: dict[str, tuple[tuple[str, ...], Scorer]] = {}
"""How each brief section is scored, by section name (as in ``generator.core.model.SECTIONS``):
the tallies the scorer adds to, and the scorer."""


def scorer(section: str, *tallies: str) -> Callable[[Scorer], Scorer]:
    """Register how ``section`` is scored and the tallies it reports (default: the
    section's name), the way extractor components are registered."""

    def register(function: Scorer) -> Scorer:
        SCORERS[section] = (tallies or (section,), function)
        return function

    return register


def scored_sections() -> list[str]:
    """The sections that have a scorer, in section order."""
    return [name for name in SECTIONS if name in SCORERS] + [name for name in SCORERS if name not in SECTIONS]


def tally_names() -> tuple[str, ...]:
    """Every tally, in section order, then ``kind``."""
    return (*[tally for name in scored_sections() for tally in SCORERS[name][0]], "kind")


@scorer("actors")
def score_actors(run: ArticleScoring) -> None:
    # An anonymous source is listed only so a claim can name it: neither right nor wrong as an actor.
    actors = [a for a in run.actors_by_id.values() if not a.get("anonymous")]
    gold_actors = run.gold.get("actors") or []
    matched = pair_greedily(actors, gold_actors, lambda s, g: float(same_actor(s, g)))
    run.tallies["actors"].add(*_counts(matched, actors, gold_actors))
    optional = _optional(gold_actors)
    run.judge("actors", actors, {i for i, j in matched if j not in optional}, {i for i, j in matched if j in optional})
    describe = lambda a: f"{a.get('name')} ({a.get('type')})"  # noqa: E731
    run.note("actors", actors, gold_actors, matched, describe, describe)


@scorer("claims", "claims_found", "claims_attributed")
def score_claims(run: ArticleScoring) -> None:
    def claim_score(s: dict, g: dict) -> float:
        evidence = s.get("evidence") or s.get("text") or ""
        j = overlap(evidence, g.get("sentence"))
        j = max(j, 0.75) if contains(evidence, g.get("sentence")) else j
        if j < 0.5:
            return 0
        return j + 0.1 * overlap(s.get("text"), g.get("gist")) + (0.5 if run.speaker_ok(s.get("speaker"), g) else 0)

    claims, gold_claims = run.items("claims")
    matched = pair_greedily(claims, gold_claims, claim_score)
    run.tallies["claims_found"].add(*_counts(matched, claims, gold_claims))
    good = [(i, j) for i, j in matched if run.speaker_ok(claims[i].get("speaker"), gold_claims[j])]
    tp, n_system, n_gold = _counts(good, claims, gold_claims)
    optional = _optional(gold_claims)
    wrong_on_optional = sum(1 for i, j in matched if j in optional and (i, j) not in good)
    # Granularity is neutral: a claim over a whole quotation against one per sentence (or the
    # reverse) scores its first pair; the rest, inside a matched span with the right speaker, count neither way.
    good_s, good_g = {i for i, _ in good}, {j for _, j in good}
    spare = {
        i
        for i, c in enumerate(claims)
        if i not in good_s
        and any(
            contains_in(c.get("evidence") or c.get("text"), gold_claims[j].get("sentence"))
            and run.speaker_ok(c.get("speaker"), gold_claims[j])
            for j in good_g
        )
    }
    spare_s = len(spare)
    spare_g = sum(
        1
        for j, g in enumerate(gold_claims)
        if j not in good_g
        and j not in optional
        and any(
            contains_in(g.get("sentence"), claims[i].get("evidence") or claims[i].get("text"))
            and run.speaker_ok(claims[i].get("speaker"), g)
            for i in good_s
        )
    )
    run.tallies["claims_attributed"].add(tp, n_system - wrong_on_optional - spare_s, n_gold - spare_g)
    run.judge(
        "claims", claims, {i for i, j in good if j not in optional}, spare | {i for i, j in matched if j in optional}
    )
    speaker_name = lambda c: (run.actors_by_id.get(c.get("speaker")) or {}).get("name")  # noqa: E731
    run.note(
        "claims",
        claims,
        gold_claims,
        good,
        lambda c: f"[{speaker_name(c)}] {c.get('evidence')}",
        lambda g: f"[{g.get('speaker')}] {g.get('sentence')}",
    )


@scorer("figures", "figures_exact", "figure_measures_overlap")
def score_figures(run: ArticleScoring) -> None:
    def figure_score(s: dict, g: dict) -> float:
        if not any(abs(a - b) <= 0.01 * max(abs(b), 1) for a in _values(s) for b in _values(g)):
            return 0
        t = overlap(s.get("text"), g.get("text")) + (0.5 if contains(s.get("text"), g.get("text")) else 0)
        return 0.5 + t + (0.25 if same_unit(s, g) else 0)

    figures, gold_figures = run.items("figures")
    matched = pair_greedily(figures, gold_figures, figure_score)
    exact = [(i, j) for i, j in matched if same_unit(figures[i], gold_figures[j])]
    tp, n_system, n_gold = _counts(exact, figures, gold_figures)
    wrong_on_optional = sum(1 for i, j in matched if j in _optional(gold_figures) and (i, j) not in exact)
    run.tallies["figures_exact"].add(tp, n_system - wrong_on_optional, n_gold)
    optional = _optional(gold_figures)
    run.judge("figures", figures, {i for i, j in exact if j not in optional}, {i for i, j in matched if j in optional})
    # What a reader sees of a matched figure: `measures` that say what is measured.
    says = sum(overlap(figures[i].get("measures"), gold_figures[j].get("measures")) > 0.2 for i, j in matched)
    run.tallies["figure_measures_overlap"].add(says, len(matched), len(matched))
    run.note(
        "figures",
        figures,
        gold_figures,
        exact,
        lambda f: f"{f.get('text')} = {f.get('value')} {f.get('unit')}{'/' + f['per'] if f.get('per') else ''}",
        lambda f: f"{f.get('text')} = {f.get('value')} {f.get('unit')}",
    )


@scorer("scenarios", "scenarios", "scenario_title_overlap", "scenario_proposer_acc")
def score_scenarios(run: ArticleScoring) -> None:
    def scenario_score(s: dict, g: dict) -> float:
        evidence = s.get("evidence") or s.get("text") or ""
        j = max(
            max(overlap(evidence, t), 0.75 if contains(evidence, t) else 0)
            for t in [g.get("sentence"), *(g.get("other_sentences") or [])]
        )
        if j >= 0.4:
            return j
        t = overlap(s.get("title"), g.get("title"))
        return t if t >= 0.5 else 0

    scenarios, gold_scenarios = run.items("scenarios")
    matched = pair_greedily(scenarios, gold_scenarios, scenario_score)
    run.tallies["scenarios"].add(*_counts(matched, scenarios, gold_scenarios))
    optional = _optional(gold_scenarios)
    run.judge(
        "scenarios", scenarios, {i for i, j in matched if j not in optional}, {i for i, j in matched if j in optional}
    )
    # What a reader sees of a matched scenario: a title that says the outcome, the right proposer.
    titled = sum(overlap(scenarios[i].get("title"), gold_scenarios[j].get("title")) >= 0.25 for i, j in matched)
    run.tallies["scenario_title_overlap"].add(titled, len(matched), len(matched))
    proposer = sum(
        run.speaker_ok(scenarios[i].get("proposed_by"), {"speaker": gold_scenarios[j].get("proposed_by")})
        for i, j in matched
    )
    run.tallies["scenario_proposer_acc"].add(proposer, len(matched), len(matched))
    run.note(
        "scenarios",
        scenarios,
        gold_scenarios,
        matched,
        lambda s: f"{s.get('title')} | {s.get('evidence')}",
        lambda g: f"{g.get('title')} | {g.get('sentence')}",
    )


def score_article(
    brief: dict,
    gold: dict,
    tallies: dict[str, Tally],
    misses: Misses | None = None,
    by_confidence: dict[str, dict[str, Tally]] | None = None,
) -> None:
    """Add one article's counts to ``tallies`` (and what went wrong to ``misses``), in the
    terms of ``shared/eval/score.py``: every registered section's scorer, then the kind.
    With ``by_confidence``, each system item is also counted right or wrong by its level."""
    run = ArticleScoring(brief, gold, tallies, misses, by_confidence)
    for name in scored_sections():
        for tally in SCORERS[name][0]:
            tallies.setdefault(tally, Tally(accuracy=tally in ACCURACY_LINES))
        SCORERS[name][1](run)
    if gold.get("kind"):
        tallies["kind"].add(int(brief.get("kind") == gold["kind"]), 1, 1)
        if misses is not None and brief.get("kind") != gold["kind"]:
            misses.missed["kind"] = [f"{gold['kind']} (brief says {brief.get('kind')})"]


def load_briefs(briefs_dir: Path) -> dict[str, dict]:
    """Briefs keyed by their article's file name, as plain data; a file that is not a
    brief (or not YAML) is passed over, as the project scorer does."""
    briefs: dict[str, dict] = {}
    for path in sorted(briefs_dir.rglob("*.y*ml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError):
            continue
        if isinstance(data, dict) and isinstance(data.get("source"), dict) and data["source"].get("file"):
            briefs[Path(data["source"]["file"]).name] = data
    return briefs


def evaluate(
    briefs_dir: Path,
    gold_dir: Path,
    misses: list[Misses] | None = None,
    by_confidence: dict[str, dict[str, Tally]] | None = None,
) -> tuple[dict[str, Tally], list[str]]:
    """Score every gold file against the brief whose ``source.file`` has its article's name."""
    return evaluate_briefs(load_briefs(briefs_dir), gold_dir, misses, by_confidence)


def evaluate_briefs(
    briefs: dict[str, dict],
    gold_dir: Path,
    misses: list[Misses] | None = None,
    by_confidence: dict[str, dict[str, Tally]] | None = None,
) -> tuple[dict[str, Tally], list[str]]:
    """Score briefs given as data, keyed by article file name (for comparing other extractors).
    With ``misses``, what each article got wrong is appended to it."""
    tallies = {k: Tally(accuracy=k in ACCURACY_LINES) for k in tally_names()}
    missing = []
    for path in sorted(gold_dir.glob("*.yml")):
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(gold, dict) or "article" not in gold:
            continue
        if gold["article"] not in briefs:
            missing.append(gold["article"])
        article_misses = Misses(gold["article"]) if misses is not None else None
        score_article(briefs.get(gold["article"], {}), gold, tallies, article_misses, by_confidence)
        if misses is not None and article_misses is not None:
            misses.append(article_misses)
    return tallies, missing
