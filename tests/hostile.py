"""A project whose every text field holds a hostile payload: briefs, article text and
the three registries. Used by the escaping tests and by the browser injection test,
which loads every page type of its site and checks that nothing runs."""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

from generator.articles.ingest import read_article
from generator.core.project import article_text_path
from generator.core.store import write_atomic

from .conftest import make_project

# Payload classes seen in the wild against Markdown + HTML sites: raw tags, event
# handlers, javascript: links inline and by reference, attribute break-outs, blank
# lines that open new blocks, attr_list braces, Jinja syntax, entity tricks.
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "[x](javascript:alert(3))",
    "Military aid [x](a onload=alert(4) b)",
    '"><svg onload=alert(5)>',
    "x\n\n# heading\n\n| a | b |\n|---|---|\n| <img src=x onerror=alert(6)> | z |\n",
    "`c` {: onclick=alert(7) } ![i](javascript:alert(8))",
    "{{ 7*7 }} {% raw %} &lt;script&gt;alert(9)&lt;/script&gt;",
    "[r]: javascript:alert(10)\n\n[click][r]",
    '<a href="javascript:alert(11)">a</a> <details open ontoggle=alert(12)>',
    "'><math><mtext><table><mglyph><style><img src=x onerror=alert(13)>",
    "javascript:alert(14)",
    "</title><script>alert(17)</script><title>",
    "&lt;/title&gt;&lt;script&gt;alert(18)&lt;/script&gt;",
]
CROWD_NAME = "Crowd </title><script>alert(19)</script> &lt;/title&gt;&lt;script&gt;alert(20)&lt;/script&gt;"
"""The outlet, actor and topic that the crowd's briefs share: named on the pages that exist
only past the listing caps (an actor, topic or outlet with more than 20 briefs, a listing of
more than 100)."""
HOSTILE_URL = "https://a.example/[r]:x/![i][r]{:onerror=alert`15`}/<script>?q=\"'><img/src=x/onerror=alert(16)>#(x)"


def _hostile_brief(k: int, payload: str, articles: Path) -> tuple[dict, dict]:
    """Brief number ``k`` with ``payload`` in every text field, its article written to
    ``articles``, and its registry entries (actor, topic, outlet)."""

    def say(field: str) -> str:
        return f"{field.title()}{k} {payload} {field}{k}"

    names = [say("alpha"), say("beta")]
    sentences = [
        f"{names[0]} said that {names[1]} would pay $5 billion {say('claim')}.",
        f"{names[1]} warned that talks on military aid could collapse {say('scenario')}.",
    ]
    article = articles / f"hostile-{k}.txt"
    article.write_text("\n\n".join(sentences) + "\n", encoding="utf-8")
    topic = f"topic-{k}"
    outlet = say("outlet")
    brief = {
        "id": f"hostile-{k}",
        "title": say("title"),
        "source": {
            "file": f"content/articles/{article.name}",
            "sha256": hashlib.sha256(article.read_bytes()).hexdigest(),
            "outlet": outlet,
            "url": HOSTILE_URL,
            "published": f"2024-{k // 28 + 1:02d}-{k % 28 + 1:02d}",
            "author": say("author"),
        },
        "kind": ("report", "opinion", "analysis")[k % 3],
        "summary": say("summary"),
        "topics": [topic],
        "actors": [
            {
                "id": f"alpha-{k}",
                "name": names[0],
                "type": "person",
                "role": say("role"),
                "aliases": [say("alias")],
                "mentions": 2,
            },
            {"id": f"beta-{k}", "name": names[1], "type": "organization", "role": None, "aliases": [], "mentions": 2},
        ],
        "claims": [
            {
                "id": "c-one",
                "speaker": f"alpha-{k}",
                "via": f"beta-{k}",
                "quote": True,
                "verb": say("verb"),
                "text": f"{names[1]} would pay {say('claim text')}",
                "evidence": sentences[0],
            },
            {
                "id": "c-two",
                "speaker": f"beta-{k}",
                "quote": False,
                "verb": "warned",
                "text": f"military aid talks with {names[0]} could collapse {say('claim text')}",
                "evidence": sentences[1],
            },
        ],
        "figures": [
            {
                "id": "f-one",
                "text": say("figure"),
                "value": 5e9,
                "unit": say("unit"),
                "measures": say("measures"),
                "stated_by": f"alpha-{k}",
                "evidence": sentences[0],
            },
        ],
        "scenarios": [
            {
                "id": "s-one",
                "title": say("scenario title"),
                "text": f"military aid talks collapse {say('text')}",
                "proposed_by": f"beta-{k}",
                "stance": say("stance"),
                "evidence": sentences[1],
            },
        ],
    }
    registry = {
        "actors": {
            "id": f"alpha-{k}",
            "name": names[0],
            "type": "person",
            "aliases": [say("registry alias")],
            "roles": [{"title": say("role title"), "start": "2020-01-01"}],
            "description": say("description"),
        },
        "topics": {
            "id": topic,
            "title": say("topic"),
            "description": say("topic description"),
            "terms": ["military aid", say("term")],
        },
        "sources": {"id": f"outlet-{k}", "name": outlet, "url": HOSTILE_URL, "kind": "wire", "notes": say("notes")},
    }
    return brief, registry


def _crowd_brief(k: int, articles: Path, first: bool) -> tuple[dict, dict]:
    """A hostile brief that shares its outlet, first actor and topic with the rest of the crowd."""
    brief, entries = _hostile_brief(k, PAYLOADS[k % len(PAYLOADS)], articles)
    brief["source"]["outlet"] = CROWD_NAME
    brief["topics"] = ["crowd"]
    brief["actors"][0].update(id="crowd", name=CROWD_NAME)
    brief["claims"][0]["speaker"] = "crowd"
    brief["figures"][0]["stated_by"] = "crowd"
    brief["claims"][1]["text"] += f" {CROWD_NAME}"
    if not first:
        return brief, {}
    return brief, {
        "actors": {**entries["actors"], "id": "crowd", "name": CROWD_NAME},
        "topics": {**entries["topics"], "id": "crowd", "title": CROWD_NAME},
        "sources": {**entries["sources"], "id": "crowd", "name": CROWD_NAME},
    }


def make_hostile_project(tmp: Path, crowd: int = 0) -> Path:
    """A project with one hostile article and brief per payload, every text field of each
    holding that payload, and registries (actors, topics, sources) likewise. With ``crowd``,
    that many more hostile briefs share one outlet, actor and topic, named with a payload,
    so the pages that exist only past the listing caps are built too."""
    root = make_project(tmp)
    briefs = root / "content" / "briefs"
    briefs.mkdir(parents=True)
    registries: dict[str, list] = {"actors": [], "topics": [], "sources": []}
    made = [_hostile_brief(k, payload, root / "content" / "articles") for k, payload in enumerate(PAYLOADS)]
    made += [_crowd_brief(len(PAYLOADS) + k, root / "content" / "articles", k == 0) for k in range(crowd)]
    for brief, entries in made:
        (briefs / f"{brief['id']}.yml").write_text(
            yaml.safe_dump(brief, sort_keys=False, allow_unicode=True), encoding="utf-8"
        )
        # The article text as extraction would store it for the site (normalised by ingest).
        article = read_article(root / brief["source"]["file"], root)
        write_atomic(article_text_path(root / "content" / "extracted", brief["id"]), article.body)
        for name, entry in entries.items():
            registries[name].append(entry)
    for name, entries in registries.items():
        (root / "content" / f"{name}.yml").write_text(
            yaml.safe_dump({name: entries}, sort_keys=False, allow_unicode=True), encoding="utf-8"
        )
    return root
