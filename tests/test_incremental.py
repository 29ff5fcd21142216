"""Incremental builds: after each kind of change, `digest build` converts only the pages
whose inputs changed and publishes, byte for byte, the site a full build of the same
content publishes (pages, assets, feeds, exports, sitemap and search index)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

from generator.cli import app

from .conftest import copy_of_repository


def build(root: Path, *flags: str) -> str:
    result = CliRunner().invoke(app, ["build", "--no-extract", *flags, "--project", str(root)])
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def with_search_parts(root: Path, pages: int) -> Path:
    """The project's search index split in parts of about ``pages`` pages."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace(
            "      templates_dir: templates\n", f"      templates_dir: templates\n      search_part_pages: {pages}\n"
        ),
        encoding="utf-8",
    )
    assert f"search_part_pages: {pages}" in config.read_text(encoding="utf-8")
    return root


def search_counts(said: str) -> tuple[int, int]:
    """(parts indexed again, parts) as `digest build` reports them."""
    words = said.split("search index: ")[1].split()
    return int(words[0]), int(words[2])


def counts(said: str) -> tuple[int, int]:
    """(converted, unchanged) as `digest build` reports them."""
    words = said.split(" generated page(s) and file(s) converted, ")
    return int(words[0].split()[-1]), int(words[1].split()[0])


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def full_build_of(root: Path, where: Path) -> dict[str, bytes]:
    """The same content built from nothing in another folder of the same name depth."""
    shutil.rmtree(where, ignore_errors=True)
    copy = where / "project"
    for name in ("content", "templates"):
        shutil.copytree(root / name, copy / name)
    shutil.copy(root / "mkdocs.yml", copy / "mkdocs.yml")
    assert counts(build(copy, "--full"))[1] == 0
    return site_files(copy / "site")


yaml = YAML()


def edit(path: Path, change: Callable[[dict], None]) -> None:
    data = yaml.load(path.read_text(encoding="utf-8"))
    change(data)
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)


def first_brief(root: Path) -> Path:
    return sorted((root / "content" / "briefs").glob("*.yml"))[0]


def claim_edit(root: Path) -> str:
    def reword(data: dict) -> None:
        data["claims"][0]["text"] = "an edited claim that no build has seen"

    edit(first_brief(root), reword)
    return "an edited claim that no build has seen"


def new_brief(root: Path) -> str:
    source = first_brief(root)
    data = yaml.load(source.read_text(encoding="utf-8"))
    data["id"] = "a-brief-added-today"
    data["title"] = "A brief added today"
    with (source.parent / "a-brief-added-today.yml").open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    return "A brief added today"


def deleted_actor(root: Path) -> str:
    """An actor only one brief names, taken out of that brief (with nothing it said) and
    out of the registry: its page goes."""
    briefs = {p: yaml.load(p.read_text(encoding="utf-8")) for p in sorted((root / "content" / "briefs").glob("*.yml"))}
    for path, data in briefs.items():
        elsewhere = {a["id"] for other, d in briefs.items() if other != path for a in d["actors"]}
        cited = {
            value
            for section in ("claims", "figures", "scenarios")
            for item in data.get(section, [])
            for value in item.values()
            if isinstance(value, str)
        }
        alone = [a["id"] for a in data["actors"] if a["id"] not in elsewhere and a["id"] not in cited]
        if alone:
            break
    gone = alone[0]
    edit(path, lambda d: d["actors"].remove(next(a for a in d["actors"] if a["id"] == gone)))

    def drop(registry: dict) -> None:
        registry["actors"] = [a for a in registry["actors"] if a["id"] != gone]

    edit(root / "content" / "actors.yml", drop)
    return f"!actors/{gone}/index.html"


