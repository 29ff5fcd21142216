"""Merge: the registries and every brief → one in-memory digest, with actors
resolved across articles (the registry's names and aliases decide that two
brief actors are one) and items indexed by topic, actor and source."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from generator.content.registry import Registries
from generator.content.stories import find_stories
from generator.core import relevance
from generator.core.model import Brief, Claim, Figure, Outlet, RegistryActor, Role, Scenario, Story, Topic
from generator.core.names import name_key, surname_key
from generator.core.slugs import slugify
from generator.core.store import ResultCache


@dataclass
class DigestActor:
    """An actor across the whole digest: one page, every brief that names it."""

    id: str
    name: str
    type: str
    aliases: set[str] = field(default_factory=set)
    roles: list[Role] = field(default_factory=list)
    description: str | None = None
    briefs: list[Brief] = field(default_factory=list)
    claims: list[tuple[Brief, Claim]] = field(default_factory=list)
    claims_about: list[tuple[Brief, Claim]] = field(default_factory=list)
    figures: list[tuple[Brief, Figure]] = field(default_factory=list)
    scenarios: list[tuple[Brief, Scenario]] = field(default_factory=list)
    co_actors: Counter = field(default_factory=Counter)
    article_roles: list[tuple[Brief, str]] = field(default_factory=list)

    @property
    def mentions(self) -> int:
        return len(self.briefs)

    def other_names(self) -> list[str]:
        """The actor's aliases in one order on every build: alphabetical, and spellings that
        differ only in case ("Western nations", "western nations") by their exact text."""
        return sorted(self.aliases, key=lambda alias: (alias.casefold(), alias))

    def stated_roles(self) -> list[tuple[str, list[Brief]]]:
        """Each role the articles give the actor, with the briefs that state it, newest first;
        the most often stated role first. One line per role, however many briefs state it."""
        by_role: dict[str, list[Brief]] = {}
        for brief, role in self.article_roles:
            by_role.setdefault(role, []).append(brief)
        return sorted(
            ((role, Digest.latest(briefs)) for role, briefs in by_role.items()),
            key=lambda pair: (-len(pair[1]), pair[0]),
        )

    def appears_most_with(self, count: int = 8) -> list[tuple[str, int]]:
        """The actors named in most of the same briefs; ties in id order, so two builds of
        the same content give the same page."""
        return sorted(self.co_actors.items(), key=lambda pair: (-pair[1], pair[0]))[:count]


@dataclass
class DigestTopic:
    topic: Topic
    briefs: list[Brief] = field(default_factory=list)


@dataclass
class DigestSource:
    id: str
    name: str
    outlet: Outlet | None
    briefs: list[Brief] = field(default_factory=list)


@dataclass
class DigestStory:
    """One event as several outlets report it: the story and its briefs, first report first."""

    story: Story
    briefs: list[Brief]

    @property
    def id(self) -> str:
        return self.story.id

    def days(self) -> tuple[Any, Any]:
        """The first and the last day a report of it is dated (``None`` for undated)."""
        dated = [day for b in self.briefs if (day := b.shown_date()[0])]
        return (min(dated), max(dated)) if dated else (None, None)


@dataclass
class Digest:
    """Everything the templates read; built from YAML alone, never from articles."""

    briefs: list[Brief]
    actors: dict[str, DigestActor]
    topics: dict[str, DigestTopic]
    sources: dict[str, DigestSource]
    actor_of: dict[tuple[str, str], str]
    stories: list[DigestStory] = field(default_factory=list)
    source_by_brief: dict[str, DigestSource] = field(default_factory=dict)
    edges_by_brief: dict[str, Counter] = field(default_factory=dict)
    story_by_brief: dict[str, DigestStory] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.source_by_brief = {brief.id: source for source in self.sources.values() for brief in source.briefs}
        self.story_by_brief = {brief.id: story for story in self.stories for brief in story.briefs}

    def story_of(self, brief: Brief) -> DigestStory | None:
        """The story a brief is one report of, when another outlet reports the same event."""
        story = self.story_by_brief.get(brief.id)
        return story if story is not None and len(story.briefs) > 1 else None

    def shown_stories(self) -> list[DigestStory]:
        """Stories of two or more briefs (a reviewed story of one brief only keeps it apart),
        newest first."""
        return self.stories_of(self.briefs)

    def story_sources(self, story: DigestStory) -> list[str]:
        """The outlets that report a story, each once, in the order of their reports."""
        names = [s.name if (s := self.source_of(b)) else "outlet not stated" for b in story.briefs]
        return list(dict.fromkeys(names))

    def speakers_of(self, brief: Brief) -> list[DigestActor]:
        """Who a brief quotes, each once, in the order of their first claim."""
        return _unique(self.actor(brief, claim.speaker) for claim in brief.claims)

    def stories_of(self, briefs: list[Brief]) -> list[DigestStory]:
        """The stories any of ``briefs`` belongs to, newest first."""
        ids = {b.id for b in briefs}
        found = [s for s in self.stories if len(s.briefs) > 1 and any(b.id in ids for b in s.briefs)]
        return sorted(found, key=lambda s: (str(s.days()[1] or ""), s.id), reverse=True)

    def actor(self, brief: Brief, local_id: str | None) -> DigestActor | None:
        """The digest-wide actor behind a brief's actor id."""
        if local_id is None:
            return None
        return self.actors.get(self.actor_of.get((brief.id, local_id), ""))

    def speaker_name(self, brief: Brief, local_id: str | None) -> str | None:
        """The name a brief gives an actor, for one without a page (an anonymous source)."""
        return next((a.name for a in brief.actors if a.id == local_id), None) if local_id else None

    def figures(self) -> list[tuple[Brief, Figure]]:
        return [(b, f) for b in self.briefs for f in b.figures]

    def scenarios(self) -> list[tuple[Brief, Scenario]]:
        return [(b, s) for b in self.briefs for s in b.scenarios]

    def talk_edges(self, briefs: list[Brief] | None = None) -> Counter:
        """Who talks about whom: (speaker id, named actor id) → number of claims. Each
        brief's edges are found once and summed, so the site map and every topic map
        together cost one pass over the claims."""
        edges: Counter = Counter()
        for brief in briefs if briefs is not None else self.briefs:
            edges.update(self._edges_of(brief))
        return edges

    def _edges_of(self, brief: Brief) -> Counter:
        found = self.edges_by_brief.get(brief.id)
        if found is None:
            found = self.edges_by_brief[brief.id] = Counter()
            for claim in brief.claims:
                speaker = self.actor(brief, claim.speaker)
                if speaker is None:
                    continue
                for other in self.about(brief, claim):
                    if other is not speaker:
                        found[(speaker.id, other.id)] += 1
        return found

    def about(self, brief: Brief, item: Claim | Scenario) -> list[DigestActor]:
        """The actors the item names: as the brief records them (``about``, which editors
        correct), else judged from the actors' names in its text."""
        if item.about is not None:
            return _unique(self.actor(brief, i) for i in item.about)
        local = _unique(self.actor(brief, x.id) for x in brief.actors)
        return [a for a in local if relevance.names(item.text, a.name, a.aliases)]

    def on_topic(self, item: Any, topic: Topic) -> bool:
        """Is the item on the topic: as the brief records it (the item's ``topics``), else
        judged from the topic's terms in the item's words."""
        stored = getattr(item, "topics", None)
        if stored is not None:
            return topic.id in stored
        return relevance.on_topic(topic.terms or [topic.title], relevance.item_words(item))

    def item_topics(self, brief: Brief, item: Any) -> list[Topic]:
        """The topics of the item's brief that the item is on."""
        return [
            self.topics[t].topic for t in brief.topics if t in self.topics and self.on_topic(item, self.topics[t].topic)
        ]

    def source_of(self, brief: Brief) -> DigestSource | None:
        return self.source_by_brief.get(brief.id)

    @staticmethod
    def latest(briefs: list[Brief]) -> list[Brief]:
        """Newest brief first, undated ones last, ties by id: one order for every listing."""
        return sorted(briefs, key=_recency, reverse=True)

    @staticmethod
    def newest_first(pairs: list[tuple[Brief, Any]]) -> list[tuple[Brief, Any]]:
        """(brief, item) pairs in :meth:`latest` order of their briefs, then document
        order: what an actor said, over time."""
        return sorted(pairs, key=lambda pair: _recency(pair[0]), reverse=True)

    @staticmethod
    def claims_in(briefs: list[Brief]) -> list[tuple[Brief, Claim]]:
        return [(b, c) for b in briefs for c in b.claims]

    def outlet_count(self, briefs: list[Brief]) -> tuple[int, int]:
        """(named outlets, briefs that state none) among ``briefs``."""
        sources = [self.source_of(b) for b in briefs]
        return len({s.id for s in sources if s}), sum(1 for s in sources if s is None)


