"""Render: the digest → Markdown pages, through the Jinja2 templates in
``templates/``.

Every value a template prints is escaped by default, for HTML and for
Markdown: text from articles and YAML is untrusted and can never become a tag,
a link, a heading or a table cell break. Only what templates build themselves
(macros, the ``trusted`` filter) passes unescaped."""

from __future__ import annotations

import html
import json
import posixpath
import re
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from generator.content.merge import Digest, DigestActor, disagreements
from generator.core.errors import DigestError
from generator.core.model import SECTIONS, Brief, Claim, Figure, Scenario
from generator.core.stances import stance_polarity
from generator.core.store import ResultCache
from generator.core.units import is_money
from generator.site.actor_map import actor_map_svg
from generator.site.changes import changes
from generator.site.display import evidence_adds, figure_value, long_date
from generator.site.escaping import escape_text, escape_text_block, inert, safe_url
from generator.site.key_points import is_sure, key_points
from generator.site.page_cache import PageCache


def _finalize(value: Any) -> Any:
    if value is None:
        return ""
    return escape_text(value)


def _join(values: Any, separator: str = ", ") -> Markup:
    return Markup(inert(separator)).join(escape_text(v) for v in values)


def page_title(value: Any) -> Markup:
    """A page title for front matter. MkDocs themes print titles into <title> and the
    navigation without escaping, so the title carries HTML entities, as a YAML string."""
    return Markup(json.dumps(html.escape(" ".join(str(value).split()), quote=True)))


def _trusted(value: str) -> Markup:
    return Markup(value)


class SpeakerClaims(NamedTuple):
    grouper: str
    list: list[Claim]


def by_speaker(claims: list[Claim]) -> list[SpeakerClaims]:
    """Claims grouped by speaker id, in the order of the ids, unattributed ones (no
    speaker) first: Jinja's ``groupby`` fails on a ``speaker: null`` an editor wrote."""
    groups: dict[str, list[Claim]] = {}
    for claim in sorted(claims, key=lambda c: c.speaker or ""):
        groups.setdefault(claim.speaker or "", []).append(claim)
    return [SpeakerClaims(speaker, group) for speaker, group in groups.items()]


def make_environment(templates: Path) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(templates)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        join=_join,
        e=escape_text,
        escape=escape_text,
        url=safe_url,
        trusted=_trusted,
        page_title=page_title,
        tojson_attr=lambda v: Markup.escape(json.dumps(v)),
        figure_value=figure_value,
        long_date=long_date,
        evidence_adds=lambda item: not isinstance(item, Claim) or evidence_adds(item.text, item.evidence),
        item_label=item_label,
        by_speaker=by_speaker,
    )
    env.globals["sections"] = list(SECTIONS.values())
    return env


def item_label(item: Any) -> str:
    """What a generic section list shows of an item: its title, text or name, else its id."""
    return next((str(v) for v in (getattr(item, k, None) for k in ("title", "text", "name")) if v), item.id)


def article_html(body: str, brief: Brief) -> Markup:
    """The article text as paragraphs (each line of the article one paragraph, as news text
    is written), each evidence sentence marked and anchored by the ids of the items that
    cite it, so a brief's line links to its sentence in context. Evidence overlapping an
    earlier mark (a quotation over several sentences) gets an anchor only."""
    anchors: dict[str, list[str]] = {}
    items: list[Claim | Figure | Scenario] = [*brief.claims, *brief.figures, *brief.scenarios]
    for item in items:
        anchors.setdefault(item.evidence, []).append(item.id)
    events: list[tuple[int, int, str]] = []  # (position, order, html) with closes before opens
    marked: list[tuple[int, int]] = []
    for evidence, ids in sorted(anchors.items(), key=lambda pair: (body.find(pair[0]), pair[0])):
        start = body.find(evidence)
        if start == -1:
            continue
        end = start + len(evidence)
        points = "".join(f'<span id="{i}"></span>' for i in ids)
        if "\n" in evidence or any(a < end and start < b for a, b in marked):  # a mark never spans paragraphs
            events.append((start, 1, points))
            continue
        marked.append((start, end))
        events.append((start, 2, f'<mark class="digest-evidence-mark">{points}'))
        events.append((end, 0, "</mark>"))
    out, position = [], 0
    for at, _, markup in sorted(events):
        out.append(str(escape_text_block(body[position:at])))
        out.append(markup)
        position = at
    out.append(str(escape_text_block(body[position:])))
    paragraphs = [p.strip() for p in "".join(out).split("\n") if p.strip()]  # one line of the article, one paragraph
    return Markup("\n".join(f"<p>{p}</p>" for p in paragraphs))