def actor_renamed(root: Path) -> str:
    """An editor renames, in the registry, an actor several briefs name: every page that
    names it says the new name, cached brief and actor pages too."""
    named: dict[str, int] = {}
    for path in (root / "content" / "briefs").glob("*.yml"):
        for actor in yaml.load(path.read_text(encoding="utf-8"))["actors"]:
            named[actor["id"]] = named.get(actor["id"], 0) + 1

    def rename(registry: dict) -> None:
        actor = next(a for a in registry["actors"] if named.get(a["id"], 0) >= 2)
        actor["name"] = "Quillon Varr Holdings"

    edit(root / "content" / "actors.yml", rename)
    return "Quillon Varr Holdings"


def template_change(root: Path) -> str:
    template = root / "templates" / "brief.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\nA line every brief page now ends with.\n")
    return "A line every brief page now ends with."


@pytest.mark.parametrize("change", [claim_edit, new_brief, deleted_actor, actor_renamed, template_change])
def test_an_incremental_build_publishes_what_a_full_build_does(tmp_path, change):
    """Its search index in parts of about ten pages, so the parts are compared too."""
    root = with_search_parts(copy_of_repository(tmp_path / "incremental"), 10)
    said = build(root)
    converted, unchanged = counts(said)
    assert unchanged == 0 and converted > 100
    indexed, parts = search_counts(said)
    assert indexed == parts >= 8
    total = converted
    before = site_files(root / "site")

    shown = change(root)
    said = build(root)
    converted, unchanged = counts(said)
    indexed, parts = search_counts(said)
    after = site_files(root / "site")
    full = full_build_of(root, tmp_path / "full")
    assert [p for p in sorted(full.keys() | after.keys()) if full.get(p) != after.get(p)] == []
    assert after != before
    if shown.startswith("!"):
        assert shown[1:] in before and shown[1:] not in after
    else:
        assert any(shown.encode() in data for path, data in after.items() if path.endswith(".html"))
    if change is template_change:
        brief_pages = [p for p in after if p.startswith("briefs/") and p.count("/") == 2 and p.endswith("/index.html")]
        assert converted >= len(brief_pages) > 0
    else:
        assert converted < total // 2 and unchanged > total // 2  # most of the site is taken as it was
    if change is claim_edit:
        assert 0 < indexed <= parts // 2, (indexed, parts)  # the parts of the pages that changed


def test_a_search_index_pagefind_left_incomplete_is_told_apart(tmp_path):
    """Pagefind's service was seen stopped mid-write (empty entry file and scripts): the
    build checks what it wrote and indexes again rather than publish a search that fails."""
    from generator.site.search_index import incomplete_index, index_search

    root = copy_of_repository(tmp_path)
    build(root)
    output = root / "site" / "pagefind"
    assert incomplete_index(output) == ""
    assert index_search(root / "site").pages > 10 and incomplete_index(output) == ""
    fragment = next(output.glob("fragment/*.pf_fragment"))
    fragment.write_bytes(fragment.read_bytes()[:20])
    assert "cut short" in incomplete_index(output)
    (output / "pagefind-entry.json").write_bytes(b"")
    assert "empty file" in incomplete_index(output)
    shutil.rmtree(output)
    assert incomplete_index(output) == "no pagefind folder"


def test_a_site_build_runs_only_the_code_its_pages_are_keyed_on(tmp_path):
    """Pages (and parsed briefs) are keyed on the package's SITE_CODE, not on all of it, so a
    change to an extraction rule converts no page: that holds only while the site build
    imports nothing outside it."""
    import subprocess
    import sys

    from generator.core.fingerprint import PACKAGE_DIR, SITE_CODE

    root = copy_of_repository(tmp_path)
    script = (
        "import sys; from pathlib import Path; import generator.plugin; "
        "from generator.core.project import Project; from generator.site.pages import site_files; "
        "from generator.site.publish import build_site; "
        f"build_site(Project(Path({str(root)!r}))); "
        "print('\\n'.join(m.__file__ for n, m in sys.modules.items() if n.startswith('generator') and m.__file__))"
    )
    loaded = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    outside = [
        path
        for path in loaded.split()
        if not any(Path(path).is_relative_to(PACKAGE_DIR / part) for part in SITE_CODE)
        and Path(path) != PACKAGE_DIR / "__init__.py"
    ]
    assert outside == []
