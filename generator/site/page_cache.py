"""Brief and article pages rendered before, taken back when nothing they show changed.

Most of a digest's pages are its briefs and their article texts, and an editor's fix or a
day's new articles change few of them; rendering all of them through Jinja again was the
largest part of an incremental build. A brief page shows its brief and, of the rest of
the digest, only what the accessors in :data:`BRIEF_PAGE_READS` return for that brief
(its actors' names, its outlet, its story, the topics' titles). So its Markdown is a
function of: the templates and the code of the site stage; the sections; the brief; and
the fields of those accessors' results that :data:`BRIEF_PAGE_READS` keys. A page whose
key was rendered before is read back from the cache instead of rendered.

That holds only while the templates read nothing else of the digest. Before a template's
pages are cached, the template and every template it imports or includes are read
(:func:`digest_reads`): one that reads another attribute of ``digest``, or hands
``digest`` to anything but a macro, is rendered every time, as before. A template that
reaches *through* a keyed result to what is not keyed (an actor's ``briefs``) is outside
this contract: the key covers the fields named in :data:`BRIEF_PAGE_READS` only."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from jinja2 import Environment, nodes

from generator.content.merge import Digest, DigestActor, DigestSource
from generator.core.fingerprint import code_digest, digest_of
from generator.core.model import Brief
from generator.core.store import ResultCache

BRIEF_PAGE_READS = frozenset({"actor", "speaker_name", "source_of", "story_of", "story_sources", "topics"})
"""The attributes of ``digest`` a cached brief or article page may read. Keyed per brief:
each actor the brief's ids resolve to (id, name, type, aliases, roles, description), its
outlet (id, name, outlet entry), its story (the story entry, its briefs' ids, their
outlets), every topic's entry; ``speaker_name`` reads the brief itself."""

ACTOR_PAGE_READS = BRIEF_PAGE_READS | {"latest", "newest_first", "actors"}
"""An actor page also orders briefs (``latest``, ``newest_first``: functions of the briefs
alone) and names the actors it is named with (``actors``: keyed by their ids and names).
Keyed per actor: the actor, its co-actors with their counts and names, and everything
each brief it appears in is keyed by."""

TEMPLATE_READS = {"brief.md.j2": BRIEF_PAGE_READS, "article.md.j2": BRIEF_PAGE_READS, "actor.md.j2": ACTOR_PAGE_READS}
"""The templates whose pages are cached, with what each may read of the digest."""


def _actor_key(actor: DigestActor) -> str:
    return digest_of(
        actor.id, actor.name, actor.type, *sorted(actor.aliases), repr(actor.roles), actor.description or ""
    )


def _source_key(source: DigestSource | None) -> str:
    return "-" if source is None else digest_of(source.id, source.name, repr(source.outlet))


@dataclass
class PageCache:
    """The keys of a digest's brief, article and actor pages, and the cache they are read
    from and written to. ``rendered`` and ``reused`` count this build's pages of each."""

    cache: ResultCache
    env: Environment
    digest: Digest
    articles: dict[str, str]
    rendered: int = 0
    reused: int = 0
    _shared: str = ""
    _cacheable: set[str] = field(default_factory=set)
    _actors_of: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    _topics: str = ""
    _brief_inputs: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        templates = sorted(self.env.list_templates())
        sources = [self.env.loader.get_source(self.env, name)[0] for name in templates] if self.env.loader else []
        sections = repr(self.env.globals.get("sections"))
        self._shared = digest_of(code_digest(), sections, *templates, *sources)
        self._cacheable = {
            name
            for name, allowed in TEMPLATE_READS.items()
            if name in templates and (reads := digest_reads(self.env, name)) is not None and reads <= allowed
        }
        for (brief_id, local_id), actor_id in sorted(self.digest.actor_of.items()):
            self._actors_of.setdefault(brief_id, []).append((local_id, actor_id))
        self._topics = digest_of(*(f"{tid}\0{topic.topic!r}" for tid, topic in sorted(self.digest.topics.items())))

    def brief_inputs(self, brief: Brief) -> str:
        """What a page may show of ``brief`` and of the digest for it (see :data:`BRIEF_PAGE_READS`)."""
        if brief.id in self._brief_inputs:
            return self._brief_inputs[brief.id]
        actors = self.digest.actors
        resolved = [
            f"{local}\0{_actor_key(actors[a]) if a in actors else '-'}"
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
            brief.model_dump_json(),
            *resolved,
            _source_key(self.digest.source_of(brief)),
            told,
            self._topics,
            "-" if article is None else article,
        )
        return found

    def brief_key(self, template: str, brief: Brief) -> str | None:
        """The key of ``brief``'s page made by ``template``; None when it is not cached."""
        if template not in self._cacheable:
            return None
        return digest_of(self._shared, template, self.brief_inputs(brief))

    def actor_key(self, template: str, actor: DigestActor) -> str | None:
        """The key of ``actor``'s page made by ``template``; None when it is not cached."""
        if template not in self._cacheable:
            return None
        actors = self.digest.actors
        named_with = [
            f"{other}\0{count}\0{actors[other].name if other in actors else '-'}"
            for other, count in sorted(actor.co_actors.items())
        ]
        briefs = {b.id: b for b in actor.briefs}
        order = [" ".join(b.id for b in actor.briefs)]
        for pairs in (actor.claims, actor.claims_about, actor.figures, actor.scenarios):
            briefs.update((b.id, b) for b, _ in pairs)
            order.append(" ".join(f"{b.id}#{item.id}" for b, item in pairs))
        return digest_of(
            self._shared,
            template,
            _actor_key(actor),
            *named_with,
            *order,
            *(f"{bid}\0{self.brief_inputs(b)}" for bid, b in sorted(briefs.items())),
        )

    def page(self, key: str | None, render: Callable[[], str]) -> str:
        """The page cached under ``key``, else rendered now (and cached when keyed)."""
        cached = self.cache.get(key) if key else None
        if cached is not None:
            self.reused += 1
            return cached
        text = render()
        self.rendered += 1
        if key:
            self.cache.put(key, text)
        return text


def digest_reads(env: Environment, name: str) -> set[str] | None:
    """The attributes of ``digest`` that template ``name`` and every template it reaches
    read; None when one of them uses ``digest`` otherwise (indexes it, loops over it,
    hands it to a filter or a function): then what a page shows cannot be keyed."""
    reads: set[str] = set()
    seen: set[str] = set()
    pending = [name]
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        if env.loader is None:
            return None
        tree = env.parse(env.loader.get_source(env, current)[0])
        macros, modules = _macro_names(tree)
        for node, parent in _walk(tree, None):
            if isinstance(node, nodes.Name) and node.name == "digest" and node.ctx == "load":
                if isinstance(parent, nodes.Getattr) and parent.node is node:
                    reads.add(parent.attr)
                elif not (
                    isinstance(parent, nodes.Call) and node in parent.args and _is_macro(parent.node, macros, modules)
                ):
                    return None
            if isinstance(node, (nodes.Include, nodes.Import, nodes.FromImport)):
                reached = _templates_named(node.template, env)
                if reached is None:
                    return None
                pending += reached
    return reads


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
