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
FONT = 14
"""The labels' size in the drawing's units (the stylesheet sets the same)."""
LINE = FONT + 4
"""The least distance between the baselines of two labels on the same side."""
CHAR_WIDTH = 0.62 * FONT
"""A generous average width of a character: the drawing is widened for the longest name,
so no label is cut at its edge (a browser's real width is checked by a browser test)."""
MARGIN = 6


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
    node_size = {n: 4 + min(degree[n], 12) for n in nodes}
    labels = _place_labels(nodes, at, {n: names[n] for n in nodes}, centre, node_size)
    left = min([0.0, *(x0 - MARGIN for x0, _, _, _ in labels.values())])
    right = max([float(SIZE), *(x1 + MARGIN for _, x1, _, _ in labels.values())])
    parts = [
        '<div class="digest-actor-map-box">',
        f'<svg class="digest-actor-map" data-search-exclude="" viewBox="{left:.0f} 0 {right - left:.0f} {SIZE}" '
        f'role="group" '
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
    for node in nodes:  # the nodes first, then every name (the link) above them, so no node hides a name
        x, y = at[node]
        baseline, anchor_x = labels[node][2:]
        leader = ""
        if abs(baseline - 4 - y) > 2:  # moved clear of a neighbour: a thin line leads to its node
            leader = (
                f'<polyline class="digest-leader" fill="none" '
                f'points="{x:.1f},{y:.1f} {anchor_x:.1f},{baseline - 4:.1f}"/>'
            )
        parts.append(
            f'{leader}<circle class="digest-node" cx="{x:.1f}" cy="{y:.1f}" r="{node_size[node]}">'
            f"<title>{label[node]}</title></circle>"
        )
    for node in nodes:
        baseline, anchor_x = labels[node][2:]
        anchor = "start" if at[node][0] >= centre else "end"
        parts.append(
            f'<a href="{escape_text(link_prefix + node)}/"><text x="{anchor_x:.1f}" y="{baseline:.1f}" '
            f'text-anchor="{anchor}">{label[node]}</text></a>'
        )
    parts.append("</svg>")
    parts.append(_as_list(edges, at, label, link_prefix))
    parts.append("</div>")
    return Markup("".join(parts))


def _place_labels(
    nodes: list[str],
    at: dict[str, tuple[float, float]],
    names: dict[str, str],
    centre: float,
    node_size: dict[str, int],
) -> dict[str, tuple[float, float, float, float]]:
    """Where each name goes: beside its node, outward (right of the circle's centre to the
    right, else to the left), each side's names kept at least a line apart by moving them
    down, then up where the bottom is reached. Returns, per node, the label's left and
    right extent, its baseline and the x its anchor stands at."""
    placed: dict[str, tuple[float, float, float, float]] = {}
    for right_side in (True, False):
        side = sorted((n for n in nodes if (at[n][0] >= centre) is right_side), key=lambda n: at[n][1])
        baselines = [at[n][1] + 4 for n in side]
        for i in range(1, len(baselines)):
            baselines[i] = max(baselines[i], baselines[i - 1] + LINE)
        if baselines:
            baselines[-1] = min(baselines[-1], SIZE - MARGIN)
        for i in range(len(baselines) - 2, -1, -1):
            baselines[i] = min(baselines[i], baselines[i + 1] - LINE)
        for node, baseline in zip(side, baselines, strict=True):
            x = at[node][0]
            width = len(names[node]) * CHAR_WIDTH
            gap = node_size[node] + 4
            anchor_x = x + gap if right_side else x - gap
            extent = (anchor_x, anchor_x + width) if right_side else (anchor_x - width, anchor_x)
            placed[node] = (*extent, max(baseline, FONT), anchor_x)
    return placed


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
