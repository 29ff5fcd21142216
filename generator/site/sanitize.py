"""The second wall: every generated page's HTML, after Markdown, goes through nh3
(the ammonia sanitizer) with an allow-list of the tags and attributes the templates
and Markdown produce. The templates already escape every untrusted value; this pass
makes sure that a mistake there, in a template or in Markdown's handling of it,
still cannot produce a script, an event handler or a ``javascript:`` link."""

from __future__ import annotations

from html.parser import HTMLParser

import nh3

# What the templates, Python-Markdown (tables, admonitions, toc, attr_list) and the
# actor map produce. Anything else is dropped, its text kept.
ALLOWED_TAGS = nh3.ALLOWED_TAGS | {
    "svg",
    "defs",
    "marker",
    "path",
    "circle",
    "line",
    "text",
    "title",
    "g",
    "label",
    "select",
    "option",
    "tfoot",
}
SVG_ATTRIBUTES = {
    "svg": {"viewBox", "xmlns", "width", "height"},
    "marker": {"viewBox", "refX", "refY", "markerWidth", "markerHeight", "orient"},
    "path": {"d"},
    "circle": {"cx", "cy", "r"},
    "line": {"x1", "y1", "x2", "y2", "stroke-width", "marker-end"},
    "text": {"x", "y", "text-anchor", "dx", "dy"},
}
GLOBAL_ATTRIBUTES = {
    "id",
    "class",
    "title",
    "role",
    "lang",
    "dir",
    "tabindex",
    "hidden",
    "data-search-exclude",
}  # kept out of the search index: maps, filters, badges, arrows


def _attributes() -> dict[str, set[str]]:
    allowed: dict[str, set[str]] = {tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()}
    for tag, names in SVG_ATTRIBUTES.items():
        allowed.setdefault(tag, set()).update(names)
    allowed["*"] = set(GLOBAL_ATTRIBUTES)
    allowed["a"] = allowed.get("a", set()) | {"rel", "download", "type"}
    allowed["option"] = {"value", "selected"}
    allowed["select"] = {"name"}
    allowed["label"] = {"for"}
    return allowed


_ATTRIBUTES = _attributes()


def sanitize_html(html: str) -> str:
    """The page HTML with only allowed tags, attributes and http(s)/relative links."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=_ATTRIBUTES,
        generic_attribute_prefixes={"data-", "aria-"},
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
        strip_comments=True,
    )


class _TitleReader(HTMLParser):
    """Collects the text of every ``<title>`` element of a document's head, as a browser
    parses it (an SVG's titles in the body are not the page's)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.titles: list[str] = []
        self._inside = False
        self.in_body = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.in_body = self.in_body or tag == "body"
        if tag == "title" and not self.in_body:
            self._inside = True
            self.titles.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("title", "head"):
            self._inside = False

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.titles[-1] += data


HEAD_CHUNK = 8192
"""A page is read back in chunks until its body opens (the parser is incremental, so the
titles it finds are those of reading the whole page): pure-Python parsing of every
finished page was a tenth of a site build."""


def theme_output_problems(output: str, title: str, labels: list[str]) -> list[str]:
    """What went wrong when the theme printed a page's own values: its title and the
    labels of its headings. The sanitizer sees only a page's content; the theme prints
    these values around it, in ``<title>``, the header and the table of contents, and may
    decode the entities that kept them text. So the finished page is read back: its
    ``<title>`` must be the one element the theme wrote, starting with the page title as
    a reader should see it, and no value that holds markup may appear decoded anywhere."""
    problems = []
    reader = _TitleReader()
    for start in range(0, len(output), HEAD_CHUNK):  # the head only: titles in the body are not the page's
        reader.feed(output[start : start + HEAD_CHUNK])
        if reader.in_body:
            break
    reader.close()
    if len(reader.titles) != 1 or not reader.titles[0].startswith(title):
        problems.append(f"the page's <title> is not its title (found {reader.titles[:2]!r})")
    for value in {title, *labels}:
        if any(c in value for c in "<>") and value in output:
            problems.append(f"the theme printed {value[:60]!r} without escaping it")
    return problems