def _recency(brief: Brief) -> tuple[bool, str, str]:
    """By the date a reader is shown (the article's own, else the day it was added)."""
    day = brief.shown_date()[0]
    return day is not None, str(day or ""), brief.id


def _canonical_actors(registries: Registries) -> tuple[dict[str, DigestActor], dict[str, str]]:
    actors: dict[str, DigestActor] = {}
    by_name: dict[str, str] = {}
    for entry in registries.actors:
        actors[entry.id] = _from_registry(entry)
        for surface in (entry.name, *entry.aliases):
            by_name.setdefault(name_key(surface), entry.id)
    return actors, by_name


def _from_registry(entry: RegistryActor) -> DigestActor:
    return DigestActor(entry.id, entry.name, entry.type, set(entry.aliases), list(entry.roles), entry.description)


def _resolve(actor, actors: dict[str, DigestActor], by_name: dict[str, str]) -> str:
    """Registry names and aliases win over ids: an editor merges two actors by alias.
    Names compare by spelling key, so "Zelenskyy" in one brief meets "Zelensky" in another."""
    for surface in (actor.name, *actor.aliases):
        if name_key(surface) in by_name:
            return by_name[name_key(surface)]
    by_name.setdefault(name_key(actor.name), actor.id)
    return actor.id


def build_digest(registries: Registries, briefs: list[Brief], story_cache: ResultCache | None = None) -> Digest:
    """Resolve actors across briefs and index every item for the pages. ``story_cache``:
    stories found before (:func:`~generator.content.stories.cluster_briefs`)."""
    briefs = sorted(briefs, key=lambda b: (b.source.published is None, b.source.published or 0, b.title), reverse=False)
    actors, by_name = _canonical_actors(registries)
    # An anonymous source ("officials familiar with the talks") is named on its claims but
    # has no actor page: it is not resolved across briefs.
    actor_of = {(b.id, a.id): _resolve(a, actors, by_name) for b in briefs for a in b.actors if not a.anonymous}
    _join_surnames(briefs, actor_of, {a.id for a in registries.actors if a.origin != "extractor"})
    listed: set[tuple[str, str]] = set()
    for brief in briefs:
        for actor in (a for a in brief.actors if not a.anonymous):
            canonical = actor_of[(brief.id, actor.id)]
            record = actors.setdefault(canonical, DigestActor(canonical, actor.name, actor.type))
            record.aliases.update(a for a in (actor.name, *actor.aliases) if a != record.name)
            if (canonical, brief.id) not in listed:
                listed.add((canonical, brief.id))
                record.briefs.append(brief)
            if actor.role:
                record.article_roles.append((brief, actor.role))
    by_id = {b.id: b for b in briefs}
    stories = [
        DigestStory(story, [by_id[i] for i in story.briefs if i in by_id])
        for story in find_stories(briefs, registries.stories, story_cache)
    ]
    digest = Digest(
        briefs, actors, _topics(registries, briefs), _sources(registries, briefs), actor_of, stories=stories
    )
    _index_items(digest)
    digest.actors = {k: v for k, v in actors.items() if v.briefs}
    return digest


