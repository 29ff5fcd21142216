"""Brief, article and actor pages rendered before are read back while nothing they show
changed, and rendered again, the same as an uncached render, when something did."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from jinja2 import DictLoader, Environment
from ruamel.yaml import YAML

from generator.core.project import Project
from generator.site import render
from generator.site.page_cache import PageCache, digest_reads
from generator.site.pages import site_files

from .conftest import copy_of_repository

yaml = YAML()


def _reads(templates: dict[str, str], name: str = "page.j2") -> set[str] | None:
    found = digest_reads(Environment(loader=DictLoader(templates)), name)
    return None if found is None else found[0]


def test_what_a_template_reads_of_the_digest_is_found_through_its_imports_and_includes():
    templates = {
        "page.j2": '{% import "lib.j2" as m %}{{ m.name(digest, item) }}{% include "parts/" ~ kind ~ ".j2" %}',
        "lib.j2": "{% macro name(digest, item) %}{{ digest.actor(item, 1).name }}{% endmacro %}",
        "parts/a.j2": "{{ digest.source_of(item) }}",
        "parts/b.j2": "{{ digest.topics[item] }}",
        "other.j2": "{{ digest.briefs }}",
    }
    assert _reads(templates) == {"actor", "source_of", "topics"}


@pytest.mark.parametrize(
    "body",
    [
        "{% for b in digest %}{{ b }}{% endfor %}",  # loops over it
        "{{ digest['briefs'] }}",  # indexes it
        "{{ digest | length }}",  # hands it to a filter
        "{{ range(digest) }}",  # to a function
        "{% include some_name %}{{ digest.actor(x, 1) }}",  # includes a template it cannot name
    ],
)
def test_a_template_that_uses_the_digest_otherwise_cannot_be_keyed(body):
    assert _reads({"page.j2": body, "x.j2": ""}) is None


def _pages(root: Path, cached: bool) -> tuple[dict[str, str], PageCache | None]:
    made: list[PageCache] = []

    class Counted(PageCache):
        def __post_init__(self) -> None:
            super().__post_init__()
            made.append(self)

    project = Project(root)
    original = render.PageCache
    render.PageCache = Counted  # type: ignore[misc]
    try:
        pages = site_files(project, project.templates, None, project.page_cache if cached else None).pages
    finally:
        render.PageCache = original  # type: ignore[misc]
    return pages, (made[0] if made else None)


def _edit(path: Path, change) -> None:
    data = yaml.load(path.read_text(encoding="utf-8"))
    change(data)
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)


def _same_as_uncached(root: Path) -> PageCache:
    cached, cache = _pages(root, cached=True)
    fresh, _ = _pages(root, cached=False)
    assert [p for p in sorted(fresh) if fresh[p] != cached.get(p)] == [] and cached.keys() == fresh.keys()
    assert cache is not None
    return cache


def test_pages_are_read_back_until_what_they_show_changes(tmp_path):
    root = copy_of_repository(tmp_path)
    first = _same_as_uncached(root)
    assert first.reused == 0 and first.rendered > 10
    again = _same_as_uncached(root)
    assert again.rendered == 0 and again.reused == first.rendered

    brief = sorted((root / "content" / "briefs").glob("*.yml"))[0]
    _edit(brief, lambda d: d["claims"][0].update(text="A claim reworded by an editor of this test"))
    edited = _same_as_uncached(root)
    data = yaml.load(brief.read_text(encoding="utf-8"))
    pages, _ = _pages(root, cached=False)
    showing = [text for text in pages.values() if data["id"] in text]
    assert 2 <= edited.rendered <= len(showing) < len(pages) // 2  # only pages that show the brief
    assert edited.reused == first.rendered - edited.rendered


def test_an_actor_renamed_in_the_registry_renames_it_on_every_cached_page(tmp_path):
    root = copy_of_repository(tmp_path)
    _same_as_uncached(root)
    registry = root / "content" / "actors.yml"
    data = yaml.load(registry.read_text(encoding="utf-8"))
    counts = {}
    for path in (root / "content" / "briefs").glob("*.yml"):
        for actor in yaml.load(path.read_text(encoding="utf-8"))["actors"]:
            counts[actor["id"]] = counts.get(actor["id"], 0) + 1
    renamed = next(a for a in data["actors"] if counts.get(a["id"], 0) >= 2)
    _edit(registry, lambda d: next(a for a in d["actors"] if a["id"] == renamed["id"]).update(name="Renamed Body"))
    after = _same_as_uncached(root)
    assert after.rendered >= 2
    pages, _ = _pages(root, cached=True)
    assert sum("Renamed Body" in text for path, text in pages.items() if path.startswith("briefs/")) >= 2


def test_a_template_that_reads_more_of_the_digest_is_rendered_every_time(tmp_path):
    root = copy_of_repository(tmp_path)
    template = root / "templates" / "brief.md.j2"
    template.write_text(
        template.read_text(encoding="utf-8") + "\nBriefs in this digest: {{ digest.briefs | length }}\n",
        encoding="utf-8",
    )
    _same_as_uncached(root)
    shutil.copy(sorted((root / "content" / "briefs").glob("*.yml"))[0], root / "content" / "briefs" / "copy.yml")
    _edit(root / "content" / "briefs" / "copy.yml", lambda d: d.update(id="copy"))
    pages, _ = _pages(root, cached=True)
    count = len(list((root / "content" / "briefs").glob("*.yml")))
    shown = [text for path, text in pages.items() if path.startswith("briefs/") and path.count("/") == 1]
    assert shown and all(f"Briefs in this digest: {count}" in text for text in shown if "Briefs in this" in text)
    _same_as_uncached(root)


KEYS_OF_EVERY_PAGE = """
import json, sys
from pathlib import Path
from generator.core.project import Project
from generator.core.store import ResultCache
from generator.site import render
keys = {}
class Recorded(render.PageCache):
    def key(self, template, context):
        keys[context["page_path"]] = found = super().key(template, context)
        return found
render.PageCache = Recorded
from generator.site.pages import site_files
project = Project(Path(sys.argv[1]))
site_files(project, project.templates, None, ResultCache(Path(sys.argv[2])))
print(json.dumps(keys))
"""


def test_a_page_has_the_same_key_in_every_process(tmp_path):
    """Another build is another process, with another seed for the hashes of strings: a
    key that followed the order of a set (an actor's co-actors were counted in it) would
    miss the cache on every build."""
    import json
    import os
    import subprocess
    import sys

    root = copy_of_repository(tmp_path)
    found = []
    for seed in ("1", "2", "3"):
        command = [sys.executable, "-c", KEYS_OF_EVERY_PAGE, str(root), str(tmp_path / f"cache{seed}")]
        done = subprocess.run(
            command, capture_output=True, text=True, check=True, env={**os.environ, "PYTHONHASHSEED": seed}
        )
        found.append(json.loads(done.stdout))
    assert sum(key is not None for key in found[0].values()) > 50
    assert [path for path in found[0] if len({keys[path] for keys in found}) > 1] == []
