"""Sections from other packages. A package that adds a kind of brief item declares an
entry point in the group :data:`GROUP`; importing it registers its ``SectionSpec``,
its extractor component and its scorer. Every process that handles briefs loads them
once: the command line, the MkDocs plugin, and each extraction worker (the process pool
spawns fresh interpreters, Ray starts its own), so a section is extracted, merged and
rendered the same way whatever runs it.

In a plugin's ``pyproject.toml``::

    [project.entry-points."briefing_digest.sections"]
    events = "digest_events"
"""

from __future__ import annotations

import sys
from importlib.metadata import entry_points
from pathlib import Path

from generator.core.errors import DigestError
from generator.core.fingerprint import files_digest

GROUP = "briefing_digest.sections"
_LOADED: dict[str, str] = {}


def load_section_plugins() -> list[str]:
    """Import every installed section plugin not imported yet in this process; returns
    the names of all loaded. A plugin that fails to import stops the run with its name."""
    for entry in entry_points(group=GROUP):
        if entry.name in _LOADED:
            continue
        try:
            entry.load()
        except Exception as exc:  # a broken plugin must say which one, not crash deep inside
            raise DigestError.at(
                f"entry point {entry.name} = {entry.value}",
                f"section plugin failed to load: {type(exc).__name__}: {exc}",
            ) from exc
        _LOADED[entry.name] = entry.value
    return sorted(_LOADED)


def plugins_key() -> str:
    """What the loaded plugins add to the extractor key (``+events.1a2b3c4d5e``): their
    names and a digest of their code, so installing or changing one makes every brief
    stale and the next ``digest extract`` adds its items. Empty without plugins."""
    if not _LOADED:
        return ""
    files: list[Path] = []
    for value in _LOADED.values():
        module = sys.modules.get(value.split(":")[0].strip())
        path = Path(getattr(module, "__file__", "") or "")
        if path.name == "__init__.py":
            files += path.parent.rglob("*.py")
        elif path.is_file():
            files.append(path)
    roots = {path.parent for path in files}
    code = files_digest(files, min(roots, key=lambda p: len(p.parts)) if roots else Path("/"))
    return f"+{'-'.join(sorted(_LOADED))}.{code}"
