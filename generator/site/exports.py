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
from generator.core.fingerprint import digest_of, site_code_digest
from generator.core.model import ACTORS, SECTIONS, Brief
from generator.core.store import ResultCache


def exported() -> list[str]:
    """Every registered section but the actor table (actors have their own pages)."""
    return [name for name in SECTIONS if name != ACTORS]


BRIEF_COLUMNS = ("brief_id", "brief_title", "outlet", "published", "reviewed", "brief_url")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
SEPARATORS = ",;\t|\r\n"
AFTER_SEPARATOR = re.compile(r"([" + re.escape(SEPARATORS) + r"][ \t]*)(?=[=+\-@])")
"""A separator a spreadsheet may split on, and the spaces after it, before a formula start."""
FORMULA_INSIDE = re.compile(r"[=+\-@]")


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


def _brief_rows(digest: Digest, section: str, brief: Brief, names: list[str]) -> list[tuple[Any, dict[str, Any]]]:
    source = digest.source_of(brief)
    context = {
        "brief_id": brief.id,
        "brief_title": brief.title,
        "outlet": source.name if source else None,
        "published": brief.source.published.isoformat() if brief.source.published else None,
        "reviewed": brief.reviewed,
        "brief_url": f"briefs/{brief.id}/",
    }
    out = []
    for item in getattr(brief, section):
        row = item.model_dump(mode="json")
        for ref in SECTIONS[section].references:
            row[f"{ref}_name"] = _actor_name(digest, brief, row.get(ref))
        for listed in SECTIONS[section].mentions:
            row[f"{listed}_names"] = (
                None if row.get(listed) is None else [_actor_name(digest, brief, ref) for ref in row[listed]]
            )
        out.append((item, {name: row.get(name, context.get(name)) for name in names}))
    return out


def _brief_key(digest: Digest, sections: list[str], brief: Brief, code: str) -> str:
    """What a brief's lines of the exports are made from: the brief, its outlet's name and
    the name behind every actor id its items use, and the code."""
    refs: list[str] = []
    for section in sections:
        spec = SECTIONS[section]
        for item in getattr(brief, section):
            refs += [getattr(item, ref) or "" for ref in spec.references]
            refs += [r for listed in spec.mentions for r in (getattr(item, listed) or [])]
    source = digest.source_of(brief)
    named = [f"{ref}\0{_actor_name(digest, brief, ref)}" for ref in dict.fromkeys(refs)]
    return digest_of(code, *sections, brief.model_dump_json(), source.name if source else "-", *named)


def _brief_lines(
    digest: Digest, brief: Brief, names: dict[str, list[str]], cache: ResultCache | None, code: str
) -> dict[str, list[tuple[Any, str, str]]]:
    """Per section, (item, CSV line, JSON line) for each item of ``brief``; with ``cache``,
    read back when the brief and the names it shows are what they were."""
    sections = list(names)
    key = _brief_key(digest, sections, brief, code) if cache is not None else None
    if cache is not None and key is not None and (text := cache.get(key)) is not None:
        try:
            lines = json.loads(text)
            return {
                section: [
                    (item, str(c), str(j)) for item, (c, j) in zip(getattr(brief, section), lines[section], strict=True)
                ]
                for section in sections
            }
        except (ValueError, TypeError, KeyError):
            pass  # a torn or foreign entry is a miss
    made = {
        section: [
            (item, csv_line(row), json_line(row)) for item, row in _brief_rows(digest, section, brief, names[section])
        ]
        for section in sections
    }
    if cache is not None and key is not None:
        cache.put(key, json.dumps({section: [[c, j] for _, c, j in lines] for section, lines in made.items()}))
    return made


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
        if FORMULA_INSIDE.search(value):  # a quick test first: most cells hold no formula start at all
            value = AFTER_SEPARATOR.sub(lambda m: m.group(1) + "'", value)
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    return value


def csv_header(section: str) -> str:
    return ",".join(f'"{name}"' for name in columns(section)) + "\r\n"


def csv_line(row: dict[str, Any]) -> str:
    """One CSV record: every text cell quoted, so a separator inside it never starts a new cell."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC).writerow(
        [csv_cell(value) for value in row.values()]
    )
    return buffer.getvalue()


def json_line(row: dict[str, Any]) -> str:
    """One JSON object with <, > and & escaped, so no consumer that pastes it into HTML opens a tag."""
    text = json.dumps(row, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def json_array(lines: list[str]) -> str:
    """A JSON array of objects, one per line: readable, and written by the C encoder."""
    return "[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n"


def export_files(digest: Digest, cache: ResultCache | None = None) -> dict[str, str]:
    """Every export, path under the site → text: ``exports/<section>.csv|json`` and
    ``exports/topics/<topic>/<section>.csv|json``. Each item is formatted once; a topic's
    files take the lines of the items on that topic (the topic page's rule).

    With ``cache``, each brief's lines are read back while the brief and the names it shows
    are unchanged: a build after one edit formats one brief's items, not the digest's."""
    files: dict[str, str] = {}
    topics = [(topic_id, topic) for topic_id, topic in sorted(digest.topics.items()) if topic.briefs]
    code = site_code_digest() if cache is not None else ""
    names = {section: columns(section) for section in exported()}  # once: pydantic's model_fields is slow to read
    lines = [(brief, _brief_lines(digest, brief, names, cache, code)) for brief in digest.briefs]
    for section in exported():
        header = csv_header(section)
        every = [(brief, item, csv, js) for brief, made in lines for item, csv, js in made[section]]
        files[f"exports/{section}.csv"] = header + "".join(line for *_, line, _ in every)
        files[f"exports/{section}.json"] = json_array([line for *_, line in every])
        for topic_id, topic in topics:
            on = {b.id for b in topic.briefs}
            chosen = [e for e in every if e[0].id in on and digest.on_topic(e[1], topic.topic)]
            files[f"exports/topics/{topic_id}/{section}.csv"] = header + "".join(e[2] for e in chosen)
            files[f"exports/topics/{topic_id}/{section}.json"] = json_array([e[3] for e in chosen])
    if cache is not None:
        cache.keep_only_used()
    return files
