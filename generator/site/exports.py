"""Exports: every claim, figure and scenario of the digest as CSV and JSON, one file per
section for the whole digest and one per topic, for an analyst's spreadsheet or notebook.

Columns come from the item models (so a field added to the brief contract is exported
without touching this module), then the brief the item belongs to and the names behind
its actor ids. Ids are the briefs' own, so a row can be traced to its YAML. Text from
articles and YAML is untrusted: a CSV cell that a spreadsheet would run as a formula is
neutralised, and JSON escapes the characters that could end an HTML context."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

from generator.content.merge import Digest
from generator.core.model import ACTORS, SECTIONS, Brief


def exported() -> list[str]:
    """Every registered section but the actor table (actors have their own pages)."""
    return [name for name in SECTIONS if name != ACTORS]


BRIEF_COLUMNS = ("brief_id", "brief_title", "outlet", "published", "reviewed", "brief_url")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
SEPARATORS = ",;\t|\r\n"
AFTER_SEPARATOR = re.compile(r"([" + re.escape(SEPARATORS) + r"][ \t]*)(?=[=+\-@])")
"""A separator a spreadsheet may split on, and the spaces after it, before a formula start."""


def columns(section: str) -> list[str]:
    """The columns of one section's export: the brief's item fields, a ``<ref>_name``
    after each actor reference (``<field>_names`` after a list of them), then the brief's
    own columns."""
    out: list[str] = []
    spec = SECTIONS[section]
    for name in spec.item.model_fields:
        out.append(name)
        if name in spec.references:
            out.append(f"{name}_name")
        elif name in spec.mentions:
            out.append(f"{name}_names")
    return [*out, *BRIEF_COLUMNS]


def rows(digest: Digest, section: str, briefs: list[Brief] | None = None, topic=None) -> list[dict[str, Any]]:
    """One row per item of ``section`` in ``briefs`` (default: all), in brief order; with
    ``topic``, only the items whose text or evidence is on it (the topic page's rule)."""
    out = []
    for brief in briefs if briefs is not None else digest.briefs:
        source = digest.source_of(brief)
        context = {
            "brief_id": brief.id,
            "brief_title": brief.title,
            "outlet": source.name if source else None,
            "published": brief.source.published.isoformat() if brief.source.published else None,
            "reviewed": brief.reviewed,
            "brief_url": f"briefs/{brief.id}/",
        }
        for item in getattr(brief, section):
            if topic is not None and not digest.on_topic(item, topic):
                continue
            row = item.model_dump(mode="json")
            for ref in SECTIONS[section].references:
                row[f"{ref}_name"] = _actor_name(digest, brief, row.get(ref))
            for listed in SECTIONS[section].mentions:
                row[f"{listed}_names"] = (
                    None if row.get(listed) is None else [_actor_name(digest, brief, ref) for ref in row[listed]]
                )
            out.append({name: row.get(name, context.get(name)) for name in columns(section)})
    return out


def _actor_name(digest: Digest, brief: Brief, local_id: str | None) -> str | None:
    actor = digest.actor(brief, local_id)
    return actor.name if actor else digest.speaker_name(brief, local_id)


def csv_cell(value: Any) -> Any:
    """A value a spreadsheet shows and never runs: a string that starts like a formula
    (=, +, -, @, or a control character) gets a leading apostrophe, the OWASP remedy."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, list):  # ids or names: one cell, "; " between them
        value = "; ".join(str(v) for v in value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return int(value)
    if isinstance(value, str):
        # A spreadsheet may split a cell on any separator it guesses (a semicolon in much of
        # Europe): each piece that would start like a formula is neutralised, not only the first.
        value = AFTER_SEPARATOR.sub(lambda m: m.group(1) + "'", value)
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    return value


def to_csv(section: str, items: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    # Every text cell quoted, so a separator inside it never starts a new cell.
    writer = csv.DictWriter(buffer, fieldnames=columns(section), lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC)
    writer.writeheader()
    for row in items:
        writer.writerow({key: csv_cell(value) for key, value in row.items()})
    return buffer.getvalue()


def to_json(items: list[dict[str, Any]]) -> str:
    """JSON with <, > and & escaped, so no consumer that pastes it into HTML opens a tag."""
    text = json.dumps(items, ensure_ascii=False, indent=1, sort_keys=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"


def export_files(digest: Digest) -> dict[str, str]:
    """Every export, path under the site → text: ``exports/<section>.csv|json`` and
    ``exports/topics/<topic>/<section>.csv|json``."""
    files: dict[str, str] = {}
    for section in exported():
        everything = rows(digest, section)
        files[f"exports/{section}.csv"] = to_csv(section, everything)
        files[f"exports/{section}.json"] = to_json(everything)
        for topic_id, topic in sorted(digest.topics.items()):
            if topic.briefs:
                on_topic = rows(digest, section, topic.briefs, topic.topic)
                files[f"exports/topics/{topic_id}/{section}.csv"] = to_csv(section, on_topic)
                files[f"exports/topics/{topic_id}/{section}.json"] = to_json(on_topic)
    return files
