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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

STOP = {"the", "a", "an", "of", "s", "'s"}
VARIANTS = (("kiev", "kyiv"), ("zelenskyy", "zelensky"), ("zelenskiy", "zelensky"))
UNIT_SYNONYMS = {"%": "percent", "pct": "percent", "per cent": "percent", "percentage": "percent",
                 "dollars": "usd", "dollar": "usd", "pounds": "gbp", "euros": "eur", "euro": "eur"}


def norm(text: Any) -> str:
    text = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode().lower()
    return " ".join(w for w in re.sub(r"[^a-z0-9 ]+", " ", text).split() if w not in STOP)


def overlap(a: Any, b: Any) -> float:
    """Jaccard overlap of normalized word sets."""
    x, y = set(norm(a).split()), set(norm(b).split())
    return len(x & y) / len(x | y) if x and y else 0.0


def contains(a: Any, b: Any) -> bool:
    x, y = norm(a), norm(b)
    return bool(x and y) and (x in y or y in x)


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


def pair_greedily(system: list, gold: list, score: Callable[[Any, Any], float]) -> list[tuple[int, int]]:
    pairs = sorted(((v, i, j) for i, s in enumerate(system) for j, g in enumerate(gold) if (v := score(s, g)) > 0),
                   reverse=True)
    used_s, used_g, out = set(), set(), []
    for _, i, j in pairs:
        if i not in used_s and j not in used_g:
            used_s.add(i)
            used_g.add(j)
            out.append((i, j))
    return out


@dataclass
class Tally:
    tp: int = 0
    system: int = 0
    gold: int = 0

    def add(self, tp: int, system: int, gold: int) -> None:
        self.tp, self.system, self.gold = self.tp + tp, self.system + system, self.gold + gold

    def scores(self) -> tuple[float, float, float]:
        p = self.tp / self.system if self.system else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _unit(u: Any) -> str:
    u = norm(u)
    u = UNIT_SYNONYMS.get(u, u)
    return u[:-1] if u.endswith("s") and len(u) > 3 and u != "usd" else u


def _values(item: dict, key: str = "value") -> list[float]:
    raw = item.get(key)
    out = []
    for v in raw if isinstance(raw, list) else [raw, item.get("value_max")]:
        try:
            out.append(float(v))
        except (TypeError, ValueError):
            continue
    return out


def _counts(good: list[tuple[int, int]], matched: list[tuple[int, int]], system: list, gold: list) -> tuple[int, int, int]:
    """(tp, system, gold) where gold items marked ``optional`` neither reward nor punish."""
    optional = {j for j, g in enumerate(gold) if isinstance(g, dict) and g.get("optional")}
    tp = sum(1 for _, j in good if j not in optional)
    return tp, len(system) - sum(1 for _, j in matched if j in optional), len(gold) - len(optional)


def score_article(brief: dict, gold: dict, tallies: dict[str, Tally]) -> None:
    """Add one article's counts to ``tallies``."""
    actors, gold_actors = brief.get("actors") or [], gold.get("actors") or []
    matched = pair_greedily(actors, gold_actors, lambda s, g: float(same_actor(s, g)))
    tallies["actors"].add(*_counts(matched, matched, actors, gold_actors))
    by_id = {a.get("id"): a for a in actors}

    def gold_actor(name: str) -> dict:
        return next((g for g in gold_actors if norm(name) in _names(g)), {"name": name})

    def speaker_ok(claim: dict, gold_claim: dict) -> bool:
        if gold_claim.get("speaker") is None:
            return claim.get("speaker") is None
        actor = by_id.get(claim.get("speaker"))
        return actor is not None and any(same_actor(actor, gold_actor(n)) for n in
                                         [gold_claim["speaker"], *(gold_claim.get("alt_speakers") or [])])

    def claim_score(s: dict, g: dict) -> float:
        j = overlap(s.get("evidence"), g.get("sentence"))
        j = max(j, 0.75) if contains(s.get("evidence"), g.get("sentence")) else j
        return j + 0.1 * overlap(s.get("text"), g.get("gist")) if j >= 0.5 else 0

    claims, gold_claims = brief.get("claims") or [], gold.get("claims") or []
    matched = pair_greedily(claims, gold_claims, claim_score)
    tallies["claims_found"].add(*_counts(matched, matched, claims, gold_claims))
    good = [(i, j) for i, j in matched if speaker_ok(claims[i], gold_claims[j])]
    tallies["claims_attributed"].add(*_counts(good, matched, claims, gold_claims))

    def figure_score(s: dict, g: dict) -> float:
        if not any(abs(a - b) <= 0.01 * max(abs(b), 1) for a in _values(s) for b in _values(g)):
            return 0
        return 0.5 + overlap(s.get("text"), g.get("text")) + (0.5 if contains(s.get("text"), g.get("text")) else 0)

    figures, gold_figures = brief.get("figures") or [], gold.get("figures") or []
    matched = pair_greedily(figures, gold_figures, figure_score)
    exact = [(i, j) for i, j in matched if _unit(figures[i].get("unit")) == _unit(gold_figures[j].get("unit"))
             and norm(figures[i].get("per")) == norm(gold_figures[j].get("per"))]
    tallies["figures_exact"].add(*_counts(exact, matched, figures, gold_figures))

    def scenario_score(s: dict, g: dict) -> float:
        j = max(max(overlap(s.get("evidence"), t), 0.75 if contains(s.get("evidence"), t) else 0)
                for t in [g.get("sentence"), *(g.get("other_sentences") or [])])
        if j >= 0.4:
            return j
        t = overlap(s.get("title"), g.get("title"))
        return t if t >= 0.5 else 0

    scenarios, gold_scenarios = brief.get("scenarios") or [], gold.get("scenarios") or []
    matched = pair_greedily(scenarios, gold_scenarios, scenario_score)
    tallies["scenarios"].add(*_counts(matched, matched, scenarios, gold_scenarios))
    if gold.get("kind"):
        tallies["kind"].add(int(brief.get("kind") == gold["kind"]), 1, 1)


def load_briefs(briefs_dir: Path) -> dict[str, dict]:
    """Briefs keyed by their article's file name, as plain data."""
    briefs: dict[str, dict] = {}
    for path in sorted(briefs_dir.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and isinstance(data.get("source"), dict) and data["source"].get("file"):
            briefs[Path(data["source"]["file"]).name] = data
    return briefs


def evaluate(briefs_dir: Path, gold_dir: Path) -> tuple[dict[str, Tally], list[str]]:
    """Score every gold file against the brief whose ``source.file`` has its article's name."""
    return evaluate_briefs(load_briefs(briefs_dir), gold_dir)


def evaluate_briefs(briefs: dict[str, dict], gold_dir: Path) -> tuple[dict[str, Tally], list[str]]:
    """Score briefs given as data, keyed by article file name (for comparing other extractors)."""
    tallies = {k: Tally() for k in ("actors", "claims_found", "claims_attributed", "figures_exact", "scenarios", "kind")}
    missing = []
    for path in sorted(gold_dir.glob("*.yml")):
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(gold, dict) or "article" not in gold:
            continue
        if gold["article"] not in briefs:
            missing.append(gold["article"])
        score_article(briefs.get(gold["article"], {}), gold, tallies)
    return tallies, missing
