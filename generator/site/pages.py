"""Every generated file of the site, from the project's YAML: the render stage's one
entry point. The MkDocs plugin hands these files to MkDocs; ``digest render --out DIR``
writes them to a folder that any static-site tool can build (a plain ``mkdocs.yml`` with
Material, or a successor that reads Markdown), so rendering never depends on one
generator's internals."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from generator.content.briefs import read_briefs
from generator.content.merge import build_digest
from generator.content.registry import load_registries
from generator.core.errors import DigestError, Problem
from generator.core.model import Brief
from generator.core.project import Project, article_text_path
from generator.core.store import ResultCache, write_atomic
from generator.site.exports import export_files
from generator.site.feeds import feed_files
from generator.site.render import render_pages


@dataclass
class SiteFiles:
    """Generated pages (Markdown, relative path → text), files copied as they are (feeds,
    exports), and the problems of the files that were left out."""

    pages: dict[str, str] = field(default_factory=dict)
    assets: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def site_files(
    project: Project, templates: Path, site_url: str | None = None, page_cache: ResultCache | None = None
) -> SiteFiles:
    """Read the registries and briefs, build the digest and render every page. A broken
    file is reported in ``problems`` and left out; the rest is rendered. ``page_cache``:
    brief and article pages rendered before (:mod:`generator.site.page_cache`)."""
    if not templates.is_dir():
        raise DigestError.at(project.relative(templates), "templates folder not found")
    registries, problems = load_registries(project)
    briefs, brief_problems = read_briefs(project.briefs, project.root, cache=project.brief_cache)
    problems += brief_problems + project.refused_pages()
    stories = project.story_cache
    digest = build_digest(registries, briefs, stories)
    stories.keep_only_used()
    pages = render_pages(digest, templates, article_texts(project, briefs), page_cache)
    if page_cache is not None:
        page_cache.keep_only_used()
    cached = page_cache is not None  # the incremental machinery of a build, not of `digest render --out`
    exports = export_files(digest, project.export_cache if cached else None)
    feeds = feed_files(digest, site_url, project.feed_cache if cached else None)
    assets = {**exports, **feeds, SEARCH_SHARDS: search_shards_file([])}
    return SiteFiles(pages, assets, problems)  # a MkDocs build lists the shards of its mkdocs.yml (the plugin)


SEARCH_SHARDS = "search-shards.json"
"""Beside the site's pages: the other shard sites (``extra.search_shards`` of mkdocs.yml,
none by default) whose Pagefind indexes the search page merges into every search (see
README, "Publishing a very large digest"). Always written, so the search page never asks
for a missing file."""


def search_shards_file(shards: list[str]) -> str:
    return json.dumps({"shards": shards})


PROBLEMS_PAGE = "problems.md"


def with_problems_shown(pages: dict[str, str], problems: list[Problem]) -> dict[str, str]:
    """For a preview (``digest serve``): every page of a brief with a problem opens with a
    banner naming it, and a Problems page lists them all, so an editor sees on the page
    what a typo did, not only in the terminal. Never part of a published build."""
    from generator.site.escaping import escape_text

    shown = dict(pages)
    by_brief: dict[str, list[Problem]] = {}
    for problem in problems:
        if problem.file.startswith("content/briefs/") and problem.file.endswith(".yml"):
            by_brief.setdefault(problem.file.removeprefix("content/briefs/").removesuffix(".yml"), []).append(problem)
    for brief_id, found in by_brief.items():
        path = f"briefs/{brief_id}.md"
        if path in shown and shown[path].startswith("---\n"):
            end = shown[path].index("\n---\n", 4) + 5
            banner = "".join(f"    {escape_text(str(p))}\n\n" for p in found)
            shown[path] = (
                shown[path][:end] + f'\n!!! warning "{len(found)} problem(s) in this brief"\n\n{banner}'
                f"    [Every problem](../problems.md)\n" + shown[path][end:]
            )
    listing = "".join(f"- {escape_text(str(p))}\n" for p in problems) or "No problems.\n"
    shown[PROBLEMS_PAGE] = (
        f'---\ntitle: "Problems"\n---\n\n# Problems\n\n{len(problems)} problem(s) in the '
        f"briefs and registries; fix them and the pages follow on the next reload.\n\n{listing}"
    )
    return shown


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
        if (
            source.is_file()
            and source.is_relative_to(articles)
            and not given.is_symlink()
            and path.is_file()
            and not path.is_symlink()
        ):
            texts[brief.id] = path.read_text(encoding="utf-8")
    return texts


def hand_pages(project: Project) -> dict[str, Path]:
    """The hand-written pages and assets of ``content/pages`` (path under the docs → file),
    without what must not be read (:meth:`Project.refuses`)."""
    if not project.pages.is_dir():
        return {}
    return {
        p.relative_to(project.pages).as_posix(): p
        for p in sorted(project.pages.rglob("*"))
        if p.is_file() and not project.refuses(p)
    }


RENDER_MANIFEST = ".digest-render.json"
"""Inside a ``digest render --out`` folder: every file the last render wrote. A later render
removes only files listed there, never anything it did not write itself."""


def _refuse_out(project: Project, out: Path) -> None:
    """A render folder that could hold what is not ours is refused before anything is
    written: the project root or a folder above it, content/ or anything in it, a folder
    holding ``.git``, and a folder that is not empty and was not written by a render."""
    root, content, target = project.root.resolve(), project.content.resolve(), out.resolve()
    reason = None
    if target == root or target in root.parents:
        reason = "is the project folder or holds it"
    elif target == content or target.is_relative_to(content):
        reason = "is inside content/, where the articles and briefs live"
    elif (target / ".git").exists():
        reason = "holds a .git folder"
    elif target.is_dir() and any(target.iterdir()) and not (target / RENDER_MANIFEST).is_file():
        reason = f"is not empty and has no {RENDER_MANIFEST} (it was not written by digest render)"
    if reason:
        raise DigestError.at(str(out), f"refusing to render here: this folder {reason}; choose a new or empty folder")


def _previous_render(out: Path) -> set[str]:
    """The files the last render into ``out`` wrote (an unreadable manifest: none)."""
    try:
        listed = json.loads((out / RENDER_MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    return {p for p in listed.get("files", []) if isinstance(p, str)} if isinstance(listed, dict) else set()


def _inside(out: Path, relative: str) -> Path | None:
    """``out / relative`` when it stays inside ``out`` (a manifest entry is data, never trusted)."""
    target = out / relative
    return target if target.resolve().is_relative_to(out.resolve()) and not target.is_symlink() else None


BUILDERS = ("mkdocs", "zensical")
"""The tools ``digest render`` writes for. They read links in raw HTML differently: MkDocs
leaves them as written (so they are relative to the page's address, ``figures/``), Zensical
rewrites them as it rewrites Markdown links (relative to the Markdown file)."""
RAW_LINK = re.compile(r'(?P<attr>\b(?:href|src))="(?P<url>\.\./[^"]*)"')


def links_for_zensical(path: str, markdown: str) -> str:
    """A page's raw HTML links made relative to its Markdown file, as Zensical reads them:
    a page other than an index is served one folder down (``figures.md`` at ``figures/``),
    so its links climb one folder less. Markdown links are left alone (both tools agree)."""
    if path == "index.md" or path.endswith("/index.md"):
        return markdown
    return RAW_LINK.sub(lambda m: f'{m["attr"]}="{m["url"][3:]}"', markdown)


def write_markdown(
    project: Project, out: Path, templates: Path, site_url: str | None = None, builder: str = "mkdocs"
) -> SiteFiles:
    """``digest render --out``: the hand-written pages of ``content/pages`` and every
    generated file, written to ``out`` as a complete docs folder for ``builder`` (one of
    :data:`BUILDERS`). Files that an earlier render wrote (listed in
    ``out/.digest-render.json``) and that are no longer generated are removed; nothing else
    in ``out`` is ever touched (see :func:`_refuse_out`)."""
    if builder not in BUILDERS:
        raise DigestError.at("--for", f"unknown builder {builder!r}: choose {' or '.join(BUILDERS)}")
    _refuse_out(project, out)
    rendered = site_files(project, templates, site_url)
    wanted = {**rendered.pages, **rendered.assets}
    if builder == "zensical":
        markdown = {
            path: file.read_text(encoding="utf-8")
            for path, file in hand_pages(project).items()
            if path.endswith(".md") and path not in wanted
        }
        wanted |= {path: links_for_zensical(path, text) for path, text in {**markdown, **rendered.pages}.items()}
    out.mkdir(parents=True, exist_ok=True)
    previous = _previous_render(out)
    static = hand_pages(project)
    written = sorted(set(wanted) | set(static))
    # The manifest first: a render killed midway still knows every file it may have written.
    write_atomic(out / RENDER_MANIFEST, json.dumps({"files": sorted(previous | set(written))}, indent=0) + "\n")
    for relative, path in static.items():
        if relative not in wanted:
            target = out / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    for relative, text in wanted.items():
        write_atomic(out / relative, text)
    for relative in sorted(previous - set(written), reverse=True):
        stale = _inside(out, relative)
        if stale is not None and stale.is_file():
            stale.unlink()
            for folder in stale.parents:
                if folder == out or not folder.is_dir() or any(folder.iterdir()):
                    break
                folder.rmdir()
    write_atomic(out / RENDER_MANIFEST, json.dumps({"files": written}, indent=0) + "\n")
    return rendered
