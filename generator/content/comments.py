"""Editors' comments survive every rewrite of a YAML file.

The round-trip loader keeps a comment on the node *before* it, so a comment goes
with that node when the merge drops it, and an end-of-line comment is replaced when
the machine writes its own (the CONFLICT note). Rather than follow ruamel's comment
bookkeeping through every merge placement, a rewrite is checked afterwards: each
comment of the old text that the new text lacks is put back as a whole line before
the node it stood on or before, or, when that node is gone, before the next node that
survives, or at the end of the file. So no comment is ever lost, wherever it was.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.tokens import CommentToken

NodePath = tuple[Any, ...]
END = ("<end of file>",)
SCHEMA_HEADER_START = "# yaml-language-server:"


@dataclass(frozen=True)
class Comment:
    """One comment line of a file, and the node it belongs to."""

    text: str  # "# ...", stripped
    line: int  # 0-based
    anchor: NodePath  # the node it stands on (end of line) or before (whole line); END after the last


class CommentInventory:
    """The comments of a file as it was read, taken before a merge changes its tree."""

    def __init__(self, text: str, tree: Any = None):
        self.comments: list[Comment] = []
        self.order: list[NodePath] = []
        body = text.split("\n", 1)[-1] if text.startswith(SCHEMA_HEADER_START) else text
        if "#" not in body:
            return  # nothing to keep but the header, which every writer puts back: one scan of the text
        tree = _load(text) if tree is None else tree
        if tree is not None:
            self.comments = find_comments(text, tree)
            self.order = [path for path, _ in _nodes(tree)]

    def restore(self, new_text: str) -> str:
        """``new_text`` with every comment it lost put back in place."""
        lost = _lost(self.comments, _comment_lines(new_text, {c.text for c in self.comments}))
        if not lost:
            return new_text
        new_tree = _load(new_text)
        return new_text if new_tree is None else _put_back(lost, self.order, new_text, new_tree)


def keep_comments(old_text: str, new_text: str) -> str:
    """``new_text`` with every comment of ``old_text`` it lost put back in place."""
    return CommentInventory(old_text).restore(new_text)


def _comment_lines(text: str, wanted: set[str]) -> Counter:
    """How often each wanted comment stands in ``text``, whole-line or at a line's end."""
    found: Counter = Counter()
    for line in text.splitlines():
        stripped = line.strip()
        at = stripped.find("#")
        while at >= 0:
            if stripped[at:] in wanted and (at == 0 or stripped[at - 1] in " \t"):
                found[stripped[at:]] += 1
                break
            at = stripped.find("#", at + 1)
    return found


def _put_back(lost: list[Comment], old_order: list[NodePath], new_text: str, new_tree: Any) -> str:
    new_lines = dict(reversed(list(_nodes(new_tree))))
    lines = new_text.splitlines()
    inserts: dict[int, list[str]] = {}
    for comment in lost:
        target = _surviving(comment.anchor, old_order, new_lines)
        at = new_lines[target] if target != END else len(lines)
        indent = _indent(lines[at]) if at < len(lines) else ""
        inserts.setdefault(at, []).append(indent + comment.text)
    out: list[str] = []
    for number, line in enumerate([*lines, None]):
        out.extend(inserts.get(number, []))
        if line is not None:
            out.append(line)
    restored = "\n".join(out) + "\n"
    return restored if _same_data(restored, new_text) else new_text


def find_comments(text: str, tree: Any) -> list[Comment]:
    """Every comment line of ``text``, in order, each with its anchor node. Comment text
    is taken from the parser's comment tokens, so a ``#`` inside a string or a block
    scalar is never mistaken for one."""
    lines = text.splitlines()
    known = _token_texts(tree)
    nodes = list(_nodes(tree))
    comments: list[Comment] = []
    for number, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("#") and stripped in known:
            comments.append(Comment(stripped, number, _next_node(nodes, number)))
            continue
        tail = _end_of_line_comment(line, known)
        if tail:
            comments.append(Comment(tail, number, _node_on(nodes, number)))
    return comments


def _lost(comments: list[Comment], kept: Counter) -> list[Comment]:
    """The comments ``kept`` has fewer of than ``comments``: the last ones of each text."""
    missing = Counter(c.text for c in comments) - kept
    lost: list[Comment] = []
    for comment in reversed(comments):
        if missing[comment.text] > 0:
            missing[comment.text] -= 1
            lost.append(comment)
    return lost[::-1]


def _surviving(anchor: NodePath, old_order: list[NodePath], new_lines: dict[NodePath, int]) -> NodePath:
    if anchor in new_lines:
        return anchor
    start = old_order.index(anchor) + 1 if anchor in old_order else len(old_order)
    return next((path for path in old_order[start:] if path in new_lines), END)


def _load(text: str) -> Any:
    try:
        return YAML(typ="rt").load(text)
    except Exception:
        return None


def _nodes(tree: Any, path: NodePath = ()) -> Iterator[tuple[NodePath, int]]:
    """Every key and list item, in document order, with its 0-based line. A list item
    is named by its ``id`` (or its value), not its index, so it is found again after
    items before it come or go."""
    if isinstance(tree, CommentedMap):
        for key, value in tree.items():
            yield (*path, key), tree.lc.key(key)[0]
            yield from _nodes(value, (*path, key))
    elif isinstance(tree, CommentedSeq):
        for index, value in enumerate(tree):
            step = value.get("id", index) if isinstance(value, dict) else value if _scalar(value) else index
            yield (*path, step), tree.lc.item(index)[0]
            yield from _nodes(value, (*path, step))


def _scalar(value: Any) -> bool:
    return isinstance(value, (str, int, float, bool)) or value is None


def _next_node(nodes: list[tuple[NodePath, int]], line: int) -> NodePath:
    return next((path for path, at in nodes if at > line), END)


def _node_on(nodes: list[tuple[NodePath, int]], line: int) -> NodePath:
    on_line = [path for path, at in nodes if at == line]
    return on_line[-1] if on_line else _next_node(nodes, line)


def _token_texts(tree: Any) -> set[str]:
    """The text of every comment line the parser found anywhere in ``tree``."""
    found: set[str] = set()

    def collect(entry: Any) -> None:
        if isinstance(entry, CommentToken):
            found.update(part.strip() for part in entry.value.split("\n") if part.strip().startswith("#"))
        elif isinstance(entry, (list, tuple)):
            for part in entry:
                collect(part)

    def visit(node: Any) -> None:
        if isinstance(node, (CommentedMap, CommentedSeq)):
            collect(node.ca.comment)
            collect(list(node.ca.items.values()))
            collect(getattr(node.ca, "end", None))
            for child in node.values() if isinstance(node, CommentedMap) else node:
                visit(child)

    visit(tree)
    return found


def _end_of_line_comment(line: str, known: set[str]) -> str | None:
    """The comment that ends ``line`` after a value, if the parser saw one there."""
    for start in range(len(line)):
        if line[start] == "#" and start > 0 and line[start - 1] in " \t":
            candidate = line[start:].strip()
            if candidate in known and line[:start].strip():
                return candidate
    return None


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" "))]


def _same_data(left: str, right: str) -> bool:
    safe = YAML(typ="safe", pure=True)
    try:
        return safe.load(left) == safe.load(right)
    except Exception:
        return False
