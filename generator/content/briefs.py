"""Briefs on disk: serialize a brief as editor-friendly YAML, read all briefs
back with every problem reported, and write a re-extracted brief without
losing an editor's changes.

Hand edits are told apart from machine output with a base: the extractor's
last output for the brief, kept in ``content/extracted/``. An item equal to
its base is the machine's and may be replaced; anything else is the editor's
and is kept. An item in the base but missing from the brief was deleted by the
editor: its id is recorded under the brief's ``deleted`` and it is not brought back,
even when the article later loses and regains its sentence, until an editor removes
the id. Comments are never lost (:mod:`.comments`).
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from generator.content.comments import SCHEMA_HEADER_START, CommentInventory
from generator.core.errors import DigestError, Problem
from generator.core.fingerprint import code_digest
from generator.core.model import ACTORS, SECTIONS, Brief, flag_is_set
from generator.core.project import refusal
from generator.core.store import ResultCache, dumps, load_model, load_yaml, to_plain, write_atomic

SCHEMA_HEADER = "# yaml-language-server: $schema=../../generator/schemas/brief.schema.json"
EDITABLE_SCALARS = ("title", "kind", "summary", "topics")
MACHINE_FIELDS = ("sha256",)


def brief_to_data(brief: Brief) -> dict[str, Any]:
    """The brief as plain data in the contract's key order; whole numbers stay whole.
    ``anonymous`` and ``deleted`` are written only when they say something."""
    data = _whole_numbers(brief.model_dump(mode="json"))
    if not data.get("deleted"):
        data.pop("deleted", None)
    for actor in data.get("actors", []):
        if not flag_is_set(actor.get("anonymous")):
            actor.pop("anonymous", None)
    return data


def _whole_numbers(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _whole_numbers(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_whole_numbers(v) for v in data]
    if isinstance(data, float) and data.is_integer() and abs(data) < 1e18:
        return int(data)
    return data


def brief_yaml(data: Any) -> str:
    return with_schema_header(dumps(data))


def with_schema_header(text: str) -> str:
    """The brief's YAML under the line that links its JSON Schema for editors."""
    return SCHEMA_HEADER + "\n" + text


@functools.cache
def _parser_key() -> str:
    """What a parsed brief depends on besides its bytes: the model's and the reader's code
    (``core`` and ``content``), and each installed section with its item's schema (a
    section plugin added or changed)."""
    sections = json.dumps({name: spec.item.model_json_schema() for name, spec in sorted(SECTIONS.items())})
    return code_digest(("core", "content")) + sections


def read_brief(path: Path, display: str, unknown: set[str] | None = None, cache: ResultCache | None = None) -> Brief:
    """One brief. Sections no installed plugin registers (a brief written with a section
    plugin that is gone) are kept in the file, left out of the model and added to ``unknown``.

    With ``cache``, a brief whose bytes parsed before (with this code) is read back from
    the cache as validated JSON, several times faster than YAML: a build after one
    brief changed parses one brief."""
    key = None
    if cache is not None:
        try:
            key = cache.key(_parser_key(), path.stem, path.read_bytes())
        except OSError:
            key = None  # unreadable: the careful path below says why
        if key is not None and (hit := _cached_brief(cache, key, unknown)) is not None:
            return hit
    found: set[str] = set()
    brief = _parse_brief(path, display, found)
    if unknown is not None:
        unknown.update(found)
    if cache is not None and key is not None:
        cache.put(key, json.dumps({"unknown": sorted(found), "brief": brief.model_dump(mode="json")}))
        _VALIDATED[(str(cache.folder), key)] = (brief, sorted(found))
    return brief


_VALIDATED: dict[tuple[str, str], tuple[Brief, list[str]]] = {}
"""Briefs read from a cache in this process, by its folder and key (bytes and code), with their
unknown sections: ``digest build`` reads every brief twice (the check, then the render),
and validating the cached JSON is most of a read. Holds the briefs of each folder's last
whole pass, no more; another folder never sees them (it holds its own entries)."""


def _cached_brief(cache: ResultCache, key: str, unknown: set[str] | None) -> Brief | None:
    if (str(cache.folder), key) in _VALIDATED:  # by folder too: another cache holds its own entries
        brief, found = _VALIDATED[(str(cache.folder), key)]
        cache.used.add(key)
    else:
        text = cache.get(key)
        if text is None:
            return None
        try:
            entry = json.loads(text)
            brief, found = Brief.model_validate(entry["brief"]), list(entry.get("unknown", []))
        except (ValueError, KeyError, TypeError, ValidationError):
            return None  # a torn or foreign entry is a miss
        _VALIDATED[(str(cache.folder), key)] = (brief, found)
    if unknown is not None:
        unknown.update(found)
    return brief


