"""Search: Pagefind's index of the published site, in parts, so that a build indexes
again only the parts whose pages changed.

Pagefind has no incremental mode: it indexes every page it is given, about 3 to 4 ms a
page here, which at 2,000 briefs (6,000 pages) was a fifth of a build where one claim
changed. So the pages of the large folders (:data:`PARTED_FOLDERS`: briefs, their article
texts, actors, stories) are spread over parts by a hash of their name (a brief's page and
its article text share a part), each part is its own Pagefind index under
``pagefind-parts/``, and every other page (front page, topics, sources, the guide) is in the
main index, ``pagefind/``. A part's *key* is a digest of its pages' HTML, Pagefind's
version and the indexing settings; a part whose key the last build recorded is linked
from the last site as it was, so a build that changed three pages indexes one or two
parts. The search page merges the parts listed in ``search-parts.json`` into each search
(Pagefind's own multisite merge, the one the shard sites use).

How many parts: enough that each holds about ``part_pages`` pages (the plugin's
``search_part_pages``), rounded up to a power of two so the count changes rarely (when it
does, every page moves and the next build indexes everything once), and at most
:data:`MAX_PARTS`, because a reader's first search loads each part's small search code
(about 70 KB) and metadata. A site with fewer pages than ``part_pages`` has one index."""

from __future__ import annotations

import asyncio
import gzip
import hashlib
import json
import os
import shutil
import tempfile
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from generator.core.errors import DigestError
from generator.core.fingerprint import digest_of

SEARCH_ROOT = "article.md-content__inner"
"""Only a page's content is indexed: never the navigation, header or footer."""
SEARCH_EXCLUDED = ("[data-search-exclude]", ".headerlink", ".md-source-file")
"""Kept out of the index: maps, filters, badges, arrows and download links (marked in the
templates), permalink signs."""

MAIN_INDEX = "pagefind"
PARTS_FOLDER = "pagefind-parts"
PARTS_LIST = "search-parts.json"
"""Beside the site's pages: the folders of the parts the search page merges into each search."""
PARTED_FOLDERS = ("briefs", "articles", "actors", "stories")
"""The folders whose pages are spread over parts: the ones that grow with the digest."""
PART_PAGES = 500
MAX_PARTS = 16
SEARCH_ATTEMPTS = 3


@dataclass(frozen=True)
class SearchPart:
    """One Pagefind index of the site: the main one (``name`` empty) or a part."""

    name: str
    pages: tuple[str, ...]

    @property
    def folder(self) -> str:
        return f"{PARTS_FOLDER}/{self.name}" if self.name else MAIN_INDEX


@dataclass
class SearchIndex:
    """What a build indexed: every part's key and page count (recorded for the next build),
    and how many parts it indexed again rather than took from the last site."""

    parts: dict[str, dict[str, str | int]] = field(default_factory=dict)
    indexed: int = 0

    @property
    def pages(self) -> int:
        return sum(int(part["pages"]) for part in self.parts.values())


def search_parts(site: Path, part_pages: int = PART_PAGES) -> list[SearchPart]:
    """The site's HTML pages as the main index and the parts (see the module's docstring);
    ``part_pages`` 0 keeps one index of the whole site."""
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if not _is_search_output(p, site))
    parted = [page for page in pages if page.count("/") >= 2 and page.split("/", 1)[0] in PARTED_FOLDERS]
    count = _part_count(len(parted), part_pages)
    if count <= 1:
        return [SearchPart("", tuple(pages))]
    members: dict[str, list[str]] = {}
    for page in parted:
        members.setdefault(f"p{_bucket(page.split('/')[1], count):02d}", []).append(page)
    rest = sorted(set(pages) - set(parted))
    return [SearchPart("", tuple(rest))] + [SearchPart(name, tuple(members[name])) for name in sorted(members)]


def _is_search_output(path: Path, site: Path) -> bool:
    return path.relative_to(site).parts[0] in (MAIN_INDEX, PARTS_FOLDER)


def _part_count(pages: int, part_pages: int) -> int:
    if part_pages <= 0 or pages <= part_pages:
        return 1
    count = 1
    while count * part_pages < pages and count < MAX_PARTS:
        count *= 2
    return count


def _bucket(name: str, count: int) -> int:
    """The same part for the same name in every process (not Python's salted ``hash``)."""
    return int.from_bytes(hashlib.sha256(name.encode("utf-8", "surrogateescape")).digest()[:4], "big") % count


def part_key(site: Path, part: SearchPart) -> str:
    """What a part's index is made from: its pages' addresses and HTML, the indexing settings
    and Pagefind's version."""
    from importlib.metadata import version

    parts: list[str | bytes] = [version("pagefind"), SEARCH_ROOT, *SEARCH_EXCLUDED, part.folder]
    for page in part.pages:
        parts += [page, hashlib.sha256((site / page).read_bytes()).hexdigest()]
    return digest_of(*parts)


