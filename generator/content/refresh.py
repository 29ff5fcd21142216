"""Run extraction over a project: find articles, skip those whose brief is
current, parse the rest in batches, write briefs and seed the registries.
One bad article is reported and skipped; the others go on."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from filelock import FileLock, Timeout

from generator.articles.ingest import Article, find_articles, import_articles, read_article
from generator.content.briefs import read_briefs, settle_base, write_brief
from generator.content.registry import load_registries, record_actors, record_sources, seed_topics
from generator.core.errors import DigestError, Problem
from generator.core.project import Project, article_text_path
from generator.core.store import MAX_NESTING, load_plain, nesting_depth, write_atomic
from generator.extract.engines import Engine, Finding, Setup, extract_here, extract_in_pool, extract_on_ray
from generator.extract.extractor import extractor_key

# Extraction reads at most this much of one article: a scraped dump of megabytes would
# otherwise take minutes and gigabytes in the parser. The cut falls on a paragraph break.
MAX_EXTRACT_CHARS = 200_000
Progress = Callable[[int, int, str], None]


@dataclass
class ExtractReport:
    """What an extract run did, for the CLI to print."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


@contextlib.contextmanager
def project_lock(project: Project) -> Iterator[None]:
    """One extract at a time per project: a second run is refused, never interleaved. The
    lock (filelock, an OS lock on content/.digest.lock) goes with the process that holds it,
    so a killed run never leaves the project locked."""
    project.lock_file.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(project.lock_file)
    try:
        lock.acquire(timeout=0)
    except Timeout as exc:
        raise DigestError.at(
            project.relative(project.lock_file),
            "another digest extract is running on this project; try again when it ends",
        ) from exc
    try:
        yield
    finally:
        lock.release()


def _remove_torn_temporaries(*folders: Path) -> None:
    """A run killed mid-write leaves its temporary file behind (the real file is intact)."""
    for folder in folders:
        for temporary in folder.glob(".*.tmp") if folder.is_dir() else ():
            temporary.unlink(missing_ok=True)


def _existing_sources(briefs_dir: Path) -> dict[str, tuple[str, str, str | None]]:
    """source.file → (brief id, sha256, extractor) of every brief on disk, read leniently."""
    table: dict[str, tuple[str, str, str | None]] = {}
    for path in sorted(briefs_dir.glob("*.yml")):
        try:
            text = path.read_text(encoding="utf-8")
            if nesting_depth(text) > MAX_NESTING:
                continue
            data = load_plain(text)
            source = data["source"]
            table[str(source["file"])] = (path.stem, str(source.get("sha256")), data.get("extractor"))
        except Exception:  # a broken brief is reported by `digest check`; here it is just not current
            continue
    return table


def _renamed_from(
    project: Project, existing: dict[str, tuple[str, str, str | None]], article: Article, report: ExtractReport
) -> tuple[str, str, str | None] | None:
    """The brief of an article that was renamed: one whose source file is gone and whose
    text digest is this article's. The brief follows its article (every edit kept, its
    source.file updated) instead of a duplicate machine brief appearing beside it."""
    for source, known in existing.items():
        if known[1] == article.sha256 and not (project.root / source).exists():
            del existing[source]
            existing[article.file] = known
            report.warnings.append(Problem(article.file, f"renamed from {source}: brief {known[0]} follows it"))
            return (known[0], "", known[2])  # not current: source.file must be rewritten
    return None


def _unique_id(article: Article, taken: set[str]) -> str:
    """Two articles never share an id: the later one gets a suffix from its hash."""
    if article.id not in taken:
        return article.id
    return f"{article.id[:52]}-{article.sha256[:6]}"


