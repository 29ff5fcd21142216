"""YAML on disk: safe round-trip loading with line numbers, validation into the
models, and atomic writes that keep an editor's comments.

One meaning for every file, whichever path reads it: YAML 1.2 core-schema scalars
(``1:30`` is text, not 90; ``NO`` is the country code, not false; ``017`` is 17).
A valid file is read by PyYAML's C parser with YAML 1.2 resolvers
(:class:`Yaml12Loader`); a file that fails is read again by ``ruamel.yaml``'s
round-trip loader (YAML 1.2 as well), which remembers where each key stood so an
error can name the line. Neither ever builds Python objects from tags.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import tempfile
import threading
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml import resolver as _ruamel_resolver
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from generator.core.block_yaml import NotPlain, block_yaml
from generator.core.errors import CROSS_REFERENCES, DigestError, Problem, location_text
from generator.core.fingerprint import digest_of

M = TypeVar("M", bound=BaseModel)

MAX_YAML_BYTES = 20 * 1024 * 1024


class Yaml12Loader(yaml.CSafeLoader):
    """PyYAML's C parser and safe constructor, resolving plain scalars by the YAML 1.2
    core schema, as ruamel.yaml does: so the fast path and the careful path agree."""


Yaml12Loader.yaml_implicit_resolvers = {}
_SCALAR_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("bool", "int", "float", "null", "timestamp", "merge", "value")}
for _versions, _tag, _regexp, _first in _ruamel_resolver.implicit_resolvers:  # ruamel's own YAML 1.2 rules
    if (1, 2) in _versions and _tag in _SCALAR_TAGS:
        Yaml12Loader.add_implicit_resolver(_tag, _regexp, _first)


def _yaml12_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    """0b, 0o and 0x prefixes, underscores between digits; a leading zero is still decimal."""
    text = str(loader.construct_scalar(node)).replace("_", "")
    sign, digits = (-1, text[1:]) if text.startswith("-") else (1, text.lstrip("+"))
    base = {"0b": 2, "0o": 8, "0x": 16}.get(digits[:2], 10)
    return sign * int(digits[2:] if base != 10 else digits, base)


Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _yaml12_int)


def load_plain(text: str) -> Any:
    """Plain data of a YAML text by the C parser, YAML 1.2 semantics; raises yaml.YAMLError."""
    loader = Yaml12Loader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.preserve_quotes = True
    yaml.allow_duplicate_keys = False
    yaml.representer.add_representer(
        type(None), lambda representer, _: representer.represent_scalar("tag:yaml.org,2002:null", "null")
    )
    return yaml


def read_input(path: Path, name: str, limit: int) -> bytes:
    """Read an input file whole, refusing one over ``limit`` bytes before it can exhaust memory."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise DigestError.at(name, f"file is {size} bytes; the limit is {limit}")
        return path.read_bytes()
    except OSError as exc:
        raise DigestError.at(name, f"cannot read: {exc.strerror or exc}") from exc


def load_yaml(path: Path, display: str | None = None) -> Any:
    """Load one YAML file, turning every failure into a :class:`DigestError` naming file and line."""
    name = display or str(path)
    raw = read_input(path, name, MAX_YAML_BYTES)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DigestError.at(name, f"not UTF-8 (byte {exc.start})") from exc
    return parse_yaml(text, name)


