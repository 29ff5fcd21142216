"""Digests of files: what decides whether work already done is still current (the
extractor's cache key, the site build's)."""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent
"""The installed ``generator`` package: its code and data are inputs of both keys."""


def digest_of(*parts: str | bytes) -> str:
    """One digest of several parts, each length-prefixed, so no two lists of parts collide
    by where one ends and the next begins."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def files_digest(files: Iterable[Path], root: Path, length: int = 10) -> str:
    """A short digest of the files' names (relative to ``root``) and bytes, in name order.
    Folders, caches and files that vanish meanwhile are skipped."""
    digest = hashlib.sha256()
    for path in sorted(files, key=lambda p: p.as_posix()):
        if "__pycache__" in path.parts:
            continue
        try:
            data = path.read_bytes()
        except (IsADirectoryError, FileNotFoundError, PermissionError):
            continue
        digest.update(os.fsencode(path.relative_to(root).as_posix()) + b"\0" + data + b"\0")  # names as bytes
    return digest.hexdigest()[:length]


SITE_CODE = ("core", "content", "site", "data", "plugin.py")
"""The parts of the package a site build runs (a test holds that it imports nothing else):
what a page's HTML and a parsed brief can depend on. Extraction code is not among them, so
a change to a rule of extraction rebuilds no page."""


@functools.lru_cache(maxsize=1)
def site_code_digest() -> str:
    """:func:`code_digest` of :data:`SITE_CODE`, once per process: keys made per brief or
    per feed need it thousands of times, and the code does not change while it runs."""
    return code_digest()


def code_digest(parts: Iterable[str] = SITE_CODE) -> str:
    """A digest of the package's files under ``parts`` (folders or files of PACKAGE_DIR)."""
    files: list[Path] = []
    for part in parts:
        path = PACKAGE_DIR / part
        files += list(path.rglob("*")) if path.is_dir() else [path]
    return files_digest(files, PACKAGE_DIR, 64)