def plan(
    project: Project, paths: list[Path], out_dir: Path, force: bool, report: ExtractReport, key: str
) -> list[Article]:
    """Read every article and keep those whose brief is missing or stale: another text, or
    another extractor ``key`` (code, data or pipeline changed)."""
    existing = _existing_sources(out_dir)
    taken = {brief_id for brief_id, _, _ in existing.values()}
    todo: list[Article] = []
    seen_hashes: dict[str, str] = {}
    for path in find_articles(paths):
        try:
            article = read_article(path, project.root)
        except DigestError as exc:
            report.problems.extend(exc.problems)
            continue
        except Exception as exc:  # a bug or a broken library must not take the other articles down
            report.problems.append(Problem(project.relative(path), f"cannot read: {type(exc).__name__}: {exc}"))
            continue
        if article.sha256 in seen_hashes:
            report.problems.append(Problem(article.file, f"same text as {seen_hashes[article.sha256]}; skipped"))
            continue
        seen_hashes[article.sha256] = article.file
        known = existing.get(article.file) or _renamed_from(project, existing, article, report)
        if known:
            article = _with_id(article, known[0])
            text_kept = article_text_path(_extracted_dir(project, out_dir), known[0]).is_file()
            if not force and known[1] == article.sha256 and known[2] == key and text_kept:
                report.skipped.append(article.id)
                continue
        else:
            article = _with_id(article, _unique_id(article, taken))
            taken.add(article.id)
        todo.append(article)
    return todo


def _extraction_text(article: Article, report: ExtractReport) -> str:
    """The article text extraction reads: all of it, or its first paragraphs when it is huge."""
    body = article.body
    if len(body) <= MAX_EXTRACT_CHARS:
        return body
    cut = body.rfind("\n\n", 0, MAX_EXTRACT_CHARS)
    cut = cut if cut > MAX_EXTRACT_CHARS // 2 else body.rfind("\n", 0, MAX_EXTRACT_CHARS)
    cut = cut if cut > MAX_EXTRACT_CHARS // 2 else MAX_EXTRACT_CHARS
    report.warnings.append(
        Problem(article.file, f"article has {len(body):,} characters; extraction read the first {cut:,}")
    )
    return body[:cut]


def _with_id(article: Article, article_id: str) -> Article:
    return replace(article, id=article_id)


def extract_project(
    project: Project,
    paths: list[Path] | None = None,
    out_dir: Path | None = None,
    model: str | None = None,
    force: bool = False,
    progress: Progress | None = None,
    jobs: int | None = None,
    engine: Engine = Engine.local,
    ray_address: str | None = None,
) -> ExtractReport:
    """Extract briefs for the articles under ``paths`` (default: the project's articles),
    on ``jobs`` processes (default: every core) of this machine, or with ``engine="ray"``
    as a Ray Data job on ``jobs`` Ray workers (a local instance, or the cluster at
    ``ray_address``). Either way briefs are merged and written here, one at a time."""
    engine = Engine(engine)
    out_dir = out_dir or project.briefs
    report = ExtractReport()
    key = current_key(model)
    if _read_only(project) and not force:
        return _check_nothing_to_extract(project, paths, out_dir, report, key)
    with project_lock(project):
        _remove_torn_temporaries(out_dir, project.extracted, project.content)
        extracted_dir = _extracted_dir(project, out_dir)
        for leftover in sorted(extracted_dir.glob("*.yml.next")) if extracted_dir.is_dir() else ():
            settle_base(
                out_dir / leftover.name.removesuffix(".next"), extracted_dir / leftover.name.removesuffix(".next")
            )
        seed_topics(project)
        registries, problems = load_registries(project)
        report.problems.extend(problems)
        if paths and out_dir.resolve() == project.briefs.resolve():
            paths, refused = import_articles(paths, project.articles)  # briefs come from the digest's own articles
            report.problems.extend(refused)
        todo = plan(project, paths or [project.articles], out_dir, force, report, key)
        if todo:
            texts = [_extraction_text(a, report) for a in todo]
            setup = Setup(model, registries.ruler_entries(), registries.topic_terms(), registries.surfaces(), key)
            workers = min(jobs or os.cpu_count() or 1, len(todo))
            if engine is Engine.ray:
                found = extract_on_ray(setup, todo, texts, workers, ray_address)
            elif workers > 1:
                found = extract_in_pool(setup, todo, texts, workers)
            else:
                found = extract_here(setup, todo, texts)
            ours = out_dir.resolve() == project.briefs.resolve()
            if ours:  # the journal: a run killed before the registries caught up is replayed
                _journal(project, _pending(project) | {a.id for a in todo})
            for done, (article, finding) in enumerate(zip(todo, found, strict=True), start=1):
                if progress:
                    progress(done, len(todo), article.file)
                _write(project, out_dir, article, finding, report)
        if out_dir.resolve() == project.briefs.resolve():
            # Briefs written elsewhere (--out, a scratch folder for evaluation) are not the
            # digest's: they must not add actors or outlets to its registries. Only this
            # run's briefs (and those a killed run left in the journal) are read: one new
            # article never costs a read of the whole digest.
            pending = _pending(project)
            briefs, _ = read_briefs(out_dir, project.root, {*report.written, *report.unchanged, *pending})
            record_actors(project, briefs)
            record_sources(project, briefs)
            project.registry_journal.unlink(missing_ok=True)
    return report