def parse_yaml(text: str, name: str, first_line: int = 1) -> Any:
    """YAML text → data, with the one loader every file goes through: YAML 1.2 core
    ("NO" and "Yes" stay strings, "1:30" is not 90), duplicate keys and anchors refused,
    every failure a :class:`DigestError` naming the file and line (``first_line`` is the
    line of the text's first line in its file, for front matter)."""
    refuse_deep_nesting(text, name)
    shift = first_line - 1
    try:
        with warnings.catch_warnings():  # a reused anchor warns on stderr; anchors are refused below anyway
            warnings.simplefilter("ignore")
            data = _yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + shift if mark else None
        column = mark.column + 1 if mark else None
        problem = exc.problem or exc.context
        if "duplicate key" in str(problem):
            problem = f"duplicate key{_duplicate_key(exc)}: each key may appear once"
        else:
            problem = _in_editors_words(str(problem), text, mark.line if mark else None)
        raise DigestError.at(name, f"YAML syntax: {problem}", line, column) from exc
    except (YAMLError, ValueError, RecursionError) as exc:
        raise DigestError.at(name, f"YAML: {exc}") from exc
    except Exception as exc:  # the parser's own bugs on odd input (found by fuzzing: a lone "=")
        raise DigestError.at(name, f"YAML cannot be read ({type(exc).__name__}: {exc})") from exc
    _refuse_aliases(data, name)
    return data


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _in_editors_words(problem: str, text: str, line: int | None) -> str:
    """The parser's message for the slips editors make most, said in their words with the
    fix, and the parser's own words after it: a colon inside an unquoted value, a tab, a
    line indented unlike its siblings."""
    lines = text.split("\n")
    here = lines[line] if line is not None and 0 <= line < len(lines) else ""
    previous = next((lines[i] for i in range((line or 0) - 1, -1, -1) if lines[i].strip()), None)
    if "\t" in problem or "\t" in here[: _indent(here) + 1]:
        return f"a tab character: YAML indents with spaces only; replace the tab with spaces ({problem})"
    if (
        previous is not None
        and here.strip()
        and _indent(here) != _indent(previous)
        and (
            "mapping values are not allowed" not in problem
            or (
                _indent(here) > _indent(previous)
                and previous.split(":", 1)[-1].strip()
                and not previous.rstrip().endswith(":")
            )
        )
    ) and any(
        marker in problem
        for marker in (
            "expected <block end>",
            "did not find expected",
            "could not find expected",
            "mapping values are not allowed",
        )
    ):
        return (
            f"this line is indented {_indent(here)} spaces and the line above {_indent(previous)}: items "
            f"of one list or mapping line up ({problem})"
        )
    if "mapping values are not allowed" in problem:
        return (
            f"a colon followed by a space inside a value: put the whole text in quotes, "
            f'e.g. text: "Talks: day two" ({problem})'
        )
    return problem


def _duplicate_key(exc: MarkedYAMLError) -> str:
    found = re.search(r'duplicate key "([^"]+)"', str(exc))
    return f" {found.group(1)!r}" if found else ""


def _refuse_aliases(data: Any, name: str, seen: set[int] | None = None, where: Any = None) -> None:
    """Anchors and aliases are refused: briefs are plain data, and aliases allow expansion bombs."""
    seen = set() if seen is None else seen
    anchor = getattr(data, "anchor", None)
    if anchor is not None and getattr(anchor, "value", None):
        line, column = position(where if where is not None else data, ())
        raise DigestError.at(name, "YAML anchors and aliases are not allowed", line, column)
    if isinstance(data, (CommentedMap, CommentedSeq)):
        if id(data) in seen:
            line, column = position(data, ())
            raise DigestError.at(name, "YAML anchors and aliases are not allowed", line, column)
        seen.add(id(data))
        children = data.values() if isinstance(data, CommentedMap) else data
        for child in children:
            _refuse_aliases(child, name, seen, data)


def position(data: Any, loc: tuple[Any, ...]) -> tuple[int | None, int | None]:
    """The 1-based line and column of the deepest key of ``loc`` that exists in ``data``."""
    line = column = None
    node = data
    if hasattr(node, "lc") and node.lc.line is not None and node.lc.col is not None:
        line, column = node.lc.line + 1, node.lc.col + 1
    for key in loc:
        if isinstance(node, CommentedMap) and key in node:
            line, column = node.lc.key(key)[0] + 1, node.lc.key(key)[1] + 1
            node = node[key]
        elif isinstance(node, CommentedSeq) and isinstance(key, int) and 0 <= key < len(node):
            line, column = node.lc.item(key)[0] + 1, node.lc.item(key)[1] + 1
            node = node[key]
        else:
            break
    return line, column


