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
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .digest import Digest, items_on_topic
from .model import Brief

# Characters that start Markdown or HTML structure anywhere in a line.
_MARKDOWN_ACTIVE = re.compile(r"[\\`*_\[\]{}<>#|!~^&\"'=:$+]")


def escape_text(value: Any) -> Markup:
    """Untrusted text → inert Markdown: HTML-special and Markdown-special
    characters become numeric character references, line breaks become spaces."""
    if isinstance(value, Markup):
        return value
    text = " ".join(str(value).split())
    text = _MARKDOWN_ACTIVE.sub(lambda m: f"&#{ord(m.group(0))};", text)
    text = re.sub(r"^(\d+)([.)])", lambda m: f"{m.group(1)}&#{ord(m.group(2))};", text)
    if text[:1] in ("-", "+", "*", ">"):
        text = f"&#{ord(text[0])};{text[1:]}"
    return Markup(text)


def _finalize(value: Any) -> Any:
    if value is None:
        return ""
    return escape_text(value)


def _join(values: Any, separator: str = ", ") -> Markup:
    return Markup(escape_text(separator)).join(escape_text(v) for v in values)


def safe_url(url: str | None) -> Markup:
    """An http(s) URL for an href attribute; anything else becomes ``#``."""
    if not url or not re.match(r"^https?://", url, re.I):
        return Markup("#")
    return Markup(str(Markup.escape(url)).replace("(", "%28").replace(")", "%29").replace(" ", "%20"))


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
                       tojson_attr=lambda v: Markup.escape(json.dumps(v)))
    return env


def render_site(digest: Digest, templates: Path) -> dict[str, str]:
    """Every generated page: path under the site's docs → Markdown."""
    env = make_environment(templates)
    common = {"digest": digest}
    pages: dict[str, str] = {}

    def render(path: str, template: str, **context: Any) -> None:
        pages[path] = env.get_template(template).render(**common, page_path=path, **context)

    busiest = sorted((t for t in digest.topics.values() if t.briefs), key=lambda t: -len(t.briefs))
    render("index.md", "index.md.j2", latest=_latest(digest.briefs), busiest_topics=busiest)
    render("briefs/index.md", "briefs.md.j2", briefs=_latest(digest.briefs))
    for brief in digest.briefs:
        render(f"briefs/{brief.id}.md", "brief.md.j2", brief=brief)
    render("actors/index.md", "actors.md.j2", actors=sorted(digest.actors.values(), key=lambda a: a.name.casefold()))
    for actor in digest.actors.values():
        render(f"actors/{actor.id}.md", "actor.md.j2", actor=actor)
    topics = [t for t in digest.topics.values() if t.briefs]
    render("topics/index.md", "topics.md.j2", topics=sorted(topics, key=lambda t: -len(t.briefs)))
    for topic in topics:
        render(f"topics/{topic.topic.id}.md", "topic.md.j2", topic=topic, on_topic=items_on_topic)
    render("sources/index.md", "sources.md.j2", sources=sorted(digest.sources.values(), key=lambda s: s.name.casefold()))
    for source in digest.sources.values():
        render(f"sources/{source.id}.md", "source.md.j2", source=source)
    render("figures.md", "figures.md.j2", figures=digest.figures())
    render("scenarios.md", "scenarios.md.j2", scenarios=digest.scenarios())
    return pages


def _latest(briefs: list[Brief]) -> list[Brief]:
    return sorted(briefs, key=lambda b: (b.source.published is not None, str(b.source.published or ""), b.id), reverse=True)