def _parse_brief(path: Path, display: str, unknown: set[str]) -> Brief:

    def set_aside(data: Any) -> Any:
        if isinstance(data, dict):
            found = unknown_sections(data)
            unknown.update(found)
            for name in found:
                data.pop(name, None)
                if isinstance(data.get("deleted"), dict):
                    data["deleted"].pop(name, None)
        return data

    brief = load_model(path, Brief, display, set_aside)
    if brief.id != path.stem:
        raise DigestError.at(display, f"id {brief.id!r} must equal the file name {path.stem!r}", 1, 1, "id")
    return brief


MAX_ISOLATION_ROUNDS = 3


def _without_bad_items(path: Path, display: str, unknown: set[str]) -> Brief | None:
    """A brief whose problems all lie inside items of its sections (an unknown speaker id,
    a misspelt field): the brief without those items, so one typo costs one line, not the
    brief, its article page and its actors' pages. None when a problem lies elsewhere (the
    title, the source, the YAML itself)."""
    try:
        data = to_plain(load_yaml(path, display))
    except DigestError:
        return None
    if not isinstance(data, dict):
        return None
    for name in unknown_sections(data):
        data.pop(name, None)
    for _ in range(MAX_ISOLATION_ROUNDS):  # an actor left out can leave items pointing at it
        bad = _bad_items(data)
        if bad is None:
            return None
        if not bad:
            break
        for section, index in sorted(bad, reverse=True):
            del data[section][index]
    try:
        brief = Brief.model_validate(data)
    except ValidationError:
        return None
    return brief if brief.id == path.stem else None


def _bad_items(data: dict) -> set[tuple[str, int]] | None:
    """(section, index) of every item that fails on its own or refers to what is not there;
    None when something outside the items fails."""
    bad: set[tuple[str, int]] = set()
    for section, spec in SECTIONS.items():
        items = data.get(section)
        if items is None:
            continue
        if not isinstance(items, list):
            return None
        for index, item in enumerate(items):
            try:
                spec.item.model_validate(item)
            except ValidationError:
                bad.add((section, index))
    bad |= {(str(loc[0]), loc[1]) for loc, _ in Brief.cross_problems(data) if len(loc) >= 2 and isinstance(loc[1], int)}
    if not bad:
        try:
            Brief.model_validate(data)
        except ValidationError:
            return None  # the fault is not in an item
    return bad


def unknown_sections(data: dict) -> list[str]:
    """Names of list sections in brief data (or in its ``deleted``) that no registered
    section has: written by a section plugin that is not installed here."""
    fields = set(Brief.model_fields)
    found = [key for key, value in data.items() if key not in fields and isinstance(value, list)]
    deleted = data.get("deleted")
    if isinstance(deleted, dict):
        found += [key for key in deleted if key not in SECTIONS and key not in found]
    return found


def read_briefs(
    folder: Path, display_root: Path, ids: Iterable[str] | None = None, cache: ResultCache | None = None
) -> tuple[list[Brief], list[Problem]]:
    """Every valid brief in ``folder`` (or only those of ``ids``), and every problem of
    the invalid ones. ``cache``: see :func:`read_brief`; after reading the whole folder,
    entries of briefs no longer there (or changed since) are dropped."""
    briefs: list[Brief] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    unknown: set[str] = set()
    paths = sorted(folder.glob("*.yml")) if ids is None else sorted(folder / f"{i}.yml" for i in set(ids))
    for path in paths:
        display = _display(path, display_root)
        if (refused := refusal(display_root, path)) and path.exists():
            problems.append(Problem(display, refused))
            continue
        try:
            brief = read_brief(path, display, unknown, cache)
        except DigestError as exc:
            kept = _without_bad_items(path, display, unknown)
            if kept is None:
                problems.extend(exc.problems)
                continue
            problems.extend(
                replace(p, message=f"{p.message} (this item is left out; the rest of the brief builds)")
                for p in exc.problems
            )
            brief = kept
        if brief.id in seen:
            problems.append(Problem(display, f"duplicate brief id {brief.id!r} (also {seen[brief.id]})", 1, 1, "id"))
            continue
        seen[brief.id] = display
        briefs.append(brief)
    if cache is not None and ids is None:
        cache_folder = str(cache.folder)
        for held in [h for h in _VALIDATED if h[0] == cache_folder and h[1] not in cache.used]:
            del _VALIDATED[held]
        cache.keep_only_used()
    if unknown:
        problems.append(
            Problem(
                _display(folder, display_root),
                (
                    f"section(s) {', '.join(sorted(unknown))} in some briefs are registered by no installed plugin "
                    "(entry points briefing_digest.sections): kept in the files, left out of the site; install the "
                    "plugin that wrote them"
                ),
                warning=True,
            )
        )
    return briefs, problems


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