def validate(data: Any, model: type[M], name: str) -> M:
    """Validate loaded YAML into ``model``; every error names file, line, column and field."""
    plain = to_plain(data)
    try:
        return model.model_validate(plain)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            if err["type"] == CROSS_REFERENCES:
                continue  # located one by one below
            loc = tuple(err["loc"])
            for message in err["msg"].removeprefix("Value error, ").split("\n"):
                line, column = position(data, loc)
                problems.append(Problem(name, message, line, column, location_text(loc) or None))
        problems += _cross_problems(model, plain, data, name, {str(p) for p in problems})
        raise DigestError(problems) from exc


def _cross_problems(model: type[BaseModel], plain: Any, data: Any, name: str, reported: set[str]) -> list[Problem]:
    """Cross-field problems (unknown references, duplicate ids) that pydantic skips once a
    field fails, so the editor sees every problem in one run."""
    check = getattr(model, "cross_problems", None)
    if check is None or not isinstance(plain, dict):
        return []
    out = []
    for loc, text in check(plain):
        problem = Problem(name, text, *position(data, loc), location_text(loc))
        if str(problem) not in reported:
            out.append(problem)
    return out


def load_model(
    path: Path, model: type[M], display: str | None = None, prepare: Callable[[Any], Any] | None = None
) -> M:
    """Load and validate one YAML file into ``model``; ``prepare`` may take parts off the
    loaded data first (what the model cannot know, kept in the file).

    The common case, a valid file, goes through PyYAML's C loader; only a file that fails
    is read again with the round-trip loader, which knows lines and columns for the errors.
    (The round-trip loader is pure Python: about 0.3 s for a large brief.)"""
    name = display or str(path)
    prepare = prepare or (lambda data: data)
    fast = _fast_load(read_input(path, name, MAX_YAML_BYTES))
    if isinstance(fast, dict):
        try:
            return model.model_validate(prepare(fast))
        except ValidationError:
            pass
    data = load_yaml(path, name)
    if data is None:
        raise DigestError.at(name, "file is empty")
    return validate(prepare(data), model, name)


_SEQUENCE_INDICATORS = re.compile(r"^(?: *-(?: +|$))+")
MAX_NESTING = 100  # far beyond any brief or registry; the C parser crashes near 30,000


def nesting_depth(text: str) -> int:
    """How deep a YAML text nests, read before any parser sees it: open flow brackets, and
    sequence dashes and indentation on one line. An upper bound is enough to refuse a
    nesting bomb (30,000 "[" made the C parser crash the whole process)."""
    deepest = depth = 0
    for ch in text:
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth = max(0, depth - 1)
    for line in text.splitlines():
        indicators = _SEQUENCE_INDICATORS.match(line)
        indent = len(line) - len(line.lstrip(" "))
        deepest = max(deepest, indent // 2 + (indicators.group(0).count("-") if indicators else 0))
    return deepest


def refuse_deep_nesting(text: str, name: str) -> None:
    if nesting_depth(text) > MAX_NESTING:
        raise DigestError.at(name, f"YAML nested more than {MAX_NESTING} levels deep; refused before parsing")


def _fast_load(raw: bytes) -> Any:
    """Plain data via the C loader, or None when the file needs the careful path: not UTF-8,
    a syntax error, an anchor or alias, a duplicate key, or any tag."""
    try:
        text = raw.decode("utf-8-sig")
        if nesting_depth(text) > MAX_NESTING:
            return None  # the careful path refuses it with a message
        loader = Yaml12Loader(text)
    except (UnicodeDecodeError, yaml.YAMLError):
        return None
    try:
        node = loader.get_single_node()
        if node is None or not _plain_tree(node, set()):
            return None
        return loader.construct_document(node)
    except (yaml.YAMLError, RecursionError, ValueError, TypeError):
        return None
    finally:
        loader.dispose()


def _plain_tree(node: yaml.Node, seen: set[int]) -> bool:
    """No node reached twice (an alias), no duplicate keys, no explicit tags."""
    if id(node) in seen or (node.tag and not node.tag.startswith("tag:yaml.org,2002:")):
        return False
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        keys = [k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)]
        if len(keys) != len(set(keys)):
            return False
        return all(_plain_tree(k, seen) and _plain_tree(v, seen) for k, v in node.value)
    if isinstance(node, yaml.SequenceNode):
        return all(_plain_tree(child, seen) for child in node.value)
    return True


