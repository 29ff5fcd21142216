"""Check: every brief and registry valid, and every reference between them resolving."""

from __future__ import annotations

import hashlib
import json

from generator.articles.ingest import read_article
from generator.content.briefs import read_briefs
from generator.content.registry import load_registries, orphan_actors
from generator.core.errors import DigestError, Problem, location_text
from generator.core.fingerprint import code_digest, digest_of
from generator.core.model import SECTIONS, Brief, Story, did_you_mean
from generator.core.names import name_key
from generator.core.project import Project
from generator.core.slugs import slugify
from generator.core.store import load_yaml, position


def check_project(project: Project) -> list[Problem]:
    """All problems at once, each naming file, line, column and field."""
    registries, problems = load_registries(project)
    briefs, brief_problems = read_briefs(project.briefs, project.root, cache=project.brief_cache)
    problems += brief_problems + project.refused_pages()
    topic_ids = [t.id for t in registries.topics]
    evidence = EvidenceCheck(project)
    for brief in briefs:
        problems += _brief_references(project, brief, topic_ids, evidence)
    evidence.cache.keep_only_used()
    return problems


class EvidenceCheck:
    """Is each evidence sentence of a brief in its article: remembered by the article's
    bytes, the brief and the code that reads them, since reading and normalising every
    article again was most of the time a check of a large digest took."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.cache = project.check_cache
        self.code = code_digest(("articles", "content", "core"))

    def missing(self, brief: Brief) -> list[tuple[tuple, str]] | None:
        """(location, message) of each evidence its article lacks; None when the article
        cannot be read."""
        path = (self.project.root / brief.source.file).resolve()
        if not path.is_file() or not path.is_relative_to(self.project.root.resolve()):
            return None  # a source path outside the project is never read
        try:
            key = digest_of(self.code, path.read_bytes(), brief.model_dump_json())
        except OSError:
            return None
        cached = self.cache.get(key)
        if cached is not None:
            return [(tuple(loc), message) for loc, message in json.loads(cached)]
        article = _article_text(self.project, brief)
        if article is None:
            return None
        found: list[tuple[tuple, str]] = []
        for section in [name for name, spec in SECTIONS.items() if spec.quotes_article]:
            for index, item in enumerate(getattr(brief, section)):
                if " ".join(item.evidence.split()) not in article:
                    found.append(((section, index, "evidence"), "evidence is not a sentence of the article"))
        self.cache.put(key, json.dumps(found))
        return found


def _brief_references(project: Project, brief: Brief, topic_ids: list[str], evidence: EvidenceCheck) -> list[Problem]:
    """Topics that the registry lacks, and evidence that its article does not contain."""
    path = project.briefs / f"{brief.id}.yml"
    display = project.relative(path)
    found: list[tuple[tuple, str]] = []
    listed: list[tuple[tuple, str]] = [(("topics", index), topic_id) for index, topic_id in enumerate(brief.topics)]
    for section in SECTIONS:
        for index, item in enumerate(getattr(brief, section)):
            listed += [((section, index, "topics", n), t) for n, t in enumerate(getattr(item, "topics", None) or [])]
    for loc, topic_id in listed:
        if topic_id not in topic_ids:
            found.append((loc, f"unknown topic {topic_id!r}{did_you_mean(topic_id, topic_ids)}"))
    missing = evidence.missing(brief)
    if missing is None:
        renamed = _renamed_to(project, brief.source.sha256)
        found.append(
            (
                ("source", "file"),
                f"article {brief.source.file!r} not found"
                + (f"; {renamed} has its text (renamed?): digest extract moves the brief to it" if renamed else ""),
            )
        )
    else:
        found += missing
    if not found:
        return []
    data = load_yaml(path, display)
    return [Problem(display, message, *position(data, loc), location_text(loc)) for loc, message in found]


def _article_text(project: Project, brief: Brief) -> str | None:
    path = (project.root / brief.source.file).resolve()
    try:
        return " ".join(read_article(path, project.root).body.split())
    except DigestError:
        return None


def check_warnings(project: Project) -> list[Problem]:
    """What is not wrong but out of step, for editors to tidy: a brief whose actors or
    outlet the registries lack (a run killed before they caught up; the next extract
    replays it), and actors the extractor added that no brief names any more (``digest
    check --prune`` removes them; an editor's entry is never one of them)."""
    registries, _ = load_registries(project)
    briefs, _ = read_briefs(project.briefs, project.root)
    known = {a.id for a in registries.actors} | {name_key(n) for a in registries.actors for n in (a.name, *a.aliases)}
    outlets = {s.id for s in registries.sources}
    warnings = []
    for brief in briefs:
        display = project.relative(project.briefs / f"{brief.id}.yml")
        missing = [
            a.id for a in brief.actors if not a.anonymous and a.id not in known and name_key(a.name) not in known
        ]
        if missing:
            warnings.append(
                Problem(
                    display,
                    f"actors missing from content/actors.yml: {', '.join(missing)} (run digest extract to add them)",
                )
            )
        if brief.source.outlet and slugify(brief.source.outlet) not in outlets:
            warnings.append(
                Problem(
                    display,
                    f"outlet {brief.source.outlet!r} missing from content/sources.yml (run digest extract to add it)",
                )
            )
    warnings += _stories_out_of_step(project, registries.stories, {b.id for b in briefs})
    unused = orphan_actors(registries.actors, briefs)
    if unused:
        warnings.append(
            Problem(
                project.relative(project.actors_file),
                f"{len(unused)} actor(s) the extractor added are "
                f"named in no brief: {', '.join(unused[:8])}{' …' if len(unused) > 8 else ''} "
                "(digest check --prune removes them)",
            )
        )
    return warnings


def _stories_out_of_step(project: Project, stories: list[Story], brief_ids: set[str]) -> list[Problem]:
    """A reviewed story that names a brief no longer there, or a brief two reviewed stories
    both claim (the first one keeps it)."""
    display = project.relative(project.stories_file)
    warnings = []
    claimed: dict[str, str] = {}
    for story in (s for s in stories if s.reviewed):
        gone = [i for i in story.briefs if i not in brief_ids]
        if gone:
            warnings.append(Problem(display, f"story {story.id!r} names briefs that do not exist: {', '.join(gone)}"))
        for brief_id in story.briefs:
            if brief_id in claimed:
                warnings.append(
                    Problem(display, f"brief {brief_id!r} is in stories {claimed[brief_id]!r} and {story.id!r}")
                )
            claimed.setdefault(brief_id, story.id)
    return warnings


def _renamed_to(project: Project, sha256: str) -> str | None:
    """The article file that holds a brief's text under another name, if any."""
    for path in sorted(project.articles.rglob("*")) if project.articles.is_dir() else ():
        if path.is_file() and not path.is_symlink() and hashlib.sha256(path.read_bytes()).hexdigest() == sha256:
            return project.relative(path)
    return None