def today() -> dt.date:
    """The day an article enters the digest: today in UTC, or the day of SOURCE_DATE_EPOCH
    (the reproducible-builds convention) when it is set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.datetime.now(dt.UTC).date()


def _pending(project: Project) -> set[str]:
    """Brief ids a killed run wrote (or was writing) before the registries caught up."""
    try:
        return {
            line.strip()
            for line in project.registry_journal.read_text(encoding="utf-8").splitlines()
            if line.strip() and (project.briefs / f"{line.strip()}.yml").is_file()
        }
    except OSError:
        return set()


def _journal(project: Project, brief_ids: set[str]) -> None:
    write_atomic(project.registry_journal, "".join(f"{i}\n" for i in sorted(brief_ids)))


def _extracted_dir(project: Project, out_dir: Path) -> Path:
    """Where the extractor's last output per brief is kept (to tell editors' edits apart)."""
    return project.extracted if out_dir == project.briefs else out_dir / ".extracted"


def _read_only(project: Project) -> bool:
    """content/ cannot be written (a read-only checkout or mount)."""
    return project.content.is_dir() and not os.access(project.content, os.W_OK)


def _check_nothing_to_extract(
    project: Project, paths: list[Path] | None, out_dir: Path, report: ExtractReport, key: str
) -> ExtractReport:
    """On read-only content a build that needs no extraction goes on; one that does is
    refused with a message that says what to do."""
    todo = plan(project, paths or [project.articles], out_dir, False, report, key)
    if todo:
        raise DigestError.at(
            project.relative(project.content),
            f"is read-only, and {len(todo)} article(s) need "
            "extracting; make it writable, or build what is there with --no-extract",
        )
    return report


def current_key(model: str | None) -> str:
    """The extractor key for the pipeline ``model`` resolves to (its meta read from disk,
    not loaded), so deciding what is stale costs no spaCy load."""
    from generator.core.section_plugins import plugins_key
    from generator.extract.nlp import resolve_model
    from generator.extract.provenance import pipeline_version

    package = resolve_model(model)
    return extractor_key(package, pipeline_version(package)) + plugins_key()


def _write(project: Project, out_dir: Path, article: Article, finding: Finding, report: ExtractReport) -> None:
    if finding.brief is None:
        report.problems.append(Problem(article.file, finding.error or "extraction failed"))
        return
    brief = finding.brief
    brief.ingested = today()  # kept from the brief on disk when it has one (the merge)
    report.warnings.extend(Problem(article.file, message) for message in finding.dropped)
    extracted_dir = _extracted_dir(project, out_dir)
    try:
        result = write_brief(out_dir / f"{brief.id}.yml", extracted_dir / f"{brief.id}.yml", brief, article.body)
    except DigestError as exc:  # a broken brief on disk, or a disk that takes no writes: keep the file, go on
        report.problems.extend(
            replace(
                p,
                file=project.relative(Path(p.file)),
                message=p.message if "left as it is" in p.message else f"{p.message} (brief left as it is)",
            )
            for p in exc.problems
        )
        return
    try:  # the normalised text beside the base: what the site shows as the article, never decoded again
        changed_text = write_atomic(article_text_path(extracted_dir, brief.id), article.body)
    except DigestError as exc:
        report.problems.extend(exc.problems)
        return
    (report.written if result.changed or changed_text else report.unchanged).append(brief.id)
    written = project.relative(out_dir / f"{brief.id}.yml")
    report.conflicts.extend(f"{written}: {c}" for c in result.conflicts)
    report.warnings.extend(Problem(written, note) for note in result.notes)