PAGE_SIZE = 100  # rows on one page of a listing (briefs, figures, scenarios)
LATEST = 12  # briefs side by side on a topic page
CHANGE_DAYS = 30  # days on one page of What's new
CAP = 20  # items of one kind on an actor, topic or source page; the rest are a link away


@dataclass(frozen=True)
class Pager:
    """Where one page of a paged listing sits: its number, how many there are, and the
    Markdown links (relative to this page) to the first, previous, next and last."""

    number: int
    count: int
    first: str
    previous: str | None
    next: str | None
    last: str


def page_paths(path: str, count: int) -> list[str]:
    """``figures.md`` → ``figures.md``, ``figures/pages/2.md``, …; ``briefs/index.md`` →
    ``briefs/index.md``, ``briefs/pages/2.md``, …"""
    base = path[: -len("/index.md")] if path.endswith("/index.md") else path[: -len(".md")]
    return [path, *(f"{base}/pages/{k}.md" for k in range(2, count + 1))]


def paginate(path: str, items: list, size: int | None = None) -> list[tuple[str, list, Pager]]:
    """A listing cut into pages of ``size`` items (default PAGE_SIZE; one page when empty)."""
    size = size or PAGE_SIZE
    chunks = [items[i : i + size] for i in range(0, len(items), size)] or [[]]
    paths = page_paths(path, len(chunks))

    def link(source: str, target: str) -> str:
        return posixpath.relpath(target, posixpath.dirname(source) or ".")

    return [
        (
            here,
            chunk,
            Pager(
                k + 1,
                len(chunks),
                link(here, paths[0]),
                link(here, paths[k - 1]) if k else None,
                link(here, paths[k + 1]) if k + 1 < len(chunks) else None,
                link(here, paths[-1]),
            ),
        )
        for k, (here, chunk) in enumerate(zip(paths, chunks, strict=True))
    ]


def ups(path: str) -> tuple[str, str]:
    """How to climb to the docs root from a generated page: for Markdown links (relative
    to the source file) and for raw HTML links (relative to the page's URL, which MkDocs
    makes a folder: ``figures.md`` is served at ``figures/``)."""
    markdown = "../" * path.count("/")
    return markdown, markdown + ("" if path == "index.md" or path.endswith("/index.md") else "../")