@dataclass
class WriteResult:
    """What writing one brief did: whether bytes changed, and conflicts for the editor."""

    changed: bool
    conflicts: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _pending(base_path: Path) -> Path:
    return base_path.with_name(base_path.name + ".next")


def settle_base(path: Path, base_path: Path) -> None:
    """Finish or undo a write that a crash cut between the brief and its base.

    The new base is written first beside the old one (``<id>.yml.next``), then the brief,
    then the base is renamed into place. A leftover ``.next`` whose extraction the brief
    already carries is completed; one the brief never got is discarded. So the base always
    describes the machine output the brief was merged from, and no machine value is later
    mistaken for an editor's edit."""
    pending = _pending(base_path)
    if not pending.exists():
        return
    try:
        brief = load_yaml(path) if path.exists() else {}
        machine = load_yaml(pending)
    except DigestError:
        pending.unlink(missing_ok=True)
        return
    carried = ((brief.get("source") or {}).get("sha256"), brief.get("extractor"))
    if brief and carried == ((machine.get("source") or {}).get("sha256"), machine.get("extractor")):
        os.replace(pending, base_path)
    else:
        pending.unlink(missing_ok=True)


def _commit(path: Path, base_path: Path, brief_text: str, base_text: str) -> bool:
    write_atomic(_pending(base_path), base_text)
    changed = write_atomic(path, brief_text)
    os.replace(_pending(base_path), base_path)
    return changed


def write_brief(path: Path, base_path: Path, new: Brief, article_text: str) -> WriteResult:
    """Write a freshly extracted brief, keeping every hand edit of the existing one."""
    new_data = brief_to_data(new)
    settle_base(path, base_path)
    if not path.exists():
        base_text = dumps(new_data)  # serialised once: the brief is the same text under the schema line
        return WriteResult(_commit(path, base_path, with_schema_header(base_text), base_text))
    current = load_yaml(path)
    old_text = path.read_text(encoding="utf-8-sig")
    comments = CommentInventory(old_text, current)
    base = to_plain(load_yaml(base_path)) if base_path.exists() else None
    was_reviewed = flag_is_set(current.get("reviewed"))
    machine_before = _machine_content(current) if was_reviewed else None  # only a reviewed brief can lapse
    merged, conflicts = reconcile(current, base, new_data, " ".join(article_text.split()))
    notes = _review_lapsed(merged) if was_reviewed and _machine_content(merged) != machine_before else []
    try:
        Brief.model_validate(to_plain(merged))
    except ValidationError as exc:  # never write a brief that would then vanish from the site
        raise DigestError.at(
            str(path),
            f"re-extraction would make the brief invalid ({exc.errors()[0]['msg']}); the brief is left as it is",
        ) from exc
    text = comments.restore(brief_yaml(merged) if not old_text.startswith(SCHEMA_HEADER_START) else dumps(merged))
    plain = to_plain(merged)
    base_data = {
        **offered(new_data, plain.get("deleted") or {}),
        IN_BRIEF: {section: sorted(_ids(plain, section)) for section in SECTIONS},
    }
    changed = _commit(path, base_path, text, dumps(base_data))
    return WriteResult(changed, conflicts, notes)


def _machine_content(brief: CommentedMap) -> list:
    """What re-extraction can change and a review vouched for: the editable scalars and
    every section."""
    return [to_plain(brief.get(key)) for key in (*EDITABLE_SCALARS, *SECTIONS)]


def _review_lapsed(brief: CommentedMap) -> list[str]:
    """A reviewed brief that the machine just changed (new findings, refreshed items) is
    no longer what the editor vouched for: it goes back to unreviewed, and the editor is
    told why."""
    brief["reviewed"] = False
    return [
        (
            "reviewed: re-extraction added or changed items, so the brief is marked unreviewed again; "
            "check the new lines and set 'reviewed: true'"
        )
    ]


