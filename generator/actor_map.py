"""The actor map: who talks about whom, drawn at build time as inline SVG (no script,
no asset from a CDN). Actors are nodes on a circle; a claim by A that names B is an edge."""

from __future__ import annotations

import html
import math
from collections import Counter

from markupsafe import Markup

MAX_NODES = 24
SIZE = 640


def actor_map_svg(edges: Counter, names: dict[str, str], link_prefix: str, title: str) -> Markup:
    """An SVG of the busiest actors and the claims between them; empty when there are none."""
    degree: Counter = Counter()
    for (a, b), count in edges.items():
        degree[a] += count
        degree[b] += count
    nodes = [n for n, _ in degree.most_common(MAX_NODES) if n in names]
    if len(nodes) < 2:
        return Markup("")
    centre, radius = SIZE / 2, SIZE / 2 - 110
    at = {n: (centre + radius * math.cos(2 * math.pi * i / len(nodes) - math.pi / 2),
              centre + radius * math.sin(2 * math.pi * i / len(nodes) - math.pi / 2)) for i, n in enumerate(nodes)}
    parts = [f'<svg class="digest-actor-map" viewBox="0 0 {SIZE} {SIZE}" role="img" '
             f'aria-label="{html.escape(title)}" xmlns="http://www.w3.org/2000/svg">',
             '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" '
             'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z"/></marker></defs>']
    for (a, b), count in sorted(edges.items()):
        if a in at and b in at:
            (x1, y1), (x2, y2) = at[a], at[b]
            parts.append(f'<line class="digest-edge" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                         f'stroke-width="{min(1 + count, 6)}" marker-end="url(#arrow)">'
                         f'<title>{html.escape(names[a])} → {html.escape(names[b])}: {count} claim(s)</title></line>')
    for node in nodes:
        x, y = at[node]
        anchor = "start" if x >= centre else "end"
        dx = 10 if x >= centre else -10
        parts.append(f'<a href="{html.escape(link_prefix + node)}/"><circle class="digest-node" cx="{x:.1f}" cy="{y:.1f}" '
                     f'r="{4 + min(degree[node], 12)}"><title>{html.escape(names[node])}</title></circle>'
                     f'<text x="{x + dx:.1f}" y="{y + 4:.1f}" text-anchor="{anchor}">{html.escape(names[node])}</text></a>')
    parts.append("</svg>")
    return Markup("".join(parts))