def _join_surnames(briefs: list[Brief], actor_of: dict[tuple[str, str], str], curated: set[str]) -> None:
    """A person named by surname alone in one brief ("Zelensky") is the one person with that
    surname named in full elsewhere ("Volodymyr Zelenskyy"), when there is exactly one.
    An actor an editor has curated in the registry is left as the editor has it."""
    full: dict[str, set[str]] = defaultdict(set)
    for brief in briefs:
        for actor in brief.actors:
            if actor.type == "person" and len(actor.name.split()) >= 2 and not actor.anonymous:
                full[surname_key(actor.name)].add(actor_of[(brief.id, actor.id)])
    for brief in briefs:
        for actor in brief.actors:
            key = (brief.id, actor.id)
            if actor.type != "person" or len(actor.name.split()) != 1 or actor.anonymous or actor_of[key] in curated:
                continue
            candidates = full.get(surname_key(actor.name), set())
            if len(candidates) == 1:
                actor_of[key] = next(iter(candidates))


def _topics(registries: Registries, briefs: list[Brief]) -> dict[str, DigestTopic]:
    topics = {t.id: DigestTopic(t) for t in registries.topics}
    for brief in briefs:
        for topic_id in brief.topics:
            if topic_id in topics:
                topics[topic_id].briefs.append(brief)
    return topics


