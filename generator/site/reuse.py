"""Incremental builds: what each page of the last build was made from, so the next build
converts only the pages whose inputs changed and takes every other page, as it is, from
the site the last build published.

A generated page's HTML is a function of: its Markdown; whether each file it links to
exists (MkDocs turns a link to a page that exists into that page's address, and leaves
any other link as written); the navigation (printed on every page); and what every page
shares: mkdocs.yml, the theme and its version, this package's code (the sanitizer and the
checks of :mod:`generator.plugin`), --strict. A page's *key* is a digest of all of them; a
page whose key equals the one recorded by the last build is linked from the last site
instead of converted again. An asset (a feed, an export) is the same file when its bytes
are, so its key is its bytes. A page the last build withheld or warned about is never
recorded, so the next build converts it again and says so again.

The record is only believed for the site it describes: it carries the site's manifest
(every file's path, size and modification time), and a site changed since is built
whole."""

from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File

from generator.core.fingerprint import digest_of
from generator.core.store import write_atomic


class GeneratedFile(File):
    """A page or asset the digest generates; ``reused`` when the last site holds its output
    for the same key, so MkDocs neither converts nor writes it (MkDocs' ``dirty`` path)."""

    reused = False

    def is_modified(self) -> bool:
        return not self.reused and super().is_modified()


@dataclass
class LastBuild:
    """The site the last build published, the key of each page it holds and the key of
    each part of its search index (:mod:`generator.site.search_index`)."""

    site: Path
    keys: dict[str, str]
    search: dict[str, dict[str, str | int]] = field(default_factory=dict)


def load_last_build(record: Path, site: Path, manifest: str) -> LastBuild | None:
    """The last build's keys when ``record`` describes ``site`` as it is now (``manifest``);
    else None, and the build converts every page."""
    try:
        data = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("manifest") != manifest or not isinstance(data.get("keys"), dict):
        return None
    search = data.get("search")
    keys = {str(k): str(v) for k, v in data["keys"].items()}
    return LastBuild(site, keys, search if isinstance(search, dict) else {})


def save_record(
    record: Path, manifest: str, keys: dict[str, str], search: dict[str, dict[str, str | int]] | None = None
) -> None:
    data = {"manifest": manifest, "keys": dict(sorted(keys.items())), "search": search or {}}
    write_atomic(record, json.dumps(data, indent=0) + "\n")


def nav_key(items: Iterable[Any]) -> str:
    """The navigation as every page prints it: each entry's kind, title and address, and
    for an entry whose title the page itself gives (none in mkdocs.yml), that page's text."""
    return digest_of(*_nav_entries(items))


def _nav_entries(items: Iterable[Any]) -> Iterator[str]:
    for item in items:
        file = getattr(item, "file", None)
        yield f"{type(item).__name__}\0{item.title}\0{getattr(item, 'url', '')}"
        if item.title is None and file is not None:
            yield file.content_string
        yield from _nav_entries(getattr(item, "children", None) or [])


MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)")
HTML_LINKS = (re.compile(r'href="([^"]*)"'), re.compile(r'src="([^"]*)"'))
"""One pattern per kind of link, each opening with its own literal text, which the regex
engine finds by a fast scan; a pattern that opens with a branch (``\b(?:href|src)``) is
tried at every character, three times the time over a whole site's Markdown. An attribute
name must start a word (not ``data-src``'s ``src``: see :func:`_starts_a_word`)."""


def _starts_a_word(text: str, at: int) -> bool:
    return at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "_")


def linked_files(src_uri: str, markdown: str, paths: set[str]) -> list[str]:
    """Every relative link of the page with whether the file it names exists, in order."""
    here = posixpath.dirname(src_uri)
    found = []
    html = (m for pattern in HTML_LINKS for m in pattern.finditer(markdown) if _starts_a_word(markdown, m.start()))
    matches = sorted([*MARKDOWN_LINK.finditer(markdown), *html], key=lambda m: m.start())
    for match in matches:
        target = match[1].split("#", 1)[0].split("?", 1)[0]
        if not target or target.startswith("/") or ":" in target:
            continue
        resolved = posixpath.normpath(posixpath.join(here, target))
        found.append(f"{target}\0{resolved in paths}")
    return found


def page_key(shared: str, file: File, paths: set[str]) -> str:
    """A generated file's key (see the module's docstring); ``shared`` is what every page
    depends on, the navigation included."""
    if not file.is_documentation_page():
        return digest_of("asset", file.content_bytes)
    markdown = file.content_string
    return digest_of(shared, file.src_uri, markdown, *linked_files(file.src_uri, markdown, paths))


def link_from(last: Path, fresh: Path) -> bool:
    """``fresh`` made the same file as ``last`` (a hard link, else a copy); False when the
    last site lacks it. The last site is never written: MkDocs skips a reused file."""
    if last.is_symlink():
        return False
    try:
        fresh.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(last, fresh, follow_symlinks=False)
        except OSError:
            if not last.is_file():
                return False
            shutil.copy2(last, fresh)
    except OSError:
        return False
    return True
