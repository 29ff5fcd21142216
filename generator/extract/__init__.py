"""Extract: one article and its parsed doc → one brief. Each section has its own
module; this one only wires them together in the order they depend on."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc

from ..ingest import Article
from ..model import Brief, Figure, Source
from .actors import find_actors
from .claims import find_claims
from .figures import find_figures
from .judgments import assign_topics, classify_kind, summarize
from .scenarios import find_scenarios

EXTRACTOR_VERSION = "0.5.3"


def _attribute_figures(figures: list[Figure], claims) -> None:
    """A figure in a claim's evidence is stated by that claim's speaker."""
    for figure in figures:
        for claim in claims:
            if figure.evidence in claim.evidence and claim.speaker:
                figure.stated_by = claim.speaker
                break


def extract_brief(article: Article, doc: Doc, topics: Iterable[tuple[str, list[str]]] = (),
                  registry: dict[str, tuple[str, str]] | None = None) -> Brief:
    """Condense one parsed article into a brief."""
    actors = find_actors(doc, registry)
    claims = find_claims(doc, actors)
    figures = find_figures(doc)
    _attribute_figures(figures, claims)
    scenarios = find_scenarios(doc, actors, claims)
    return Brief(
        id=article.id,
        title=article.title,
        source=Source(file=article.file, sha256=article.sha256, outlet=article.outlet, url=article.url,
                      published=article.published, author=article.author),
        extractor=EXTRACTOR_VERSION,
        kind=classify_kind(doc),
        summary=summarize(doc, article.title),
        topics=assign_topics(article.body, topics),
        actors=actors.actors(),
        claims=claims,
        figures=figures,
        scenarios=scenarios,
    )
