"""Every generated file of the site, from the project's YAML: the render stage's one
entry point. The MkDocs plugin hands these files to MkDocs; ``digest render --out DIR``
writes them to a folder that any static-site tool can build (a plain ``mkdocs.yml`` with
Material, or a successor that reads Markdown), so rendering never depends on one
generator's internals."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .briefs import read_briefs
from .digest import build_digest
from .errors import DigestError, Problem
from .exports import export_files
from .feeds import feed_files
from .model import Brief
from .project import Project, article_text_path
from .registry import load_registries
from .render import render_site
from .store import write_atomic


@dataclass
class SiteFiles:
    """Generated pages (Markdown, relative path → text), files copied as they are (feeds,
    exports), and the problems of the files that were left out."""

    pages: dict[str, str] = field(default_factory=dict)
    assets: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def site_files(project: Project, templates: Path, site_url: str | None = None) -> SiteFiles:
    """Read the registries and briefs, build the digest and render every page. A broken
    file is reported in ``problems`` and left out; the rest is rendered."""
    if not templates.is_dir():
        raise DigestError.at(project.relative(templates), "templates folder not found")
    registries, problems = load_registries(project)
    briefs, brief_problems = read_briefs(project.briefs, project.root)
    problems += brief_problems
    digest = build_digest(registries, briefs)
    pages = render_site(digest, templates, article_texts(project, briefs))
    return SiteFiles(pages, {**export_files(digest), **feed_files(digest, site_url)}, problems)


def article_texts(project: Project, briefs: list[Brief]) -> dict[str, str]:
    """Each brief's article text as extraction stored it (``content/extracted/<id>.txt``),
    for the pages that show evidence in context. The site never decodes articles itself: a
    brief without a stored text (written by hand, not extracted yet) has no article page,
    nor has one whose source is not a regular file under content/articles (never
    mkdocs.yml, never a link out), whatever text is stored."""
    texts: dict[str, str] = {}
    root, articles = project.root.resolve(), project.articles.resolve()
    for brief in briefs:
        given = root / brief.source.file
        source, path = given.resolve(), article_text_path(project.extracted, brief.id)
        if (source.is_file() and source.is_relative_to(articles) and not given.is_symlink()
                and path.is_file() and not path.is_symlink()):
            texts[brief.id] = path.read_text(encoding="utf-8")
    return texts


def write_site_files(project: Project, out: Path, templates: Path, site_url: str | None = None) -> SiteFiles:
    """``digest render --out``: the hand-written pages of ``content/pages`` and every
    generated file, written to ``out`` as a complete docs folder. Files of an earlier run
    that are no longer generated are removed, so the folder is exactly this render."""
    rendered = site_files(project, templates, site_url)
    wanted = {**rendered.pages, **rendered.assets}
    out.mkdir(parents=True, exist_ok=True)
    pages_dir = project.content / "pages"
    static = {p.relative_to(pages_dir).as_posix(): p for p in pages_dir.rglob("*") if p.is_file()} \
        if pages_dir.is_dir() else {}
    for relative, path in static.items():
        if relative not in wanted:
            target = out / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    for relative, text in wanted.items():
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, text)
    keep = set(wanted) | set(static)
    for path in sorted(out.rglob("*"), reverse=True):
        relative = path.relative_to(out).as_posix()
        if path.is_file() and relative not in keep:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return rendered
