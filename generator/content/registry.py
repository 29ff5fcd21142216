"""The project-wide registries editors curate: actors, topics, sources.

Extraction seeds them and appends what it finds new; it never changes or
reorders what an editor wrote (round-trip YAML keeps comments)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from generator.content.comments import keep_comments
from generator.core.errors import DigestError, Problem
from generator.core.model import (
    ActorRegistry,
    Brief,
    Outlet,
    RegistryActor,
    SourceRegistry,
    Story,
    StoryRegistry,
    Topic,
    TopicRegistry,
)
from generator.core.names import name_key
from generator.core.project import Project
from generator.core.slugs import slugify
from generator.core.store import dumps, load_model, load_yaml, to_plain, write_atomic

HEADERS = {
    "actors": "# yaml-language-server: $schema=../generator/schemas/actors.schema.json",
    "topics": "# yaml-language-server: $schema=../generator/schemas/topics.schema.json",
    "sources": "# yaml-language-server: $schema=../generator/schemas/sources.schema.json",
    "stories": "# yaml-language-server: $schema=../generator/schemas/stories.schema.json",
}


@dataclass
class Registries:
    """What editors curate, validated."""

    actors: list[RegistryActor] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    sources: list[Outlet] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)

    def surfaces(self) -> dict[str, tuple[str, str]]:
        """Every actor name and alias → (actor id, canonical name), for extraction."""
        table: dict[str, tuple[str, str]] = {}
        for actor in self.actors:
            for surface in (actor.name, *actor.aliases):
                table.setdefault(surface, (actor.id, actor.name))
        return table

    def ruler_entries(self) -> list[tuple[str, str, list[str]]]:
        """Names the entity ruler should recognise: only entries an editor has checked,
        so a machine mistake appended to the registry is not learned back."""
        return [(a.id, a.type, [a.name, *a.aliases]) for a in self.actors if a.origin != "extractor"]

    def topic_terms(self) -> list[tuple[str, list[str]]]:
        return [(t.id, t.terms or [t.title]) for t in self.topics]


def load_registries(project: Project) -> tuple[Registries, list[Problem]]:
    """Load the registries (actors, topics, sources, stories); a broken one is reported and
    treated as empty, keeping the entries that are valid one by one."""
    registries = Registries()
    problems: list[Problem] = []
    for path, model, attribute in (
        (project.actors_file, ActorRegistry, "actors"),
        (project.topics_file, TopicRegistry, "topics"),
        (project.sources_file, SourceRegistry, "sources"),
        (project.stories_file, StoryRegistry, "stories"),
    ):
        if not path.exists():
            continue
        if refused := project.refuses(path):
            problems.append(Problem(project.relative(path), refused))
            continue
        try:
            items = getattr(load_model(path, model, project.relative(path)), attribute)
        except DigestError as exc:
            problems.extend(exc.problems)
            items = _valid_entries(path, model, attribute)
        problems.extend(_duplicate_ids(items, project.relative(path), attribute))
        setattr(registries, attribute, items)
    return registries, problems


def _valid_entries(path: Path, model: type[BaseModel], attribute: str) -> list:
    """The entries of a registry that failed as a whole which are valid one by one: one bad
    entry (already reported) never discards an editor's other names, URLs and kinds."""
    try:
        data = load_yaml(path)
    except DigestError:
        return []
    entries = data.get(attribute) if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return []
    item_model = model.model_fields[attribute].annotation.__args__[0]  # type: ignore[union-attr]  # list[X] → X
    kept = []
    for entry in entries:
        try:
            kept.append(item_model.model_validate(to_plain(entry)))
        except ValidationError:
            continue
    return kept


def _duplicate_ids(items: list, display: str, section: str) -> list[Problem]:
    seen: set[str] = set()
    problems = []
    for index, item in enumerate(items):
        if item.id in seen:
            problems.append(Problem(display, f"duplicate id {item.id!r}", field=f"{section}[{index}].id"))
        seen.add(item.id)
    return problems


def seed_topics(project: Project) -> bool:
    """Copy the starter topics into ``content/topics.yml`` when the project has none."""
    if project.topics_file.exists():
        return False
    starter = resources.files("generator.data").joinpath("topics.yml").read_text(encoding="utf-8")
    return write_atomic(project.topics_file, HEADERS["topics"] + "\n" + starter)


def _load_list(path: Path, key: str) -> CommentedMap:
    data = load_yaml(path) if path.exists() else None
    if not isinstance(data, CommentedMap):
        data = CommentedMap()
    if not isinstance(data.get(key), list):
        data[key] = CommentedSeq()
    return data


