"""Publish: run MkDocs on the project, which renders the pages through the digest plugin."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from generator.core.errors import DigestError, Problem
from generator.core.fingerprint import PACKAGE_DIR, SITE_CODE, code_digest, digest_of, files_digest
from generator.core.project import Project
from generator.core.store import write_atomic
from generator.site.reuse import load_last_build, save_record


def current_site(project: Project, strict: bool = False) -> Path | None:
    """The site folder when nothing it is made from changed since it was built (same
    fingerprint, the site still there), else None: then there is nothing to check or build."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    config_file = project.root / "mkdocs.yml"
    try:
        site = Path(load_config(str(config_file), strict=strict)["site_dir"])
    except (MkDocsException, OSError):
        return None
    recorded = _recorded(project)
    if (site / "index.html").is_file() and recorded == _record(
        site_fingerprint(project, config_file, site, strict), site
    ):
        return site
    return None


def _site_manifest(site: Path) -> str:
    """What the published site holds: every file's path, size and modification time, as
    one digest. A site changed or half-replaced since it was recorded no longer matches.
    (``os.scandir``, not ``Path.rglob``: the same files at a third of the time, and a build
    takes it three or four times over tens of thousands of files.)"""
    digest = hashlib.sha256()
    for relative, stat in sorted(_files_under(str(site), "")):
        digest.update(f"{relative!r}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _files_under(folder: str, prefix: str) -> Iterator[tuple[str, os.stat_result]]:
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            yield from _files_under(entry.path, f"{prefix}{entry.name}/")
        elif entry.is_file():
            yield f"{prefix}{entry.name}", entry.stat()


def _record(fingerprint: str, site: Path) -> str:
    return f"{fingerprint} {_site_manifest(site)}"


@contextlib.contextmanager
def build_lock(project: Project, wait: float = 600.0) -> Iterator[None]:
    """One site build at a time per project: a second waits for the first (then finds the
    site current), and gives up with a message after ``wait`` seconds. The OS lock goes
    with the process that holds it, so a killed build never leaves the project locked."""
    lock_file = project.site_fingerprint_file.with_name("build.lock")
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(lock_file)
    try:
        lock.acquire(timeout=wait)
    except Timeout as exc:
        raise DigestError.at(
            project.relative(lock_file),
            f"another digest build has held this project for {wait:.0f} s; try again when it ends",
        ) from exc
    try:
        yield
    finally:
        lock.release()


@dataclass
class BuiltSite:
    """Where the site was published, how many generated files this build converted or
    took unchanged from the last site (:mod:`generator.site.reuse`), and how many parts of
    the search index it indexed again, of how many (:mod:`generator.site.search_index`)."""

    folder: Path
    converted: int = 0
    reused: int = 0
    search_indexed: int = 0
    search_parts: int = 0


class _NoDirtyWarning(logging.Filter):
    """MkDocs warns that a ``dirty`` build may leave navigation stale: ours keys every page
    on the navigation (:func:`generator.site.reuse.nav_key`), so the warning does not apply
    and must not fail a --strict build."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("A 'dirty' build is being performed")


def build_site(
    project: Project,
    strict: bool = False,
    record: bool = True,
    shown: Iterable[Problem] = (),
    incremental: bool = True,
) -> BuiltSite:
    """``mkdocs build`` for the project. With ``record``, what it was made from is recorded
    (:func:`current_site`); a build that left files out is not recorded, so the next build
    reports them again.

    ``incremental``: every generated page whose inputs are those of the same page in the
    last site is taken from it unchanged (:mod:`generator.site.reuse`); the result is the
    same, byte for byte, as converting every page.

    The site is built into a fresh folder beside it and swapped in only when complete, so
    a build killed at any moment leaves the previous site whole (or, killed between the
    two renames of the swap, the next build puts the previous one back first).

    ``shown``: problems the caller has printed already (``digest build`` runs the check
    first); the plugin does not log them a second time."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    config_file = project.root / "mkdocs.yml"
    if not config_file.is_file():
        raise DigestError.at(project.relative(config_file), "mkdocs.yml not found")
    try:
        config = load_config(str(config_file), strict=strict)
        site = Path(config["site_dir"])
        _recover(site)
        fingerprint = site_fingerprint(project, config_file, site, strict)
        fresh = site.with_name(f".{site.name}.building-{os.getpid()}")
        shutil.rmtree(fresh, ignore_errors=True)
        config["site_dir"] = str(fresh)
        last = None
        plugin: Any = config.plugins.get("digest")
        if plugin is not None:
            plugin.shown = {str(problem) for problem in shown}
            plugin.shared_inputs = shared_inputs(config_file, config, strict)
            if incremental and site.is_dir():
                last = load_last_build(project.site_pages_file, site, _site_manifest(site))
            plugin.last_build = last  # MkDocs keeps one plugin object per process: never the last project's
        quiet = _NoDirtyWarning()
        logging.getLogger("mkdocs.commands.build").addFilter(quiet)
        try:
            build(config, dirty=last is not None)
        finally:
            logging.getLogger("mkdocs.commands.build").removeFilter(quiet)
    except MkDocsException as exc:
        raise DigestError.at(project.relative(config_file), f"mkdocs build failed: {exc}") from exc
    except OSError as exc:  # disk full, a folder that cannot be written: the previous site stays
        shutil.rmtree(site.with_name(f".{site.name}.building-{os.getpid()}"), ignore_errors=True)
        raise DigestError.at(
            getattr(exc, "filename", None) or str(site),
            f"cannot write the site: {exc.strerror or exc}; the previous site is kept",
        ) from exc
    built = _site_manifest(fresh)
    project.site_fingerprint_file.unlink(missing_ok=True)  # no record while the site is being replaced
    project.site_pages_file.unlink(missing_ok=True)
    _swap_in(fresh, site)
    # Recorded only once what was published is verified to be what this build wrote.
    if _site_manifest(site) == built:
        if record:
            write_atomic(project.site_fingerprint_file, f"{fingerprint} {built}\n")
        if plugin is not None:
            save_record(project.site_pages_file, built, plugin.recordable_keys(), plugin.search.parts)
    if plugin is None:
        return BuiltSite(site)
    search = plugin.search
    return BuiltSite(site, len(plugin.keys) - plugin.reused, plugin.reused, search.indexed, len(search.parts))


def shared_inputs(config_file: Path, config: Any, strict: bool) -> str:
    """What every page's HTML depends on besides its own Markdown and the navigation:
    mkdocs.yml, a theme folder of the project's own, the package's code that a site build
    runs (:data:`~generator.core.fingerprint.SITE_CODE`: not extraction's), the versions of
    MkDocs, Material and Markdown, and --strict."""
    custom = config["theme"].custom_dir
    parts = [
        config_file.read_bytes().decode("utf-8", "surrogateescape"),
        files_digest(Path(custom).rglob("*"), Path(custom), 64) if custom else "-",
        code_digest(SITE_CODE),
        *_versions(),
        str(strict),
    ]
    return digest_of(*parts)


def configured_site_url(project: Project) -> str | None:
    """``site_url`` of mkdocs.yml, or None when it is not set (or the config cannot be read)."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        return load_config(str(project.root / "mkdocs.yml"))["site_url"] or None
    except (MkDocsException, OSError):
        return None


FINGERPRINTED_DISTRIBUTIONS = ("briefing-digest", "mkdocs", "mkdocs-material", "pagefind", "markdown", "jinja2")


def _versions() -> list[str]:
    """``name=version`` of each of :data:`FINGERPRINTED_DISTRIBUTIONS` ("-" when absent)."""
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for name in FINGERPRINTED_DISTRIBUTIONS:
        try:
            found.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            found.append(f"{name}=-")
    return found


def site_fingerprint(project: Project, config_file: Path, site: Path, strict: bool) -> str:
    """Everything a build reads: content/ (briefs, registries, articles, pages; not the
    extractor's bases), templates, mkdocs.yml, the package's code and data, the versions
    of MkDocs, Material, Pagefind, Markdown and Jinja, the site folder and --strict."""
    content = [
        p for p in project.content.rglob("*") if p.is_file() and p != project.lock_file and not project.refuses(p)
    ]
    inputs = [*content, *project.templates.rglob("*"), config_file]
    parts = [
        files_digest(inputs, project.root, 64),
        files_digest(PACKAGE_DIR.rglob("*"), PACKAGE_DIR, 64),
        *_versions(),
        str(site.resolve()),
        str(strict),
    ]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def _recorded(project: Project) -> str | None:
    try:
        return project.site_fingerprint_file.read_text(encoding="utf-8").strip()
    except OSError:
        return None


def _old(site: Path) -> Path:
    return site.with_name(f".{site.name}.previous")


def _recover(site: Path) -> None:
    """Undo what a killed build left: the previous site back in place, stray folders gone."""
    if not site.exists() and _old(site).is_dir():
        _old(site).rename(site)
    for stray in [*site.parent.glob(f".{site.name}.building-*"), *site.parent.glob(f".{site.name}.search-*")]:
        shutil.rmtree(stray, ignore_errors=True)
    shutil.rmtree(_old(site), ignore_errors=True)


def _swap_in(fresh: Path, site: Path) -> None:
    if site.exists():
        site.rename(_old(site))
    fresh.rename(site)
    shutil.rmtree(_old(site), ignore_errors=True)


def serve_site(project: Project, address: str) -> None:
    from mkdocs.commands.serve import serve

    serve(str(project.root / "mkdocs.yml"), dev_addr=address, livereload=True)
