"""The second wall: every generated page's HTML, after Markdown, goes through nh3
(the ammonia sanitizer) with an allow-list of the tags and attributes the templates
and Markdown produce. The templates already escape every untrusted value; this pass
makes sure that a mistake there, in a template or in Markdown's handling of it,
still cannot produce a script, an event handler or a ``javascript:`` link."""

from __future__ import annotations

import nh3

# What the templates, Python-Markdown (tables, admonitions, toc, attr_list) and the
# actor map produce. Anything else is dropped, its text kept.
ALLOWED_TAGS = nh3.ALLOWED_TAGS | {
    "svg", "defs", "marker", "path", "circle", "line", "text", "title", "g",
    "label", "select", "option", "tfoot",
}
SVG_ATTRIBUTES = {
    "svg": {"viewBox", "xmlns", "width", "height"},
    "marker": {"viewBox", "refX", "refY", "markerWidth", "markerHeight", "orient"},
    "path": {"d"},
    "circle": {"cx", "cy", "r"},
    "line": {"x1", "y1", "x2", "y2", "stroke-width", "marker-end"},
    "text": {"x", "y", "text-anchor", "dx", "dy"},
}
GLOBAL_ATTRIBUTES = {"id", "class", "title", "role", "lang", "dir", "tabindex", "hidden",
                     "data-search-exclude"}  # kept out of the search index: maps, filters, badges, arrows


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
