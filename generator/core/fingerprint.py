"""Digests of files: what decides whether work already done is still current (the
extractor's cache key, the site build's)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent
"""The installed ``generator`` package: its code and data are inputs of both keys."""


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
