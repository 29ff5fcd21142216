"""Pages rendered before, read back while nothing they show changed.

An editor's fix or a day's new articles change few pages, yet rendering every page through
Jinja again was the largest part of an incremental build. A page's Markdown is a function
of its template (and the templates it reaches), the site stage's code, the sections, the
values the render hands the template, and what the template reads of ``digest``. So a
page is keyed by all of them and, when its key was rendered before, read back from the
cache (``.digest-cache/pages``) instead of rendered.

What makes a key complete:

- **Values** (:meth:`PageCache.fingerprint`): every value the template uses (found in its
  source, never guessed) is fingerprinted whole: a brief by everything a page may show of
  it (:meth:`PageCache.brief_inputs`), a dataclass by all its fields, lists, dicts,
  strings and numbers by their contents. A value of any other type makes the page
  unkeyed: it is rendered every time.
- **The digest**: only the accessors in :data:`KEYED_READS` may be read, each keyed as
  that table says; a template (or one it imports or includes) that reads another
  attribute of ``digest``, or hands ``digest`` to anything but a macro, is never cached
  (:func:`digest_reads`). ``articles`` may only be asked whether it holds a brief
  (``brief.id in articles``), which the brief's own inputs answer.

A template that reaches *through* an accessor's result to what the table does not key
(``digest.actor(brief, id).briefs``) is outside this contract."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from jinja2 import Environment, meta, nodes
from pydantic import BaseModel

from generator.content.merge import Digest, DigestActor, DigestSource, DigestStory, DigestTopic
from generator.core.fingerprint import code_digest, digest_of
from generator.core.model import Brief
from generator.core.store import ResultCache

BRIEF_READS = frozenset({"actor", "speaker_name", "source_of", "story_of", "story_sources"})
"""Accessors whose result for a brief is part of that brief's inputs (see
:meth:`PageCache.brief_inputs`): the actors its ids resolve to (id, name, type, aliases,
roles, description), its outlet, its story (entry, briefs' ids, outlets)."""

KEYED_READS = BRIEF_READS | {"topics", "item_topics", "on_topic", "latest", "newest_first", "actors"}
"""What a cached page may read of ``digest``: the brief accessors above, keyed by the
briefs the page is given; the topics (``topics``, ``item_topics``, ``on_topic``), keyed by
every topic's entry; orderings of given briefs (``latest``, ``newest_first``), which read
nothing else; and ``actors``, keyed by every actor's id and name."""


DIGEST_ENTITIES = (DigestActor, DigestTopic, DigestSource, DigestStory)


class Unkeyed(Exception):
    """A value the cache cannot fingerprint: the page is rendered, never cached."""


def _actor_entry(actor: DigestActor) -> str:
    return digest_of(
        actor.id, actor.name, actor.type, *sorted(actor.aliases), repr(actor.roles), actor.description or ""
    )


def _source_entry(source: DigestSource | None) -> str:
    return "-" if source is None else digest_of(source.id, source.name, repr(source.outlet))


@dataclass
class PageCache:
    """The keys of a digest's pages, and the cache they are read from and written to.
    ``rendered``, ``reused`` and ``unkeyed`` count this build's keyed pages rendered and
    cached, keyed pages read back, and pages that cannot be keyed (rendered every time)."""

    cache: ResultCache
    env: Environment
    digest: Digest
    articles: dict[str, str]
    rendered: int = 0
    reused: int = 0
    unkeyed: int = 0
    _shared: str = ""
    _templates: dict[str, tuple[list[str], set[str]] | None] = field(default_factory=dict)
    _actors_of: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    _brief_inputs: dict[str, str] = field(default_factory=dict)
    _read_keys: dict[str, str] = field(default_factory=dict)
    _entities: dict[int, str] = field(default_factory=dict)
    _uses: dict[str, TemplateUse | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        names = sorted(self.env.list_templates())
        sources = [self.env.loader.get_source(self.env, name)[0] for name in names] if self.env.loader else []
        self._shared = digest_of(code_digest(), repr(self.env.globals.get("sections")), *names, *sources)
        for (brief_id, local_id), actor_id in sorted(self.digest.actor_of.items()):
            self._actors_of.setdefault(brief_id, []).append((local_id, actor_id))
        topics = sorted(self.digest.topics.items())
        by_topics = digest_of(*(f"{tid}\0{topic.topic!r}" for tid, topic in topics))
        self._read_keys = dict.fromkeys(("topics", "item_topics", "on_topic"), by_topics)
        names_of = (f"{a.id}\0{a.name}" for a in sorted(self.digest.actors.values(), key=lambda a: a.id))
        self._read_keys["actors"] = digest_of(*names_of)

    def _template(self, name: str) -> tuple[list[str], set[str]] | None:
        """The keyed parts of what template ``name`` reads of the digest, and the names of
        the values it uses; None when its pages cannot be keyed."""
        if name not in self._templates:
            reach = digest_reads(self.env, name, self._uses)
            self._templates[name] = (
                None
                if reach is None or not reach[0] <= KEYED_READS
                else ([self._read_keys.get(r, r) for r in sorted(reach[0])], reach[1])
            )
        return self._templates[name]

    def brief_inputs(self, brief: Brief) -> str:
        """Everything a page may show of ``brief``: the brief, its article text, and what
        the :data:`BRIEF_READS` accessors return for it."""
        if brief.id in self._brief_inputs:
            return self._brief_inputs[brief.id]
        actors = self.digest.actors
        resolved = [
            f"{local}\0{_actor_entry(actors[a]) if a in actors else '-'}"
            for local, a in self._actors_of.get(brief.id, [])
        ]
        story = self.digest.story_of(brief)
        told = (
            "-"
            if story is None
            else digest_of(repr(story.story), *(b.id for b in story.briefs), *self.digest.story_sources(story))
        )
        article = self.articles.get(brief.id)
        found = self._brief_inputs[brief.id] = digest_of(
            brief.model_dump_json(), *resolved, _source_entry(self.digest.source_of(brief)), told, article or "-"
        )
        return found

    def fingerprint(self, value: Any) -> str:
        """A value as a page may show it (see the module's docstring); raises
        :class:`Unkeyed` for a value of a type it does not know."""
        if value is None or isinstance(value, (str, int, float, bool, date)):
            return f"{type(value).__name__}:{value!r}"
        if isinstance(value, Brief):
            return "brief:" + self.brief_inputs(value)
        if isinstance(value, BaseModel):
            return f"{type(value).__name__}:{value.model_dump_json()}"
        if isinstance(value, (list, tuple)):
            return digest_of(type(value).__name__, *(self.fingerprint(v) for v in value))
        if isinstance(value, (set, frozenset)):
            return digest_of("set", *sorted(self.fingerprint(v) for v in value))
        if isinstance(value, dict):
            return digest_of("dict", *(f"{self.fingerprint(k)}={self.fingerprint(v)}" for k, v in value.items()))
        if isinstance(value, DIGEST_ENTITIES):  # held by the digest all build long: fingerprinted once
            found = self._entities.get(id(value))
            if found is None:
                found = self._entities[id(value)] = self._fields(value)
            return found
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return self._fields(value)
        if isinstance(value, functools.partial):
            return digest_of(
                "partial",
                f"{value.func.__module__}.{value.func.__qualname__}",
                self.fingerprint(value.args),
                self.fingerprint(value.keywords),
            )
        raise Unkeyed(type(value).__qualname__)

    def _fields(self, value: Any) -> str:
        parts = (self.fingerprint(getattr(value, f.name)) for f in dataclasses.fields(value))
        return digest_of(type(value).__qualname__, *parts)

    def key(self, template: str, context: dict[str, Any]) -> str | None:
        """The key of the page ``template`` makes of ``context``; None when it cannot be keyed."""
        known = self._template(template)
        if known is None:
            return None
        reads, used = known
        try:
            values = [f"{name}={self.fingerprint(context[name])}" for name in sorted(used) if name in context]
        except Unkeyed:
            return None
        return digest_of(self._shared, template, *reads, *values)

    def page(self, key: str | None, render: Callable[[], str]) -> str:
        """The page cached under ``key``, else rendered now (and cached when keyed)."""
        cached = self.cache.get(key) if key else None
        if cached is not None:
            self.reused += 1
            return cached
        text = render()
        if key:
            self.rendered += 1
            self.cache.put(key, text)
        else:
            self.unkeyed += 1
        return text


@dataclass(frozen=True)
class TemplateUse:
    """What one template reads of ``digest``, the values it uses, the templates it reaches."""

    reads: frozenset[str]
    used: frozenset[str]
    reached: tuple[str, ...]


def digest_reads(
    env: Environment, name: str, memo: dict[str, TemplateUse | None] | None = None
) -> tuple[set[str], set[str]] | None:
    """The attributes of ``digest`` that template ``name`` and every template it reaches
    read, and the names of the values they use; None when one of them uses ``digest``
    otherwise (indexes it, loops over it, hands it to a filter or a function), uses
    ``articles`` for more than asking whether it holds a brief, or reaches a template
    whose name cannot be told: then what a page shows cannot be keyed. ``memo`` keeps
    each template's reading for the next call."""
    memo = {} if memo is None else memo
    reads: set[str] = set()
    used: set[str] = set()
    seen: set[str] = set()
    pending = [name]
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        if current not in memo:
            memo[current] = _template_use(env, current)
        use = memo[current]
        if use is None:
            return None
        reads |= use.reads
        used |= use.used
        pending += use.reached
    return reads, used - {"digest", "articles"}


def _template_use(env: Environment, name: str) -> TemplateUse | None:
    if env.loader is None:
        return None
    tree = env.parse(env.loader.get_source(env, name)[0])
    macros, modules = _macro_names(tree)
    reads: set[str] = set()
    reached: list[str] = []
    for node, parent in _walk(tree, None):
        if isinstance(node, nodes.Name) and node.ctx == "load" and not _keyed_use(node, parent, macros, modules, reads):
            return None
        if isinstance(node, (nodes.Include, nodes.Import, nodes.FromImport)):
            found = _templates_named(node.template, env)
            if found is None:
                return None
            reached += found
    return TemplateUse(frozenset(reads), frozenset(meta.find_undeclared_variables(tree)), tuple(reached))


def _keyed_use(
    name: nodes.Name, parent: nodes.Node | None, macros: set[str], modules: set[str], reads: set[str]
) -> bool:
    """Whether this use of a name can be keyed: ``digest.x`` (``x`` noted in ``reads``),
    ``digest`` handed to a macro, ``… in articles``, and any other name."""
    if name.name == "digest":
        if isinstance(parent, nodes.Getattr) and parent.node is name:
            reads.add(parent.attr)
            return True
        return isinstance(parent, nodes.Call) and name in parent.args and _is_macro(parent.node, macros, modules)
    if name.name == "articles":
        return isinstance(parent, nodes.Operand) and parent.op in ("in", "notin")
    return True


def _walk(node: nodes.Node, parent: nodes.Node | None) -> Iterator[tuple[nodes.Node, nodes.Node | None]]:
    yield node, parent
    for child in node.iter_child_nodes():
        yield from _walk(child, node)


def _macro_names(tree: nodes.Template) -> tuple[set[str], set[str]]:
    """The macros a template defines or imports by name, and the names it imports templates as."""
    macros = {macro.name for macro in tree.find_all(nodes.Macro)}
    for imported in tree.find_all(nodes.FromImport):
        macros |= {name if isinstance(name, str) else name[1] for name in imported.names}
    modules = {imported.target for imported in tree.find_all(nodes.Import)}
    return macros, modules


def _is_macro(called: nodes.Node, macros: set[str], modules: set[str]) -> bool:
    """A macro of this template (``source_line``) or of one it imports (``m.source_line``)."""
    if isinstance(called, nodes.Name):
        return called.name in macros
    return isinstance(called, nodes.Getattr) and isinstance(called.node, nodes.Name) and called.node.name in modules


def _templates_named(expression: nodes.Expr, env: Environment) -> list[str] | None:
    """The templates an include or import may load: a name, a list of names, or every
    template whose name starts with the constant a built name begins with
    (``"sections/" ~ section.name``); None when that cannot be told."""
    if isinstance(expression, nodes.Const) and isinstance(expression.value, str):
        return [expression.value]
    if isinstance(expression, (nodes.List, nodes.Tuple)):
        names: list[str] = []
        for item in expression.items:
            found = _templates_named(item, env)
            if found is None:
                return None
            names += found
        return names
    if isinstance(expression, (nodes.Concat, nodes.Add)):
        first = expression.nodes[0] if isinstance(expression, nodes.Concat) else expression.left
        while isinstance(first, (nodes.Concat, nodes.Add)):
            first = first.nodes[0] if isinstance(first, nodes.Concat) else first.left
        if isinstance(first, nodes.Const) and isinstance(first.value, str) and first.value:
            return [t for t in env.list_templates() if t.startswith(first.value)]
    return None