def render_pages(
    digest: Digest, templates: Path, articles: dict[str, str] | None = None, cache: ResultCache | None = None
) -> dict[str, str]:
    """Every generated page: path under the site's docs → Markdown. ``articles`` maps a
    brief id to its article text, for the article pages that show evidence in context.
    With ``cache``, a brief or article page rendered before from the same inputs is read
    back instead (:mod:`generator.site.page_cache`)."""
    env = make_environment(templates)
    env.globals["articles"] = articles or {}
    common = {"digest": digest}
    pages: dict[str, str] = {}
    keyed = PageCache(cache, env, digest, articles or {}) if cache is not None else None

    def render(path: str, template: str, **given: Any) -> None:
        """One page; a value given as ``functools.partial`` is made only if the page is
        rendered (not read back from ``cache``)."""
        md_up, url_up = ups(path)
        context = {**common, "page_path": path, "md_up": md_up, "url_up": url_up, "cap": CAP, **given}

        def made() -> str:
            values = {name: v() if isinstance(v, partial) else v for name, v in context.items()}
            text = env.get_template(template).render(**values)
            if not text.startswith("---\ntitle: "):
                # A theme takes an untitled page's <title> from its first heading and may decode
                # its entities there: every generated page names its own title, escaped.
                raise DigestError.at(
                    f"templates/{template}",
                    "a page template must start with front matter that sets `title:` (use the page_title filter)",
                )
            return text

        pages[path] = keyed.page(keyed.key(template, context), made) if keyed is not None else made()

    def render_list(path: str, template: str, items: list, size: int | None = None, **context: Any) -> None:
        for here, chunk, pager in paginate(path, items, size):
            render(here, template, items=chunk, pager=pager, total=len(items), **context)

    names = {a.id: a.name for a in digest.actors.values()}
    busiest = sorted((t for t in digest.topics.values() if t.briefs), key=lambda t: -len(t.briefs))
    days = changes(digest)
    render(
        "index.md",
        "index.md.j2",
        latest=Digest.latest(digest.briefs),
        busiest_topics=busiest,
        headline_figures=_headline_figures(digest),
        whats_new=days[:1],
    )
    render_list("changes.md", "changes.md.j2", days, size=CHANGE_DAYS)
    render_list("briefs/index.md", "briefs.md.j2", Digest.latest(digest.briefs), heading="Briefs", about=None)
    for brief in digest.briefs:
        render(f"briefs/{brief.id}.md", "brief.md.j2", brief=brief, key_points=key_points(digest, [brief]))
        if articles and brief.id in articles:
            render(
                f"articles/{brief.id}.md",
                "article.md.j2",
                brief=brief,
                text=partial(article_html, articles[brief.id], brief),
            )
    render(
        "actors/index.md",
        "actors.md.j2",
        actors=sorted(digest.actors.values(), key=lambda a: a.name.casefold()),
        actor_map=actor_map_svg(digest.talk_edges(), names, "", "Who talks about whom, site-wide"),
    )
    for actor in digest.actors.values():
        render(f"actors/{actor.id}.md", "actor.md.j2", actor=actor)
        if len(actor.briefs) > CAP:
            render_list(
                f"actors/{actor.id}/briefs.md",
                "briefs.md.j2",
                Digest.latest(actor.briefs),
                heading=f"Briefs naming {actor.name}",
                about=f"actors/{actor.id}.md",
            )
    topics = [t for t in digest.topics.values() if t.briefs]
    render("topics/index.md", "topics.md.j2", topics=sorted(topics, key=lambda t: -len(t.briefs)))
    for topic in topics:
        on_topic = [(b, f) for b in topic.briefs for f in b.figures if digest.on_topic(f, topic.topic)]
        render(
            f"topics/{topic.topic.id}.md",
            "topic.md.j2",
            topic=topic,
            whats_new=changes(digest, topic.briefs)[:1],
            key_points=key_points(digest, topic.briefs, claims=4, figures=3, scenarios=3),
            on_the_table=on_the_table(digest, topic)[:CAP],
            timeline=Digest.latest(topic.briefs),
            disagreements=disagreements(on_topic)[:CAP],
            latest=LATEST,
            actor_map=actor_map_svg(
                digest.talk_edges(topic.briefs), names, "../../actors/", f"Who talks about whom on {topic.topic.title}"
            ),
        )
        if len(topic.briefs) > CAP:
            render_list(
                f"topics/{topic.topic.id}/briefs.md",
                "briefs.md.j2",
                Digest.latest(topic.briefs),
                heading=f"Briefs on {topic.topic.title}",
                about=f"topics/{topic.topic.id}.md",
            )
    render(
        "sources/index.md", "sources.md.j2", sources=sorted(digest.sources.values(), key=lambda s: s.name.casefold())
    )
    for source in digest.sources.values():
        render(f"sources/{source.id}.md", "source.md.j2", source=source)
        if len(source.briefs) > CAP:
            render_list(
                f"sources/{source.id}/briefs.md",
                "briefs.md.j2",
                Digest.latest(source.briefs),
                heading=f"Briefs from {source.name}",
                about=f"sources/{source.id}.md",
            )
    render_list("stories/index.md", "stories.md.j2", digest.shown_stories())
    for story in digest.shown_stories():
        figures = [(b, f) for b in story.briefs for f in b.figures]
        render(f"stories/{story.id}.md", "story.md.j2", story=story, disagreements=disagreements(figures)[:CAP])
    every_figure = digest.figures()
    for here, chunk, pager in paginate("figures.md", every_figure):
        filters = figure_filters(digest, chunk)  # ``all_figures``: for a project's template written before ``filters``
        render(
            here,
            "figures.md.j2",
            items=chunk,
            pager=pager,
            total=len(every_figure),
            filters=filters,
            all_figures=every_figure,
        )
    render_list("scenarios.md", "scenarios.md.j2", _scenario_rows(digest))
    return pages


class Option(NamedTuple):
    value: str
    label: str


