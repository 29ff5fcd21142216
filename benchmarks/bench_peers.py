"""Extraction quality side by side: our extractor against three well-known peers,
on the same gold, scored the same way (`digest eval`, the terms of shared/eval/score.py).

    pip install -e ".[bench]"
    python benchmarks/bench_peers.py [GOLD_SET ...]

Peers, each given the section it is built for:
- spaCy NER alone (the same English pipeline, no rules): actors;
- textacy's direct_quotations: claims with their speakers;
- quantulum3: figures with value, unit and rate.
None of them finds scenarios. Gold sets: the seeds (../shared/gold), the ten real
articles of the development set (../shared/dev), and the articles written for the
tests (tests/data/unseen); all three by default.
"""

from __future__ import annotations

import sys
from pathlib import Path

import spacy

from generator.articles.ingest import read_article
from generator.core.slugs import slugify
from generator.evaluate.score import evaluate_briefs
from generator.extract.extractor import extract_brief
from generator.extract.nlp import load_pipeline, resolve_model

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
GOLD_SETS = {
    "seed": (ROOT / "content" / "articles", SHARED / "gold"),
    "dev": (SHARED / "dev" / "articles", SHARED / "dev" / "gold"),
    "dev2": (SHARED / "dev2" / "articles", SHARED / "dev2" / "gold"),  # the second half, kept apart
    "unseen": (ROOT / "tests" / "data" / "unseen" / "articles", ROOT / "tests" / "data" / "unseen" / "gold"),
}
SECTIONS = ("actors", "claims_attributed", "figures_exact", "scenarios", "kind")
PEER_SECTIONS = {"spaCy NER": ("actors",), "textacy": ("actors", "claims_attributed"), "quantulum3": ("figures_exact",)}
NER_TYPES = {"PERSON": "person", "ORG": "organization", "GPE": "country", "NORP": "group"}


def spacy_ner_brief(doc) -> dict:
    """Actors as spaCy's NER alone sees them: one per distinct entity text."""
    actors: dict[str, dict] = {}
    for ent in doc.ents:
        if ent.label_ in NER_TYPES and slugify(ent.text):
            actors.setdefault(ent.text, {"id": slugify(ent.text), "name": ent.text, "type": NER_TYPES[ent.label_]})
    return {"actors": list(actors.values())}


def textacy_brief(doc) -> dict:
    """Claims from textacy's direct quotations; the speaker becomes an actor."""
    from textacy.extract.triples import direct_quotations

    actors: dict[str, dict] = {}
    claims = []
    try:
        quotes = list(direct_quotations(doc))
    except ValueError:  # textacy gives up on a document with an unbalanced quotation mark
        quotes = []
    for quote in quotes:
        speaker = " ".join(t.text for t in quote.speaker)
        actors.setdefault(speaker, {"id": slugify(speaker) or "x", "name": speaker, "type": "person"})
        sentence = doc[quote.content[0].i].sent
        evidence = doc.text[min(sentence.start_char, quote.speaker[0].idx) : sentence.end_char]
        claims.append(
            {
                "speaker": actors[speaker]["id"],
                "text": " ".join(t.text for t in quote.content),
                "evidence": evidence,
                "quote": True,
            }
        )
    return {"actors": list(actors.values()), "claims": claims}


def quantulum_brief(text: str) -> dict:
    """Figures from quantulum3, its unit mapped to ISO codes and percent."""
    from quantulum3 import classifier, parser

    classifier.USE_CLF = False  # its pickled classifier does not load with current scikit-learn
    figures = []
    for quantity in parser.parse(text):
        unit = quantity.unit
        code = getattr(unit, "currency_code", None)
        name = unit.name
        unit_text = code or ("percent" if "percent" in name else None if name == "dimensionless" else name)
        figures.append({"text": quantity.surface, "value": quantity.value, "unit": unit_text, "per": None})
    return {"figures": figures}


def run(gold_set: str) -> dict[str, dict[str, float]]:
    articles, gold = GOLD_SETS[gold_set]
    nlp = load_pipeline()
    plain = spacy.load(resolve_model(None))
    systems: dict[str, dict[str, dict]] = {"briefing-digest": {}, "spaCy NER": {}, "textacy": {}, "quantulum3": {}}
    for path in sorted(articles.glob("*.txt")):
        article = read_article(path, path.parent)
        brief = extract_brief(article, nlp(article.body)).model_dump(mode="json")
        systems["briefing-digest"][path.name] = brief
        plain_doc = plain(article.body)
        systems["spaCy NER"][path.name] = spacy_ner_brief(plain_doc)
        systems["textacy"][path.name] = textacy_brief(plain_doc)
        systems["quantulum3"][path.name] = quantulum_brief(article.body)
    table = {}
    levels: dict = {}
    evaluate_briefs(systems["briefing-digest"], gold, by_confidence=levels)
    table["precision by confidence"] = levels
    for name, briefs in systems.items():
        tallies, _ = evaluate_briefs(briefs, gold)
        table[name] = {
            section: tallies[section].scores()[2 if section != "kind" else 0]
            if name == "briefing-digest" or section in PEER_SECTIONS.get(name, ())
            else None
            for section in SECTIONS
        }
    return table


def main(argv: list[str]) -> None:
    for gold_set in argv or list(GOLD_SETS):
        table = run(gold_set)
        print(f"\nF1 on the {gold_set} gold")
        print(f"{'system':18}" + "".join(f"{s:>19}" for s in SECTIONS))
        levels = table.pop("precision by confidence")
        for name, scores in table.items():
            print(f"{name:18}" + "".join(f"{'–':>19}" if scores[s] is None else f"{scores[s]:19.3f}" for s in SECTIONS))
        print(f"briefing-digest precision by confidence on the {gold_set} gold (right / items)")
        for section, by_level in levels.items():
            print(
                f"  {section:10}"
                + "".join(
                    f"  {level} {t.tp}/{t.system} = {t.tp / t.system:.3f}"
                    for level, t in sorted(by_level.items())
                    if t.system
                )
            )


if __name__ == "__main__":
    main(sys.argv[1:])