def to_plain(data: Any) -> Any:
    """Round-trip containers → plain dicts and lists, for validation."""
    if isinstance(data, dict):
        return {str(k): to_plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [to_plain(v) for v in data]
    return data


class _Yaml12Resolver(yaml.resolver.BaseResolver):
    """The loader's YAML 1.2 rules, for the writer to tell which strings need quotes."""

    yaml_implicit_resolvers = Yaml12Loader.yaml_implicit_resolvers


def dumps(data: Any, header: str | None = None) -> str:
    """Serialize to block-style YAML, with an optional first comment line. Plain data
    (a new brief, a base) is written by :mod:`generator.core.block_yaml`, byte for byte as
    ruamel would and far faster; round-trip data with comments, and anything that
    writer leaves alone, by ruamel."""
    try:
        text = block_yaml(data, _Yaml12Resolver())
    except NotPlain:
        buffer = io.StringIO()
        _yaml().dump(data, buffer)
        text = buffer.getvalue()
    return header.rstrip("\n") + "\n" + text if header else text


def write_atomic(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` as UTF-8, atomically (see :func:`write_bytes_atomic`)."""
    return write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` via a temporary file and rename, so a reader or a
    crash never sees a torn file. Returns False when the content was already there."""
    if path.exists() and path.read_bytes() == data:
        return False
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:  # disk full, read-only or not ours: the old file is untouched
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise DigestError.at(str(path), f"cannot write: {exc.strerror or exc} (the previous file is kept)") from exc
    except BaseException:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise
    return True


class ResultCache:
    """Results of slow, pure work on input bytes (a brief parsed and validated), kept as
    text under ``folder`` by the digest of everything they were computed from, so the
    next build reads them back instead of doing the work again.

    Only ever a shortcut: a missing, unreadable or torn entry is a miss and costs the work,
    never a wrong result (the key covers the inputs and the code). Entries are written
    without fsync (a crash can only lose or tear one, which is then a miss), and
    :meth:`keep_only_used` drops the ones the last complete pass did not use, so the folder
    holds one entry per input, not one per version ever seen."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()  # keys read or written since the last keep_only_used

    key = staticmethod(digest_of)  # an entry's name: the digest of what it was computed from

    def get(self, key: str) -> str | None:
        try:
            text = (self.folder / key).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        self.used.add(key)
        return text

    def put(self, key: str, text: str) -> None:
        tmp = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            # A name of this process and thread alone (mkstemp's random names cost six
            # times the write, thousands of times in a build), replaced into place whole.
            tmp = str(self.folder / f".{key}.{os.getpid()}.{threading.get_ident()}.tmp")
            with open(tmp, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(tmp, self.folder / key)
            self.used.add(key)
        except OSError:  # a cache that cannot be written only costs the work next time
            if tmp:
                Path(tmp).unlink(missing_ok=True)

    def keep_only_used(self) -> None:
        """Drop every entry not read or written since the last call."""
        keys, self.used = self.used, set()
        try:
            stale = [p for p in self.folder.iterdir() if p.name not in keys]
        except OSError:
            return
        for path in stale:
            with contextlib.suppress(OSError):
                path.unlink()