def figure_filters(digest: Digest, rows: list[tuple[Brief, Figure]]) -> dict[str, list[Option]]:
    """The choices of a figures page's filters: the units, topics, outlets and actors of
    the rows on that page (the filter hides rows of this page; a choice that matches none
    of them would only empty the table), each sorted by its label."""
    found: dict[str, set[Option]] = {"unit": set(), "topics": set(), "source": set(), "actor": set()}
    for brief, figure in rows:
        if figure.unit:
            found["unit"].add(Option(figure.unit, figure.unit))
        found["topics"].update(Option(t.id, t.title) for t in digest.item_topics(brief, figure))
        if (source := digest.source_of(brief)) is not None:
            found["source"].add(Option(source.id, source.name))
        if (stated := digest.actor(brief, figure.stated_by)) is not None:
            found["actor"].add(Option(stated.id, stated.name))
    return {name: sorted(options, key=lambda o: (o.label.casefold(), o.value)) for name, options in found.items()}


@dataclass
class TableItem:
    """One proposal on a topic, however many briefs report it: who proposes it, and the
    judgments passed on it, by polarity (backs, rejects, expects, doubts)."""

    title: str
    reports: list[tuple[Brief, Scenario]] = field(default_factory=list)

    def proposers(self, digest: Digest) -> list:
        named: dict[str, DigestActor] = {}
        for brief, scenario in self.reports:
            actor = digest.actor(brief, scenario.proposed_by)
            if actor is not None:
                named.setdefault(actor.id, actor)
        return list(named.values())

    def judgments(self) -> dict[str, list[tuple[Brief, str]]]:
        by_polarity: dict[str, list[tuple[Brief, str]]] = {}
        for brief, scenario in self.reports:
            polarity = stance_polarity(scenario.stance)
            if polarity and scenario.stance:
                by_polarity.setdefault(polarity, []).append((brief, scenario.stance))
        return by_polarity


SAME_PROPOSAL = 0.5  # share of content words two scenario titles or texts must have in common


def on_the_table(digest: Digest, topic) -> list[TableItem]:
    """The topic's scenarios, one entry per proposal: scenarios whose titles or texts share
    most of their content words are one proposal reported several times. Most reported
    first."""
    items: list[tuple[TableItem, set[str]]] = []
    for brief in Digest.latest(topic.briefs):
        for scenario in brief.scenarios:
            if not digest.on_topic(scenario, topic.topic):
                continue
            words = _content_words(scenario.title) | _content_words(scenario.text)
            same = next((item for item, seen in items if _overlap(words, seen) >= SAME_PROPOSAL), None)
            if same is None:
                same = TableItem(scenario.title)
                items.append((same, set()))
            same.reports.append((brief, scenario))
            next(seen for item, seen in items if item is same).update(words)
    return sorted((item for item, _ in items), key=lambda item: -len(item.reports))


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.casefold()) if len(w) > 3}


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _scenario_rows(digest: Digest) -> list[tuple[str, Brief, Scenario]]:
    """(group, brief, scenario) for every scenario once, in page order (see
    :func:`_scenarios_by_topic`), so the listing can be cut into pages anywhere."""
    return [(title, brief, scenario) for title, items in _scenarios_by_topic(digest) for brief, scenario in items]


def _scenarios_by_topic(digest: Digest) -> list:
    """(topic title, [(brief, scenario), …]): every scenario of every brief exactly once,
    under the first topic of the digest it is on, else under "Other", newest brief first.
    A scenario on two topics is listed once, so the page's count is the digest's."""
    topics = [(t.topic, {b.id for b in t.briefs}) for t in digest.topics.values()]
    groups: dict[str, list] = {topic.title: [] for topic, _ in topics}
    groups["Other"] = []
    for brief in Digest.latest(digest.briefs):
        for scenario in brief.scenarios:
            home = next(
                (topic.title for topic, on in topics if brief.id in on and digest.on_topic(scenario, topic)), "Other"
            )
            groups[home].append((brief, scenario))
    return [(title, items) for title, items in groups.items() if items]


def _headline_figures(digest: Digest, count: int = 6) -> list:
    """The largest sums of money, then percentages, each saying what it measures: what a
    reader scans first. Counts ("three alternatives") never make the list."""
    said = [(b, f) for b, f in digest.figures() if f.measures and is_sure(f)]
    money = [(b, f) for b, f in said if is_money(f.unit) and "/" not in (f.unit or "")]
    percent = [(b, f) for b, f in said if f.unit == "percent"]
    return (sorted(money, key=lambda p: -p[1].value) + percent)[:count]
