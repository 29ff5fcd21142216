"""Block YAML for plain data, written as :func:`generator.core.store.dumps` writes it with
ruamel.yaml (mappings indented 2, sequences 4 with the dash at 2), about ten times
faster. Extraction writes every new brief and every base this way: ruamel's pure-Python
emitter was most of the time the parent process spends per brief.

Only what can be written without ruamel's judgment is written here: plain dicts and
lists, keys that are simple names, scalars that are plain or single-quoted on one line.
Anything else (a comment-carrying round-trip map, a line break or an unprintable
character in a string, a float in exponent form, a list in a list) raises
:class:`NotPlain`, and the caller lets ruamel write the whole document. A string is
written plain only where ruamel writes it plain, so ruamel reads the text back and
writes it again byte for byte (the test compares the two on real briefs and random
strings)."""

from __future__ import annotations

import re
from typing import Any

import yaml

SCALAR_LIMIT = 1000
"""Longer strings go to ruamel, which folds lines past its width."""
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_INDICATORS = "#,[]{}&*!|>'\"%@`"
_STR = "tag:yaml.org,2002:str"


class NotPlain(ValueError):
    """The data holds something this writer leaves to ruamel."""


def block_yaml(data: dict, resolver: yaml.resolver.BaseResolver) -> str:
    """``data`` (a plain mapping) as block YAML; ``resolver`` tells which plain scalars
    would read back as something other than a string (YAML 1.2, as the loader reads)."""
    if type(data) is not dict:
        raise NotPlain("not a plain mapping")
    lines: list[str] = []
    _mapping(data, 0, lines, resolver)
    return "\n".join(lines) + "\n"


def _mapping(data: dict, indent: int, lines: list[str], resolver, first: str | None = None) -> None:
    """Keys at ``indent``; ``first`` is the dash prefix of the first key's line in a list."""
    for position, (key, value) in enumerate(data.items()):
        if not isinstance(key, str) or not _KEY.fullmatch(key):
            raise NotPlain(f"key {key!r}")
        lead = first if first is not None and position == 0 else " " * indent
        if type(value) is dict and value:
            lines.append(f"{lead}{key}:")
            _mapping(value, indent + 2, lines, resolver)
        elif type(value) is list and value:
            lines.append(f"{lead}{key}:")
            _sequence(value, indent + 2, lines, resolver)
        else:
            lines.append(f"{lead}{key}: {_scalar(value, resolver)}")


def _sequence(items: list, indent: int, lines: list[str], resolver) -> None:
    """Dashes at ``indent``, an item's content two further in."""
    dash = " " * indent + "- "
    for item in items:
        if type(item) is dict and item:
            _mapping(item, indent + 2, lines, resolver, first=dash)
        elif type(item) in (dict, list):
            raise NotPlain("a list or an empty mapping in a list")
        else:
            lines.append(dash + _scalar(item, resolver))


def _scalar(value: Any, resolver) -> str:
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if type(value) is int:
        return str(value)
    if type(value) is float:
        text = repr(value)
        if not re.fullmatch(r"-?\d+\.\d+", text):
            raise NotPlain(f"float {text}")
        return text
    if type(value) is list and not value:
        return "[]"
    if type(value) is dict and not value:
        return "{}"
    if type(value) is not str:
        raise NotPlain(f"a {type(value).__name__}")
    return _string(value, resolver)


def _string(text: str, resolver) -> str:
    if len(text) > SCALAR_LIMIT or not text.isprintable():
        raise NotPlain("a long, multi-line or unprintable string")
    if _plain(text) and resolver.resolve(yaml.ScalarNode, text, (True, False)) == _STR:
        return text
    if "'" in text:  # ruamel's choice: double quotes rather than doubled apostrophes
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return "'" + text + "'"


def _plain(text: str) -> bool:
    """Would ruamel write the (printable, one-line) string without quotes in block context?"""
    if not text or text != text.strip(" ") or text.startswith(("---", "...")):
        return False
    first, second = text[0], text[1:2]
    if first in _INDICATORS or (first in "-?:" and second in ("", " ")):
        return False
    return ": " not in text and not text.endswith(":") and " #" not in text