IN_BRIEF = "in_brief"  # base only: the ids the written brief held, editors' own items and edits included


def offered(new: dict, deleted: dict[str, list[str]]) -> dict:
    """The machine output the brief was offered: the new extraction less what editors
    deleted (and the items that refer to a deleted actor). It becomes the base, so an
    item missing from the brief next time was deleted since, and an id an editor takes
    off ``deleted`` is offered again as a new finding."""
    gone = {section: set(deleted.get(section) or []) for section in SECTIONS}
    data = dict(new)
    for section, spec in SECTIONS.items():
        data[section] = [
            _without_mentions(item, spec.mentions, gone[ACTORS])
            for item in new.get(section) or []
            if item["id"] not in gone[section] and not any(item.get(key) in gone[ACTORS] for key in spec.references)
        ]
    return data


def _without_mentions(item: dict, fields: tuple[str, ...], actors: set[str]) -> dict:
    """The item with the deleted ``actors`` taken off its lists of named actors: deleting
    an actor never deletes what merely names it."""
    if not actors or not any(isinstance(item.get(name), list) for name in fields):
        return item
    return {
        key: [ref for ref in value if ref not in actors] if key in fields and isinstance(value, list) else value
        for key, value in item.items()
    }


def reconcile(current: CommentedMap, base: dict | None, new: dict, article_text: str) -> tuple[CommentedMap, list[str]]:
    """Three-way merge of the editor's brief (``current``), the extractor's previous
    output (``base``) and its new output (``new``). Mutates and returns ``current``."""
    conflicts: list[str] = []
    source = current.setdefault("source", CommentedMap())
    for key, value in new["source"].items():
        if key in MACHINE_FIELDS or key not in source or (base and source.get(key) == base["source"].get(key)):
            source[key] = value
    current["extractor"] = new.get("extractor")
    if "reviewed" not in current:  # editor-owned: the machine only supplies the field, as false
        current.insert(list(current).index("extractor") + 1, "reviewed", False)
    if current.get("ingested") is None and new.get("ingested") is not None:  # written once, never changed
        if "ingested" in current:
            current["ingested"] = new["ingested"]
        else:
            current.insert(list(current).index("reviewed") + 1, "ingested", new["ingested"])
    for key in EDITABLE_SCALARS:
        if key not in current or (base is not None and to_plain(current.get(key)) == base.get(key)):
            current[key] = new.get(key)
    deleted = _deletions(current, base)
    before: dict[Any, dict] = {a.get("id"): a for a in current.get(ACTORS) or [] if isinstance(a, dict)}
    for section in SECTIONS:
        merger = _SectionMerge(section, base, new, article_text, deleted)
        current[section] = merger.merge(current.get(section) or CommentedSeq())
        conflicts += merger.conflicts
    _drop_deleted_mentions(current, deleted[ACTORS])
    _restore_referenced_actors(current, {**before, **{a["id"]: a for a in new.get(ACTORS) or []}}, deleted[ACTORS])
    _record_deletions(current, deleted)
    return current, conflicts


def _drop_deleted_mentions(current: CommentedMap, actors: set[str]) -> None:
    """Take deleted actors off every item's ``about`` lists, the editor's items and the
    machine's alike, in place, so comments on the lists stay."""
    for section, spec in SECTIONS.items():
        for item in current.get(section) or []:
            for name in spec.mentions if isinstance(item, dict) else ():
                listed = item.get(name)
                for position in reversed(range(len(listed))) if isinstance(listed, list) else ():
                    if listed[position] in actors:
                        del listed[position]


def _ids(data: dict | None, section: str) -> set[str]:
    return {i["id"] for i in (data or {}).get(section) or [] if isinstance(i, dict) and isinstance(i.get("id"), str)}


def _recorded(current: CommentedMap) -> dict:
    recorded = current.get("deleted")
    return recorded if isinstance(recorded, dict) else {}


def _deletions(current: CommentedMap, base: dict | None) -> dict[str, set[str]]:
    """Per section, the ids editors deleted: those recorded under ``deleted`` and those the
    brief held when last written that it no longer has (deleted since the last run)."""
    plain = to_plain(current)
    return {
        section: {str(i) for i in _recorded(current).get(section) or []}
        | (_held(base, section) - _ids(plain, section) if base else set())
        for section in SECTIONS
    }


def _held(base: dict, section: str) -> set[str]:
    held = base.get(IN_BRIEF)
    return _ids(base, section) | {str(i) for i in (held.get(section) or [] if isinstance(held, dict) else [])}