def record_actors(project: Project, briefs: list[Brief]) -> int:
    """Append actors no editor has registered yet, and keep the type of the ones the
    extractor added in step with what the briefs now say (an editor's entry is never
    changed); returns how many were added or changed."""
    data = _load_list(project.actors_file, "actors")
    entries = data["actors"]
    retyped = _retype_machine_entries(entries, briefs)
    known_ids = {e.get("id") for e in entries if isinstance(e, dict)}
    known_names = {
        name_key(str(n))
        for e in entries
        if isinstance(e, dict)
        for n in [e.get("name"), *(e.get("aliases") or [])]
        if n
    }
    added = 0
    for brief in briefs:
        for actor in brief.actors:
            if actor.id in known_ids or name_key(actor.name) in known_names:
                continue
            entry = CommentedMap(
                id=actor.id,
                name=actor.name,
                type=actor.type,
                aliases=sorted(set(actor.aliases)),
                roles=[],
                description=None,
                origin="extractor",
            )
            if actor.role:
                entry["roles"] = [CommentedMap(title=actor.role, start=None, end=None)]
            entries.append(entry)
            known_ids.add(actor.id)
            known_names.update(name_key(n) for n in [actor.name, *actor.aliases])
            added += 1
    if added or retyped or not project.actors_file.exists():
        _rewrite(project.actors_file, data, HEADERS["actors"])
    return added + retyped


def _retype_machine_entries(entries: list, briefs: list[Brief]) -> int:
    """An entry the extractor added takes the type most briefs now give its actor (an
    extraction fixed since: "Brandt" was an organisation, now a person)."""
    votes: dict[str, Counter[str]] = {}
    for brief in briefs:
        for actor in brief.actors:
            votes.setdefault(actor.id, Counter())[actor.type] += 1
    changed = 0
    for entry in entries:
        if not isinstance(entry, dict) or entry.get("origin") != "extractor" or entry.get("id") not in votes:
            continue
        (wanted, _), *_ = votes[entry["id"]].most_common(1)
        if entry.get("type") != wanted:
            entry["type"] = wanted
            changed += 1
    return changed


def record_sources(project: Project, briefs: list[Brief]) -> int:
    """Append outlets named in briefs' sources that the registry lacks."""
    data = _load_list(project.sources_file, "sources")
    entries = data["sources"]
    known = {e.get("id") for e in entries if isinstance(e, dict)}
    added = 0
    for brief in briefs:
        outlet = brief.source.outlet
        if not outlet or slugify(outlet) in known:
            continue
        entries.append(CommentedMap(id=slugify(outlet), name=outlet, url=None, kind=None, notes=None))
        known.add(slugify(outlet))
        added += 1
    if added or not project.sources_file.exists():
        _rewrite(project.sources_file, data, HEADERS["sources"])
    return added


def write_stories(project: Project, stories: list[Story]) -> bool:
    """Write the digest's stories to content/stories.yml, the editor's reviewed ones as
    they are, so an editor sees every story and corrects one by setting ``reviewed: true``.
    Comments in the file are kept. Returns whether the file changed."""
    data = _load_list(project.stories_file, "stories")
    old = [e for e in data["stories"] if isinstance(e, dict)]
    by_id = {e.get("id"): e for e in old}
    entries = []
    for story in stories:
        entry = by_id.get(story.id) if story.reviewed else None
        entries.append(entry if entry is not None else CommentedMap(story.model_dump(mode="json")))
    if to_plain(old) == to_plain(entries) and project.stories_file.exists():
        return False
    data["stories"] = CommentedSeq(entries)
    _rewrite(project.stories_file, data, HEADERS["stories"])
    return True


def _rewrite(path: Path, data: CommentedMap, header: str) -> None:
    """Write a registry back with every comment the editor wrote in it."""
    if not path.exists():
        write_atomic(path, dumps(data, header))
        return
    write_atomic(path, keep_comments(path.read_text(encoding="utf-8-sig"), dumps(data)))


def orphan_actors(actors: list[RegistryActor], briefs: list[Brief]) -> list[str]:
    """Ids of actors the extractor added that no brief names (by id or name): left by runs
    on other articles, they would link a surname in a new article to a stranger. A name
    that is now only another actor's alias ("CR" once it was found to be the Coastal
    Review's short name) no longer holds its own entry."""
    used = {a.id for b in briefs for a in b.actors}
    named = {name_key(a.name) for b in briefs for a in b.actors}
    return [a.id for a in actors if a.origin == "extractor" and a.id not in used and name_key(a.name) not in named]


def prune_actors(project: Project, briefs: list[Brief]) -> list[str]:
    """Remove the actors :func:`orphan_actors` finds from content/actors.yml, keeping every
    other entry and every comment; returns their ids."""
    registries, problems = load_registries(project)
    if problems:
        return []
    unused = set(orphan_actors(registries.actors, briefs))
    if not unused:
        return []
    data = _load_list(project.actors_file, "actors")
    data["actors"] = CommentedSeq(e for e in data["actors"] if not (isinstance(e, dict) and e.get("id") in unused))
    _rewrite(project.actors_file, data, HEADERS["actors"])
    return sorted(unused)
