"""Publish: run MkDocs on the project, which renders the pages through the digest plugin."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from .errors import DigestError
from .project import Project


def build_site(project: Project, strict: bool = False) -> Path:
    """``mkdocs build`` for the project; returns the site folder.

    The site is built into a fresh folder beside it and swapped in only when complete, so
    a build killed at any moment leaves the previous site whole (or, killed between the
    two renames of the swap, the next build puts the previous one back first)."""
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
        fresh = site.with_name(f".{site.name}.building-{os.getpid()}")
        shutil.rmtree(fresh, ignore_errors=True)
        config["site_dir"] = str(fresh)
        build(config)
    except MkDocsException as exc:
        raise DigestError.at(project.relative(config_file), f"mkdocs build failed: {exc}") from exc
    _swap_in(fresh, site)
    return site


SEARCH_ROOT = "article.md-content__inner"
"""Only a page's content is indexed: never the navigation, header or footer."""
SEARCH_EXCLUDED = ("[data-search-exclude]", ".headerlink", ".md-source-file")
"""Kept out of the index: maps, filters, badges, arrows and download links (marked in the
templates), permalink signs."""


def index_search(site: Path) -> int:
    """Pagefind's index of the built site, in ``site/pagefind``: split in small chunks, so
    a reader's search downloads only the words it looks up (Material's own search loads
    one index of the whole site into every reader). Returns the number of pages indexed."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from pagefind.index import IndexConfig, PagefindIndex

    async def run() -> int:
        config = IndexConfig(root_selector=SEARCH_ROOT, exclude_selectors=list(SEARCH_EXCLUDED),
                             output_path=str(site / "pagefind"))
        async with PagefindIndex(config=config) as index:
            added = await index.add_directory(str(site))
        return int(added.get("page_count", 0)) if isinstance(added, dict) else 0

    with ThreadPoolExecutor(1) as thread:  # its own event loop, even when the caller runs one (a browser driver)
        return thread.submit(asyncio.run, run()).result()


def _old(site: Path) -> Path:
    return site.with_name(f".{site.name}.previous")


def _recover(site: Path) -> None:
    """Undo what a killed build left: the previous site back in place, stray folders gone."""
    if not site.exists() and _old(site).is_dir():
        _old(site).rename(site)
    for stray in site.parent.glob(f".{site.name}.building-*"):
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