def _sources(registries: Registries, briefs: list[Brief]) -> dict[str, DigestSource]:
    """One source per outlet. A brief names its outlet by registry id or by name; both
    meet the registry entry, so the page has the entry's id, name, kind and link."""
    outlets: dict[str, Outlet] = {}
    for outlet in registries.sources:
        outlets.setdefault(slugify(outlet.name), outlet)
    for outlet in registries.sources:
        outlets[outlet.id] = outlet
    sources: dict[str, DigestSource] = {}
    for brief in briefs:
        if not brief.source.outlet:
            continue
        key = slugify(brief.source.outlet)
        registered = outlets.get(brief.source.outlet) or outlets.get(key)
        source_id = registered.id if registered else key
        name = registered.name if registered else brief.source.outlet
        sources.setdefault(source_id, DigestSource(source_id, name, registered)).briefs.append(brief)
    return sources


def _unique(actors: Iterable[DigestActor | None]) -> list[DigestActor]:
    """Each actor once, in order; no None (an id without a page)."""
    seen: dict[str, DigestActor] = {}
    for actor in actors:
        if actor is not None:
            seen.setdefault(actor.id, actor)
    return list(seen.values())


def _index_items(digest: Digest) -> None:
    for brief in digest.briefs:
        local = [digest.actor(brief, a.id) for a in brief.actors]
        for claim in brief.claims:
            speaker = digest.actor(brief, claim.speaker)
            if speaker:
                speaker.claims.append((brief, claim))
            for actor in digest.about(brief, claim):
                if actor is not speaker:
                    actor.claims_about.append((brief, claim))
        for figure in brief.figures:
            if stated := digest.actor(brief, figure.stated_by):
                stated.figures.append((brief, figure))
        for scenario in brief.scenarios:
            for proposer in _unique([digest.actor(brief, scenario.proposed_by), *digest.about(brief, scenario)]):
                proposer.scenarios.append((brief, scenario))
        ids = {a.id for a in local if a}
        for present in local:
            if present:
                present.co_actors.update(sorted(ids - {present.id}))  # one order, whatever the hash seed


def disagreements(figures: list[tuple[Brief, Figure]]) -> list[tuple[tuple[Brief, Figure], tuple[Brief, Figure]]]:
    """Pairs of figures from different briefs that measure the same thing in the same unit
    but differ by more than a tenth: a reader should see both. Figures are compared only
    within a bucket of the same unit, rate and longest word of what they measure, so the
    work stays near linear in the number of figures."""
    buckets: dict[tuple, list[tuple[Brief, Figure]]] = defaultdict(list)
    for brief, figure in figures:
        if figure.measures:
            keyword = max(figure.measures.lower().split(), key=len)
            buckets[(figure.unit, figure.per, keyword)].append((brief, figure))
    pairs = []
    for bucket in buckets.values():
        for i, (brief_a, a) in enumerate(bucket):
            for brief_b, b in bucket[i + 1 :]:
                if brief_a.id == brief_b.id:
                    continue
                words_a, words_b = set((a.measures or "").lower().split()), set((b.measures or "").lower().split())
                if len(words_a & words_b) / len(words_a | words_b) < 0.5:
                    continue
                if abs(a.value - b.value) > 0.1 * max(abs(a.value), abs(b.value)):
                    pairs.append(((brief_a, a), (brief_b, b)))
    return pairs
