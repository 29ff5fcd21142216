"""The extractor components, one per brief section, registered by name the way spaCy
registers pipeline components. :func:`generator.extract.extractor.extract_brief` runs them in the
order of :data:`generator.core.model.SECTIONS`, so a section declared there and a component
registered here is all a new kind of item needs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc

if TYPE_CHECKING:
    from generator.extract.actors import ActorIndex


@dataclass
class Extraction:
    """What the components share while one article is extracted: the parsed doc, the one
    actor index the components hand their mentions to (through :mod:`.mentions`, the only
    place besides the actor finder that adds actors), and the items of the sections
    extracted so far, by section name."""

    doc: Doc
    actors: ActorIndex
    found: dict[str, list[Any]] = field(default_factory=dict)


Component = Callable[[Extraction], list[Any]]
COMPONENTS: dict[str, Component] = {}


def component(section: str) -> Callable[[Component], Component]:
    """Register the function that fills ``section`` (a decorator)."""

    def register(function: Component) -> Component:
        COMPONENTS[section] = function
        return function

    return register
