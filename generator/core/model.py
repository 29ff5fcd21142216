"""The brief and the registries: one set of pydantic models for validation,
error messages, the JSON Schema editors use, and the templates.

Field names and meanings follow ``brief-format.md``; fields may be added.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, Literal
from urllib.parse import quote, urlsplit, urlunsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    FiniteFloat,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    WithJsonSchema,
    model_validator,
)
from pydantic import HttpUrl as PydanticHttpUrl
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError

from generator.core.errors import CROSS_REFERENCES, Location, location_text
from generator.core.slugs import is_reserved

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]{0,119}$"
ITEM_ID_PATTERN = r"^[a-z][a-z0-9-]{0,63}$"


def _not_reserved(value: str) -> str:
    if is_reserved(value):
        raise ValueError(f"{value!r} is reserved for the site's own listing pages; choose another id")
    return value


Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN), AfterValidator(_not_reserved)]
"""An id that is also a page name, wherever it stands (an actor's id or a reference to it):
[a-z0-9-], never a reserved name, so it can never climb out of its folder ("../x")."""
FLAG_SPELLINGS = {
    "true": True,
    "false": False,
    "yes": True,
    "no": False,
    "on": True,
    "off": False,
    "1": True,
    "0": False,
}
"""How a yes/no field may be written. YAML 1.2 (the round-trip loader) reads only
true/false as booleans; editors also write yes/no, on/off and 1/0, which YAML 1.1 tools
read as booleans. Each means the same here, everywhere a flag is read (model and merge)."""


def parse_flag(value: Any) -> bool:
    """A yes/no field's meaning, whatever accepted spelling it has; anything else is an error."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, str)) and str(value).strip().lower() in FLAG_SPELLINGS:
        return FLAG_SPELLINGS[str(value).strip().lower()]
    raise PydanticCustomError(
        "flag", "write true or false (also accepted: yes/no, on/off, 1/0), not {value!r}", {"value": value}
    )


def flag_is_set(value: Any) -> bool:
    """True when a yes/no field is written as yes in any accepted spelling (an invalid one: no)."""
    try:
        return parse_flag(value)
    except PydanticCustomError:
        return False


Flag = Annotated[
    bool,
    BeforeValidator(parse_flag),
    WithJsonSchema({"anyOf": [{"type": "boolean"}, {"enum": sorted(FLAG_SPELLINGS)}, {"enum": [0, 1]}]}),
]
"""A yes/no field: true or false, or one of the other spellings in FLAG_SPELLINGS."""
Kind = Literal["report", "opinion", "analysis"]
Confidence = Literal["high", "medium", "low"]
CONFIDENCE_DESCRIPTION = (
    "How sure the extractor is of this item, from the rule that found it: high, medium or low (the README gives "
    "each level's measured precision). Key points and headline figures use only high; low items are marked on "
    "pages. Null for an item written by hand."
)
ActorType = Literal["person", "organization", "country", "media", "group"]
Rate = Literal["day", "week", "month", "year"]


class StrictModel(BaseModel):
    """Unknown keys are errors: a typo in a hand-edited field must not vanish silently."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)


# Characters a URL keeps as they are; every other one is percent-encoded. Left out on
# purpose: the ones that start Markdown or HTML structure ([ ] ( ) ! * ` { } < > " ' \\ |),
# so a URL can sit in an href inside Markdown and never become a link, image or tag.
_URL_SAFE = "/:@-._~$&+,;=%"


def normalise_http_url(url: str) -> str:
    """A URL as it may reach a page: one line, scheme http or https, a host, parsed by
    pydantic's WHATWG URL parser (the Rust ``url`` crate), then re-encoded so that path,
    query and fragment hold no character that Markdown or HTML could act on."""
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        raise ValueError("url must be one line, without spaces or control characters")
    try:
        parsed = _HTTP_URL.validate_python(url)
    except ValidationError as exc:
        raise ValueError(f"must be an http(s) URL ({exc.errors()[0]['msg']})") from None
    if parsed.username or parsed.password:
        raise ValueError("url must not carry a user name or password")
    parts = urlsplit(str(parsed))
    return urlunsplit(
        (
            parts.scheme,
            parts.netloc,
            quote(parts.path or "/", safe=_URL_SAFE),
            quote(parts.query, safe=_URL_SAFE + "?"),
            quote(parts.fragment, safe=_URL_SAFE + "?"),
        )
    )


def _http_url_or_none(url: str | None) -> str | None:
    return None if url is None else normalise_http_url(url)


_HTTP_URL = TypeAdapter(PydanticHttpUrl)

HttpUrl = Annotated[
    str | None,
    AfterValidator(_http_url_or_none),
    Field(json_schema_extra={"format": "uri", "pattern": r"^[Hh][Tt][Tt][Pp][Ss]?://[^\\s]+$"}),
]
"""An http(s) link (checked and re-encoded by :func:`normalise_http_url`): the one rule for
every URL the digest accepts, in briefs, registries and front matter."""


NamedActors = Annotated[
    list[Slug] | None,
    Field(
        description=(
            "Actor ids of the actors the item names (besides who states it), judged by the extractor; edit to "
            "correct. Null: the site judges from the actors' names."
        )
    ),
]
"""An item's ``about``: a judgment stored so editors can correct it (see :mod:`generator.core.relevance`)."""
ItemTopics = Annotated[
    list[Slug] | None,
    Field(
        description=(
            "Topic ids the item is on, judged by the extractor from the terms of the brief's topics; edit to "
            "correct. The item is listed on a topic's page when its brief is on the topic too. Null: the site "
            "judges from the terms."
        )
    ),
]
"""An item's ``topics``: a judgment stored so editors can correct it (see :mod:`generator.core.relevance`)."""


class Source(StrictModel):
    file: str = Field(description="Path of the article, relative to the project root.")
    sha256: str = Field(
        pattern=r"^[0-9a-f]{64}$", description="sha256 of the article text the brief was extracted from."
    )
    outlet: str | None = Field(default=None, description="Outlet id or name; null when unknown.")
    url: HttpUrl = Field(default=None, description="Link to the original article (http or https only).")
    published: dt.date | None = Field(default=None, description="ISO date of publication, when known.")
    author: str | None = None


class Actor(StrictModel):
    id: Slug = Field(description="The same id on every brief and on the actor's page.")
    name: str = Field(min_length=1)
    type: ActorType
    role: str | None = Field(default=None, description="The role as the article states it, else null.")
    aliases: list[str] = Field(default_factory=list, description="Surface forms in this article.")
    mentions: int = Field(default=0, ge=0)
    anonymous: Flag = Field(
        default=False,
        description="An unnamed source listed only so a claim can name it "
        '("two people familiar with the talks"): no actor page.',
    )
    confidence: Confidence | None = Field(default=None, description=CONFIDENCE_DESCRIPTION)


class Claim(StrictModel):
    id: str = Field(pattern=ITEM_ID_PATTERN, description="Stable id derived from the content.")
    speaker: Slug | None = Field(default=None, description="Actor id of who said it, or null when unattributed.")
    via: Slug | None = Field(default=None, description="Actor id of the outlet or person relaying it.")
    quote: Flag = Field(default=False, description="True when the words stand in quotation marks.")
    verb: str | None = Field(default=None, description="The reporting verb or phrase.")
    text: str = Field(min_length=1, description="What was claimed.")
    evidence: str = Field(min_length=1, description="The verbatim sentence of the article.")
    about: NamedActors = None
    confidence: Confidence | None = Field(default=None, description=CONFIDENCE_DESCRIPTION)
    topics: ItemTopics = None


class Figure(StrictModel):
    id: str = Field(pattern=ITEM_ID_PATTERN)
    text: str = Field(min_length=1, description="The figure as written.")
    value: FiniteFloat = Field(
        description="Normalized number; a range has value_max too (finite: never "
        "NaN or infinity, which no page, JSON or spreadsheet can hold)."
    )
    value_max: FiniteFloat | None = None
    unit: str | None = Field(default=None, description="ISO 4217 code, percent, or a plural noun.")
    per: Rate | None = Field(default=None, description="For rates: day, week, month or year.")
    approx: Flag = False
    measures: str | None = Field(default=None, description="What the figure measures.")
    stated_by: Slug | None = Field(default=None, description="Actor id of who states it.")
    equals: str | None = Field(default=None, description="Id of the same amount in another unit.")
    evidence: str = Field(min_length=1)
    confidence: Confidence | None = Field(default=None, description=CONFIDENCE_DESCRIPTION)
    topics: ItemTopics = None


class Scenario(StrictModel):
    id: str = Field(pattern=ITEM_ID_PATTERN)
    title: str = Field(min_length=1)
    text: str = Field(min_length=1)
    proposed_by: Slug | None = None
    stance: str | None = Field(default=None, description="The judgment the article gives it, else null.")
    evidence: str = Field(min_length=1)
    about: NamedActors = None
    confidence: Confidence | None = Field(default=None, description=CONFIDENCE_DESCRIPTION)
    topics: ItemTopics = None


class Brief(StrictModel):
    """One article condensed: the contract between extractor, editors and templates."""

    def shown_date(self) -> tuple[dt.date | None, str]:
        """The date a reader is shown and what it is: the article's own ("published"),
        else the day it entered the digest ("added"), else none."""
        if self.source.published:
            return self.source.published, "published"
        return (self.ingested, "added") if self.ingested else (None, "")

    id: Slug = Field(description="Slug, unique, equals the file name.")
    title: str = Field(min_length=1)
    source: Source
    extractor: str | None = Field(default=None, description="Version of the extractor that wrote the brief.")
    reviewed: Flag = Field(
        default=False,
        description=(
            "true once an editor has checked the brief against its article. Machine briefs are false and labelled "
            "'unreviewed' on every page that cites them. Re-extraction never sets it; it sets it back to false when "
            "it adds or changes machine items in a reviewed brief."
        ),
    )
    ingested: dt.date | None = Field(
        default=None,
        description=(
            "The day the article entered the digest: written at its first extraction and never changed, so "
            'every build shows the same date. Pages show it ("added 1 December 2026") when the article '
            'gives no date of its own (source.published), and "What\'s new" follows it.'
        ),
    )
    kind: Kind = "report"
    summary: str = ""
    topics: list[Slug] = Field(default_factory=list)
    # The list sections (actors, claims, figures, scenarios, and any registered later) and
    # ``deleted`` are attached from SECTIONS by register_section(), below.
    if TYPE_CHECKING:  # what register_section() attaches for the package's own sections, told to the type checker
        actors: list[Actor]
        claims: list[Claim]
        figures: list[Figure]
        scenarios: list[Scenario]
        deleted: dict[str, list[str]]

    @model_validator(mode="after")
    def _references_resolve(self) -> Brief:
        """Every actor id used by an item is listed under ``actors``, and no two items
        of a section share an id. All problems are raised together, one per line."""
        problems = Brief.cross_problems(self.model_dump())
        if problems:
            raise PydanticCustomError(
                CROSS_REFERENCES, "\n".join(f"{location_text(loc)}: {message}" for loc, message in problems)
            )
        return self

    @staticmethod
    def cross_problems(data: dict) -> list[tuple[Location, str]]:
        """Reference and duplicate-id problems of brief data, each with its location
        (``("claims", 2, "speaker")``). Works on raw data too, so they are reported even
        when a field is invalid."""

        def items(section: str) -> list[dict]:
            value = data.get(section)
            return [i for i in value if isinstance(i, dict)] if isinstance(value, list) else []

        known = [str(a.get("id")) for a in items(ACTORS)]
        problems: list[tuple[Location, str]] = []
        for section in SECTIONS:
            seen: set = set()
            for index, item in enumerate(items(section)):
                if item.get("id") in seen:
                    problems.append(((section, index, "id"), f"duplicate id {item.get('id')!r}"))
                seen.add(item.get("id"))
        for section, spec in SECTIONS.items():
            for index, item in enumerate(items(section)):
                for where, ref in spec.actor_ids(item):
                    if str(ref) not in known:
                        problems.append(
                            ((section, index, *where), f"unknown actor {ref!r}{did_you_mean(str(ref), known)}")
                        )
        return problems


@dataclass(frozen=True)
class SectionSpec:
    """One list section of a brief, declared once. Everything that handles sections loops
    over :data:`SECTIONS`: the Brief model and its JSON Schema (the field and ``deleted``),
    the merge that keeps hand edits, ``digest check`` (ids, actor references, evidence),
    exports, and the brief page (``templates/sections/<name>.md.j2``, else a generic list).
    The extractor component that fills it is registered under the same name in
    :mod:`generator.extract.components`, and how it is scored against gold in
    :mod:`generator.evaluate.score` (``@scorer``)."""

    name: str
    item: type[StrictModel]
    description: str
    references: tuple[str, ...] = ()
    """Fields of an item that hold actor ids: they must resolve, and deleting the actor
    deletes the items that point at it."""
    mentions: tuple[str, ...] = ()
    """Fields of an item that hold lists of actor ids (the actors it names): they must
    resolve, and deleting an actor takes it off these lists, never the item."""
    heading: str = ""

    def actor_ids(self, item: dict) -> list[tuple[tuple[str | int, ...], Any]]:
        """Every actor id the item (plain data) refers to, with where it stands in the item."""
        found: list[tuple[tuple[str | int, ...], Any]] = [
            ((name,), item.get(name)) for name in self.references if item.get(name) is not None
        ]
        for name in self.mentions:
            listed = item.get(name)
            found += [((name, n), ref) for n, ref in enumerate(listed if isinstance(listed, list) else [])]
        return found

    @property
    def title(self) -> str:
        return self.heading or self.name.replace("_", " ").capitalize()

    @property
    def quotes_article(self) -> bool:
        """Items carry an ``evidence`` sentence that must be in the article."""
        return "evidence" in self.item.model_fields


ACTORS = "actors"
"""The section every reference points into."""
SECTIONS: dict[str, SectionSpec] = {}
"""The brief's list sections in page and file order."""
_ATTACHED: set[str] = set()


def register_section(spec: SectionSpec) -> SectionSpec:
    """Add a list section to the brief contract (or replace one of the same name). The
    Brief model is rebuilt in place, so every module that imported it sees the field."""
    SECTIONS[spec.name] = spec
    _attach_sections()
    return spec


def unregister_section(name: str) -> None:
    """Take a registered section off the contract again (tests, plugins being unloaded)."""
    if name == ACTORS:
        raise ValueError("the actors section cannot be unregistered: every reference points into it")
    SECTIONS.pop(name, None)
    _attach_sections()


def _attach_sections() -> None:
    """Rebuild Brief's fields: its own fields, one list per section, then ``deleted``,
    whose keys are the section names."""
    own = {k: v for k, v in Brief.__pydantic_fields__.items() if k not in _ATTACHED and k != "deleted"}
    section_name: Any = Literal.__getitem__(tuple(SECTIONS))
    fields = {
        **own,
        **{
            name: FieldInfo.from_annotated_attribute(
                list[spec.item],  # type: ignore[name-defined]  # a model chosen at run time
                Field(default_factory=list, description=spec.description),
            )
            for name, spec in SECTIONS.items()
        },
    }
    fields["deleted"] = FieldInfo.from_annotated_attribute(
        dict[section_name, list[Annotated[str, Field(min_length=1)]]],
        Field(
            default_factory=dict,
            description="Ids of items an editor deleted, by section. Re-extraction never brings them back, "
            "even after the article changes; remove an id from here to let the extractor restore "
            "its item. Written by the extractor when it sees an item gone from the brief.",
        ),
    )
    Brief.__annotations__ = {name: info.annotation for name, info in fields.items()}
    Brief.__pydantic_fields__ = fields
    _ATTACHED.clear()
    _ATTACHED.update(SECTIONS)
    Brief.model_rebuild(force=True)


for _spec in (
    SectionSpec(ACTORS, Actor, "Who the article names: people, organisations, countries, media, groups."),
    SectionSpec("claims", Claim, "Who said what, each with its verbatim sentence.", ("speaker", "via"), ("about",)),
    SectionSpec("figures", Figure, "The numbers given, normalised, with what they measure.", ("stated_by",)),
    SectionSpec(
        "scenarios", Scenario, "Futures on the table: proposals, plans, warnings.", ("proposed_by",), ("about",)
    ),
):
    register_section(_spec)


def did_you_mean(word: str, choices: list[str]) -> str:
    """ " (did you mean 'x'?)" for the closest choice, or nothing."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


class Role(StrictModel):
    title: str
    start: dt.date | None = None
    end: dt.date | None = None


class RegistryActor(StrictModel):
    """A canonical actor, curated by editors across all articles."""

    id: Slug = Field()
    name: str = Field(min_length=1)
    type: ActorType
    aliases: list[str] = Field(default_factory=list, description="Every other name that means this actor.")
    roles: list[Role] = Field(default_factory=list)
    description: str | None = None
    origin: Literal["extractor", "editor"] | None = Field(
        default=None,
        description="'extractor' when the machine appended the entry; delete or set to 'editor' "
        "once checked, so its names help recognise the actor in new articles.",
    )


class Topic(StrictModel):
    id: Slug = Field()
    title: str = Field(min_length=1)
    description: str | None = None
    terms: list[str] = Field(default_factory=list, description="Words or phrases that put an item on the topic.")


SourceKind = Literal[
    "wire", "newspaper", "broadcaster", "state media", "think tank", "magazine", "blog", "aggregator", "other"
]


class Outlet(StrictModel):
    id: Slug = Field()
    name: str = Field(min_length=1)
    url: HttpUrl = Field(default=None, description="The outlet's home page (http or https only).")
    kind: SourceKind | None = Field(
        default=None,
        description="What the outlet is; shown beside its name on every "
        "brief, so a reader weighs a state outlet as one.",
    )
    owner: str | None = Field(default=None, description="Who owns the outlet (a state, a group, a person), if known.")
    notes: str | None = None


class Story(StrictModel):
    """Briefs from different outlets that report the same event. Found at build from the
    briefs; an editor corrects one by setting ``reviewed: true`` (content/stories.yml)."""

    id: Slug = Field(description="Slug, unique: the story's page is stories/<id>/.")
    title: str = Field(min_length=1, description="The event, as the story page names it.")
    briefs: list[Slug] = Field(min_length=1, description="Ids of the briefs that report the event.")
    reviewed: Flag = Field(
        default=False,
        description=(
            "true once an editor has set this story: every build keeps it as written, and its briefs join no "
            "other story (one brief alone keeps that brief out of every story). false: found by the build and "
            "replaced at the next one."
        ),
    )


class StoryRegistry(StrictModel):
    stories: list[Story] = Field(default_factory=list)


class ActorRegistry(StrictModel):
    actors: list[RegistryActor] = Field(default_factory=list)


class TopicRegistry(StrictModel):
    topics: list[Topic] = Field(default_factory=list)


class SourceRegistry(StrictModel):
    sources: list[Outlet] = Field(default_factory=list)
