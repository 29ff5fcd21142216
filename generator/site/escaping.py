"""Escaping for untrusted text on its way into generated pages.

Generated pages are Markdown with HTML inside, and Python-Markdown runs its link,
reference and image patterns *before* it protects inline HTML. So HTML escaping
alone (``html.escape``) is not enough: ``[x](y)`` inside an attribute still becomes
a link and breaks out of it. Every untrusted value is therefore written with every
character that can start Markdown or HTML structure as a numeric character
reference, which neither Markdown nor the browser's tokenizer can turn back into
structure, and with its line breaks folded, so it can never open a new block.

Text, attribute values and SVG labels all use :func:`escape_text`; URLs use
:func:`safe_url`, which parses and re-encodes them (see ``model.HttpUrl``)."""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

from generator.core.model import normalise_http_url

# Characters that start Markdown or HTML structure anywhere in a line.
_MARKDOWN_ACTIVE = re.compile(r"[\\`*_\[\]{}<>#|!~^&\"'=:$+]")


def inert(text: str) -> str:
    """Every character that could start markup → its numeric character reference."""
    return _MARKDOWN_ACTIVE.sub(lambda m: f"&#{ord(m.group(0))};", text)


def escape_text(value: Any) -> Markup:
    """Untrusted text → inert Markdown and HTML, safe as element text and as a quoted
    attribute value: markup characters become numeric references, line breaks spaces."""
    if isinstance(value, Markup):
        return value
    text = inert(" ".join(str(value).split()))
    text = re.sub(r"^(\d+)([.)])", lambda m: f"{m.group(1)}&#{ord(m.group(2))};", text)
    if text[:1] in ("-", "+", "*", ">"):
        text = f"&#{ord(text[0])};{text[1:]}"
    return Markup(text)


def escape_text_block(text: str) -> Markup:
    """Like :func:`escape_text`, but keeps line breaks (one per paragraph) and the spaces
    at its edges, for article text that is cut around the marked evidence."""
    out = []
    for paragraph in re.split(r"\n\s*", text):
        if not paragraph.strip():
            out.append(" " if paragraph else "")  # the space between two marked sentences
            continue
        core = str(escape_text(paragraph))
        if paragraph[:1].isspace():
            core = " " + core
        if paragraph[-1:].isspace():
            core += " "
        out.append(core)
    return Markup("\n".join(out))


def safe_url(url: str | None) -> Markup:
    """An http(s) URL for an href attribute, parsed and percent-encoded so that no
    character of it can start Markdown or HTML; anything else becomes ``#``."""
    if not url:
        return Markup("#")
    try:
        return Markup(normalise_http_url(str(url)).replace("&", "&amp;"))
    except ValueError:
        return Markup("#")
