"""Render: the digest → Markdown pages, through the Jinja2 templates in
``templates/``.

Every value a template prints is escaped by default, for HTML and for
Markdown: text from articles and YAML is untrusted and can never become a tag,
a link, a heading or a table cell break. Only what templates build themselves
(macros, the ``trusted`` filter) passes unescaped."""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .actor_map import actor_map_svg
from .digest import Digest, disagreements, items_on_topic
from .display import figure_value
from .escaping import escape_text, escape_text_block, inert, safe_url
from .key_points import key_points
from .model import Brief, Scenario
from .stances import stance_polarity
from .units import is_money


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
    env.filters.update(join=_join, e=escape_text, escape=escape_text, url=safe_url, trusted=_trusted, page_title=page_title,
                       tojson_attr=lambda v: Markup.escape(json.dumps(v)), figure_value=figure_value)
    return env


def article_html(body: str, brief: Brief) -> Markup:
    """The article text as paragraphs (each line of the article one paragraph, as news text
    is written), each evidence sentence marked and anchored by the ids of the items that
    cite it, so a brief's line links to its sentence in context. Evidence overlapping an
    earlier mark (a quotation over several sentences) gets an anchor only."""
    anchors: dict[str, list[str]] = {}
    for item in [*brief.claims, *brief.figures, *brief.scenarios]:
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


def render_site(digest: Digest, templates: Path, articles: dict[str, str] | None = None) -> dict[str, str]:
    """Every generated page: path under the site's docs → Markdown. ``articles`` maps a
    brief id to its article text, for the article pages that show evidence in context."""
    env = make_environment(templates)
    env.globals["articles"] = articles or {}
    common = {"digest": digest}
    pages: dict[str, str] = {}

    def render(path: str, template: str, **context: Any) -> None:
        pages[path] = env.get_template(template).render(**common, page_path=path, **context)

    names = {a.id: a.name for a in digest.actors.values()}
    busiest = sorted((t for t in digest.topics.values() if t.briefs), key=lambda t: -len(t.briefs))
    render("index.md", "index.md.j2", latest=_latest(digest.briefs), busiest_topics=busiest,
           headline_figures=_headline_figures(digest))
    render("briefs/index.md", "briefs.md.j2", briefs=_latest(digest.briefs))
    for brief in digest.briefs:
        render(f"briefs/{brief.id}.md", "brief.md.j2", brief=brief, key_points=key_points(digest, [brief]))
        if brief.id in (articles or {}):
            render(f"articles/{brief.id}.md", "article.md.j2", brief=brief, text=article_html(articles[brief.id], brief))
    render("actors/index.md", "actors.md.j2", actors=sorted(digest.actors.values(), key=lambda a: a.name.casefold()),
           actor_map=actor_map_svg(digest.talk_edges(), names, "", "Who talks about whom, site-wide"))
    for actor in digest.actors.values():
        render(f"actors/{actor.id}.md", "actor.md.j2", actor=actor)
    topics = [t for t in digest.topics.values() if t.briefs]
    render("topics/index.md", "topics.md.j2", topics=sorted(topics, key=lambda t: -len(t.briefs)))
    for topic in topics:
        on_topic = [(b, f) for b in topic.briefs for f in b.figures if items_on_topic(topic.topic, [f.evidence])]
        render(f"topics/{topic.topic.id}.md", "topic.md.j2", topic=topic, on_topic=items_on_topic,
               key_points=key_points(digest, topic.briefs, claims=4, figures=3, scenarios=3),
               on_the_table=on_the_table(digest, topic),
               timeline=_latest(topic.briefs), disagreements=disagreements(on_topic),
               actor_map=actor_map_svg(digest.talk_edges(topic.briefs), names, "../../actors/",
                                       f"Who talks about whom on {topic.topic.title}"))
    render("sources/index.md", "sources.md.j2", sources=sorted(digest.sources.values(), key=lambda s: s.name.casefold()))
    for source in digest.sources.values():
        render(f"sources/{source.id}.md", "source.md.j2", source=source)
    render("figures.md", "figures.md.j2", figures=digest.figures())
    render("scenarios.md", "scenarios.md.j2", by_topic=_scenarios_by_topic(digest))
    return pages


@dataclass
class TableItem:
    """One proposal on a topic, however many briefs report it: who proposes it, and the
    judgments passed on it, by polarity (backs, rejects, expects, doubts)."""

    title: str
    reports: list[tuple[Brief, Scenario]] = field(default_factory=list)

    def proposers(self, digest: Digest) -> list:
        named = {}
        for brief, scenario in self.reports:
            actor = digest.actor(brief, scenario.proposed_by)
            if actor is not None:
                named.setdefault(actor.id, actor)
        return list(named.values())

    def judgments(self) -> dict[str, list[tuple[Brief, str]]]:
        by_polarity: dict[str, list[tuple[Brief, str]]] = {}
        for brief, scenario in self.reports:
            polarity = stance_polarity(scenario.stance)
            if polarity:
                by_polarity.setdefault(polarity, []).append((brief, scenario.stance))
        return by_polarity


SAME_PROPOSAL = 0.5  # share of content words two scenario titles or texts must have in common


def on_the_table(digest: Digest, topic) -> list[TableItem]:
    """The topic's scenarios, one entry per proposal: scenarios whose titles or texts share
    most of their content words are one proposal reported several times. Most reported
    first."""
    items: list[tuple[TableItem, set[str]]] = []
    for brief in _latest(topic.briefs):
        for scenario in brief.scenarios:
            if not items_on_topic(topic.topic, [scenario.text, scenario.evidence]):
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


def _scenarios_by_topic(digest: Digest) -> list:
    """(topic title, [(brief, scenario), …]): every scenario of every brief exactly once,
    under the first topic of the digest it is on, else under "Other", newest brief first.
    A scenario on two topics is listed once, so the page's count is the digest's."""
    topics = [(t.topic, {b.id for b in t.briefs}) for t in digest.topics.values()]
    groups: dict[str, list] = {topic.title: [] for topic, _ in topics}
    groups["Other"] = []
    for brief in _latest(digest.briefs):
        for scenario in brief.scenarios:
            home = next((topic.title for topic, on in topics
                         if brief.id in on and items_on_topic(topic, [scenario.text, scenario.evidence])), "Other")
            groups[home].append((brief, scenario))
    return [(title, items) for title, items in groups.items() if items]


def _headline_figures(digest: Digest, count: int = 6) -> list:
    """The largest sums of money, then percentages, each saying what it measures: what a
    reader scans first. Counts ("three alternatives") never make the list."""
    said = [(b, f) for b, f in digest.figures() if f.measures]
    money = [(b, f) for b, f in said if is_money(f.unit) and "/" not in (f.unit or "")]
    percent = [(b, f) for b, f in said if f.unit == "percent"]
    return (sorted(money, key=lambda p: -p[1].value) + percent)[:count]


def _latest(briefs: list[Brief]) -> list[Brief]:
    return sorted(briefs, key=lambda b: (b.source.published is not None, str(b.source.published or ""), b.id), reverse=True)