def _record_deletions(current: CommentedMap, deleted: dict[str, set[str]]) -> None:
    """Write the deletions under ``deleted``: the editor's list as it stands (order,
    comments), newly deleted ids appended in sorted order."""
    recorded = current.get("deleted") if isinstance(current.get("deleted"), CommentedMap) else CommentedMap()
    for section in SECTIONS:
        listed = recorded.get(section)
        listed = listed if isinstance(listed, CommentedSeq) else CommentedSeq(listed or [])
        listed.extend(sorted(deleted[section] - {str(i) for i in listed}))
        if listed:
            recorded[section] = listed
    if recorded:
        current["deleted"] = recorded
    else:
        current.pop("deleted", None)


CONFLICT_NOTE = "CONFLICT: the article changed and no longer has this evidence; fix or delete this item"


class _SectionMerge:
    """Merge one list section: editor items kept, untouched machine items refreshed,
    deleted items left deleted, new machine findings appended."""

    def __init__(self, section: str, base: dict | None, new: dict, article_text: str, deleted: dict[str, set[str]]):
        self.section = section
        self.base = base
        self.base_items = {i["id"]: i for i in (base or {}).get(section) or [] if isinstance(i, dict) and "id" in i}
        self.new_items = {i["id"]: i for i in new.get(section) or []}
        self.article_text = article_text
        self.deleted = deleted[section]
        self.deleted_actors = deleted[ACTORS]
        self.conflicts: list[str] = []

    def merge(self, items: CommentedSeq) -> CommentedSeq:
        out = CommentedSeq()
        present: set = set()
        for index, item in enumerate(items):
            item_id = item.get("id") if isinstance(item, dict) else None
            present.add(item_id)
            if self._untouched(item):
                fresh = self.new_items.get(item_id)
                if fresh is None or item_id in self.deleted or self._refers_to_deleted(fresh):
                    continue  # the machine no longer finds it (or an editor listed it deleted): it goes
                _update_in_place(item, fresh)
            elif isinstance(item, dict):
                self._flag_conflict(index, item)
            out.append(item)
            _keep_comment(items, index, out)
        for item_id, item in self.new_items.items():
            if item_id not in present and item_id not in self.deleted and not self._refers_to_deleted(item):
                out.append(item)
        return out

    def _untouched(self, item) -> bool:
        return (
            self.base is not None
            and isinstance(item, dict)
            and item.get("id") in self.base_items
            and to_plain(item) == self.base_items[item.get("id")]
        )

    def _refers_to_deleted(self, item: dict) -> bool:
        return any(item.get(key) in self.deleted_actors for key in SECTIONS[self.section].references)

    def _flag_conflict(self, index: int, item: dict) -> None:
        evidence = item.get("evidence")
        if isinstance(evidence, str) and " ".join(evidence.split()) not in self.article_text:
            self.conflicts.append(
                f"{self.section}[{index}] ({item.get('id')}): edited, but the article "
                "no longer has its evidence; kept for you to resolve"
            )
            if hasattr(item, "yaml_add_eol_comment"):
                item.yaml_add_eol_comment(CONFLICT_NOTE, "evidence")


def _update_in_place(item: CommentedMap, fresh: dict) -> None:
    """Refresh a machine item without replacing the mapping, so comments on it stay."""
    for key in [k for k in item if k not in fresh]:
        del item[key]
    for key, value in fresh.items():
        if to_plain(item.get(key)) != value:
            item[key] = value


def _keep_comment(source: CommentedSeq, index: int, target: CommentedSeq) -> None:
    comment = source.ca.items.get(index)
    if comment is not None:
        target.ca.items[len(target) - 1] = comment


def _restore_referenced_actors(current: CommentedMap, available: dict[str, dict], deleted: set[str]) -> None:
    """No item may point at an actor the brief lacks: an actor an item refers to is kept,
    from the new extraction or, when the article no longer names it, from the brief as it
    was (an editor's speaker stays valid). Only an actor the editor deleted stays deleted."""
    known = {a.get("id") for a in current.get(ACTORS) or [] if isinstance(a, dict)}
    for section, spec in SECTIONS.items():
        for item in current.get(section) or []:
            for _, ref in spec.actor_ids(item) if isinstance(item, dict) else ():
                if ref and ref not in known and ref in available and ref not in deleted:
                    current[ACTORS].append(available[ref])
                    known.add(ref)