def index_search(
    site: Path,
    last_site: Path | None = None,
    last_parts: dict[str, dict[str, str | int]] | None = None,
    part_pages: int = PART_PAGES,
) -> SearchIndex:
    """Pagefind's index of the built site, in parts (see the module's docstring), and the
    list of parts the search page merges. A part whose key ``last_parts`` (the last build's
    record) holds is linked from ``last_site``; every other part is indexed again, all of
    them at once by one Pagefind service.

    Pagefind's service can be stopped while it is still writing (seen here: about one run
    in six left ``pagefind-entry.json`` and two scripts empty, which breaks every search),
    so what it wrote is checked and, when incomplete, indexed again from nothing."""
    result = SearchIndex()
    todo: dict[str, SearchPart] = {}
    for part in search_parts(site, part_pages):
        key = part_key(site, part)
        result.parts[part.name] = {"key": key, "pages": len(part.pages)}
        last = (last_parts or {}).get(part.name)
        if last_site is None or not last or last.get("key") != key or not _link_tree(last_site, site, part.folder):
            todo[part.name] = part
    result.indexed = len(todo)
    problems: dict[str, str] = {}
    for _ in range(SEARCH_ATTEMPTS):
        if not todo:
            break
        counts = _run_pagefind(site, list(todo.values()))
        for name, part in list(todo.items()):
            result.parts[name]["pages"] = counts[name]
            problems[name] = incomplete_index(site / part.folder)
            if not problems[name]:
                del todo[name]
    if todo:
        name = next(iter(todo))
        raise DigestError.at(
            str(site / todo[name].folder),
            f"Pagefind wrote an incomplete search index {SEARCH_ATTEMPTS} times: {problems[name]}",
        )
    folders = [f"{PARTS_FOLDER}/{name}/" for name in result.parts if name]
    (site / PARTS_LIST).write_text(json.dumps({"parts": folders}), encoding="utf-8")
    return result


def _link_tree(last_site: Path, site: Path, folder: str) -> bool:
    """``site/folder`` made of the same files as ``last_site/folder`` (hard links, else
    copies); False, with nothing left behind, when the last site lacks it."""
    source, target = last_site / folder, site / folder
    if not (source / "pagefind-entry.json").is_file():
        return False
    shutil.rmtree(target, ignore_errors=True)
    try:
        shutil.copytree(source, target, copy_function=_link_or_copy)
    except (OSError, shutil.Error):
        shutil.rmtree(target, ignore_errors=True)
        return False
    return True


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _run_pagefind(site: Path, parts: list[SearchPart]) -> dict[str, int]:
    """Each part indexed by one Pagefind service, from a folder of hard links to its pages
    beside the site (the pages' addresses stay those of the site). Returns each part's
    number of pages indexed."""
    from pagefind.service import PagefindService

    config = {"root_selector": SEARCH_ROOT, "exclude_selectors": list(SEARCH_EXCLUDED)}

    async def index(service: PagefindService, part: SearchPart, stage: Path) -> int:
        shutil.rmtree(site / part.folder, ignore_errors=True)
        found = await service.create_index(config)  # type: ignore[arg-type]
        added = await found.add_directory(str(stage))
        await found.write_files(output_path=str(site / part.folder))
        return int(added.get("page_count", 0)) if isinstance(added, dict) else 0

    async def serve(share: list[SearchPart], stages: dict[str, Path]) -> list[int]:
        async with PagefindService() as service:
            return [await index(service, part, stages[part.name]) for part in share]

    async def run(stages: dict[str, Path]) -> dict[str, int]:
        services = max(1, min(len(parts), os.cpu_count() or 1))
        shares = [parts[n::services] for n in range(services)]
        counts = await asyncio.gather(*(serve(share, stages) for share in shares))
        return {
            part.name: count
            for share, found in zip(shares, counts, strict=True)
            for part, count in zip(share, found, strict=True)
        }

    with tempfile.TemporaryDirectory(prefix=f".{site.name}.search-", dir=site.parent) as tmp:
        stages = {part.name: _stage(site, part, Path(tmp) / (part.name or "main")) for part in parts}
        with ThreadPoolExecutor(1) as thread:  # its own event loop, even when the caller runs one (a browser driver)
            return thread.submit(asyncio.run, run(stages)).result()


def _stage(site: Path, part: SearchPart, stage: Path) -> Path:
    for page in part.pages:
        target = stage / page
        target.parent.mkdir(parents=True, exist_ok=True)
        _link_or_copy(str(site / page), str(target))
    stage.mkdir(parents=True, exist_ok=True)
    return stage


def incomplete_index(output: Path) -> str:
    """What is wrong with a written Pagefind index ("" when nothing): an empty file (every
    file Pagefind writes has content), an entry file that is not JSON, or an index it
    names that is not there."""
    if not output.is_dir():
        return "no pagefind folder"
    empty = sorted(p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file() and not p.stat().st_size)
    if empty:
        return f"{len(empty)} empty file(s): {', '.join(empty[:3])}"
    try:
        entry = json.loads((output / "pagefind-entry.json").read_text(encoding="utf-8"))
        languages = entry["languages"].values()
        missing = [f"pagefind.{lang['hash']}.pf_meta" for lang in languages]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return "pagefind-entry.json is missing or not Pagefind's"
    missing = [name for name in missing if not (output / name).is_file()]
    if missing:
        return f"missing {', '.join(missing)}"
    for path in sorted(output.rglob("*")):
        if path.suffix.startswith(".pf_") or path.suffix == ".pagefind":  # gzip, each one
            try:
                gzip.decompress(path.read_bytes())
            except (OSError, EOFError, zlib.error):
                return f"{path.relative_to(output).as_posix()} is cut short"
    return ""
