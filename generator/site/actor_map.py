"""The actor map: who talks about whom, drawn at build time as inline SVG (no script,
no asset from a CDN). Actors are nodes on a circle; a claim by A that names B is an edge.

The SVG goes into a Markdown page, so it is built to survive Markdown untouched: it sits
alone in a ``<div>`` block (raw HTML that Markdown passes through), and every name in it
is written with :func:`escaping.escape_text`, whose numeric references Markdown cannot
turn into a link, a tag or a line break."""

from __future__ import annotations

import math
from collections import Counter

from markupsafe import Markup

from generator.site.escaping import escape_text

MAX_NODES = 24
SIZE = 640


def actor_map_svg(edges: Counter, names: dict[str, str], link_prefix: str, title: str) -> Markup:
    """An SVG of the busiest actors and the claims between them; empty when there are none.
    ``link_prefix`` and the actor ids are trusted (ids are validated slugs)."""
    degree: Counter = Counter()
    for (a, b), count in edges.items():
        degree[a] += count
        degree[b] += count
    nodes = [n for n, _ in sorted(degree.items(), key=lambda pair: (-pair[1], pair[0]))[:MAX_NODES] if n in names]
    if len(nodes) < 2:
        return Markup("")
    label = {n: escape_text(names[n]) for n in nodes}
    centre, radius = SIZE / 2, SIZE / 2 - 110
    at = {
        n: (
            centre + radius * math.cos(2 * math.pi * i / len(nodes) - math.pi / 2),
            centre + radius * math.sin(2 * math.pi * i / len(nodes) - math.pi / 2),
        )
        for i, n in enumerate(nodes)
    }
    parts = [
        '<div class="digest-actor-map-box">',
        f'<svg class="digest-actor-map" data-search-exclude="" viewBox="0 0 {SIZE} {SIZE}" role="group" '
        f'aria-label="{escape_text(title)}" xmlns="http://www.w3.org/2000/svg">',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" '
        'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z"/></marker></defs>',
    ]
    for (a, b), count in sorted(edges.items()):
        if a in at and b in at:
            (x1, y1), (x2, y2) = at[a], at[b]
            parts.append(
                f'<line class="digest-edge" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                f'stroke-width="{min(1 + count, 6)}" marker-end="url(#arrow)">'
                f"<title>{label[a]} → {label[b]}: {count} claim(s)</title></line>"
            )
    for node in nodes:
        x, y = at[node]
        anchor = "start" if x >= centre else "end"
        dx = 10 if x >= centre else -10
        parts.append(
            f'<a href="{escape_text(link_prefix + node)}/"><circle class="digest-node" cx="{x:.1f}" cy="{y:.1f}" '
            f'r="{4 + min(degree[node], 12)}"><title>{label[node]}</title></circle>'
            f'<text x="{x + dx:.1f}" y="{y + 4:.1f}" text-anchor="{anchor}">{label[node]}</text></a>'
        )
    parts.append("</svg>")
    parts.append(_as_list(edges, at, label, link_prefix))
    parts.append("</div>")
    return Markup("".join(parts))


def _as_list(edges: Counter, shown: dict, label: dict, link_prefix: str) -> str:
    """The map's edges as a list, busiest first: the same facts without hovering or
    seeing the drawing (phones, screen readers)."""

    def link(node: str) -> str:
        return f'<a href="{escape_text(link_prefix + node)}/">{label[node]}</a>'

    items = [
        f"<li>{link(a)} → {link(b)}: {count} claim(s)</li>"
        for (a, b), count in sorted(edges.items(), key=lambda pair: (-pair[1], pair[0]))
        if a in shown and b in shown
    ]
    return (
        '<details class="digest-actor-map-list" data-search-exclude=""><summary>The map as a list</summary>'
        f"<ul>{''.join(items)}</ul></details>"
    )
