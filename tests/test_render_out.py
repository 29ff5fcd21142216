"""`digest render --out DIR`: the whole site as Markdown in a folder, which a plain
mkdocs.yml (Material, no digest plugin) builds under --strict."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from generator.cli import app

from .conftest import copy_of_repository, make_project

PLAIN_CONFIG = """\
site_name: Plain build of the digest
docs_dir: docs
theme:
  name: material
extra_css: [assets/digest.css]
markdown_extensions: [admonition, attr_list, md_in_html, tables, toc]
"""


def _project(tmp_path: Path) -> Path:
    return copy_of_repository(tmp_path)


def test_rendered_folder_builds_with_a_plain_mkdocs_config(tmp_path):
    root = _project(tmp_path)
    plain = tmp_path / "plain"
    plain.mkdir()
    result = CliRunner().invoke(app, ["render", "--strict", "--out", str(plain / "docs"), "--project", str(root)])
    assert result.exit_code == 0, result.output
    briefs = sorted(p.stem for p in (root / "content" / "briefs").glob("*.yml"))
    assert briefs and all((plain / "docs" / "briefs" / f"{b}.md").is_file() for b in briefs)
    assert (plain / "docs" / "guide.md").is_file()  # the hand-written pages come along
    (plain / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=plain, capture_output=True, text=True
    )
    assert build.returncode == 0, build.stderr
    for brief_id in briefs:
        html = (plain / "site" / "briefs" / brief_id / "index.html").read_text(encoding="utf-8")
        assert 'id="claims"' in html and 'id="scenarios"' in html
    assert (plain / "site" / "exports" / "claims.csv").is_file()
    assert (plain / "site" / "feeds" / "digest.xml").is_file()


def test_render_removes_pages_no_longer_generated(tmp_path):
    root = _project(tmp_path)
    out = tmp_path / "docs"
    assert CliRunner().invoke(app, ["render", "--out", str(out), "--project", str(root)]).exit_code == 0
    gone = sorted((root / "content" / "briefs").glob("*.yml"))[0]
    gone.unlink()
    (out / "stray.md").write_text("left from something else", encoding="utf-8")
    assert CliRunner().invoke(app, ["render", "--out", str(out), "--project", str(root)]).exit_code == 0
    assert not (out / "briefs" / f"{gone.stem}.md").exists()
    assert (out / "stray.md").is_file()  # not written by a render: never removed
    assert (out / "index.md").is_file()


@pytest.mark.parametrize("where", [".", "content", "content/briefs", "..", "repo-clone", "full"])
def test_render_refuses_a_folder_it_could_damage(tmp_path, where):
    """`--out .` once deleted the project: the root, anything above it, content/, a folder
    holding .git and a non-empty folder no render wrote are refused, and nothing changes."""
    root = _project(tmp_path)
    (tmp_path / "repo-clone" / ".git").mkdir(parents=True)
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "notes.txt").write_text("mine", encoding="utf-8")
    target = tmp_path / where if where in ("repo-clone", "full") else root / where
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    result = CliRunner().invoke(app, ["render", "--out", str(target), "--project", str(root)])
    assert result.exit_code == 1
    assert "refusing to render here" in str(result.exception)
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_render_removes_only_what_it_wrote_even_from_a_forged_manifest(tmp_path):
    root = _project(tmp_path)
    out = tmp_path / "docs"
    assert CliRunner().invoke(app, ["render", "--out", str(out), "--project", str(root)]).exit_code == 0
    manifest = out / ".digest-render.json"
    assert "index.md" in json.loads(manifest.read_text(encoding="utf-8"))["files"]
    outside = tmp_path / "precious.txt"
    outside.write_text("keep", encoding="utf-8")
    manifest.write_text(json.dumps({"files": ["../precious.txt", "index.md"]}), encoding="utf-8")
    assert CliRunner().invoke(app, ["render", "--out", str(out), "--project", str(root)]).exit_code == 0
    assert outside.read_text(encoding="utf-8") == "keep"


def test_render_reports_a_broken_brief_and_strict_fails(tmp_path):
    root = _project(tmp_path)
    broken = sorted((root / "content" / "briefs").glob("*.yml"))[0]
    broken.write_text("id: [unclosed\n", encoding="utf-8")
    out = tmp_path / "docs"
    lenient = CliRunner().invoke(app, ["render", "--out", str(out), "--project", str(root)])
    assert lenient.exit_code == 0 and broken.name in lenient.output
    assert not (out / "briefs" / f"{broken.stem}.md").exists()
    strict = CliRunner().invoke(app, ["render", "--strict", "--out", str(out), "--project", str(root)])
    assert strict.exit_code == 1 and broken.name in strict.output


def test_the_site_reads_only_yaml_and_the_text_extraction_stored(tmp_path, monkeypatch):
    """Rendering never decodes an article again: article pages come from the normalised
    text extraction keeps beside the brief's base, and a brief whose text is missing is
    extracted again, so the text is there."""
    from generator.articles import ingest
    from generator.content.refresh import extract_project
    from generator.core.project import Project, article_text_path
    from generator.site.pages import site_files

    from .conftest import make_project

    text = "Harbour Talks Stall\n\nPort director Hanna Ek said that the harbour would close on Friday.\n"
    project = Project(make_project(tmp_path, {"harbour.txt": text}))
    extract_project(project, jobs=1)
    stored = article_text_path(project.extracted, "harbour-talks-stall")
    assert "Hanna Ek said" in stored.read_text(encoding="utf-8")

    def no_decoding(*args, **kwargs):
        raise AssertionError("the site decoded an article")

    with monkeypatch.context() as patch:
        patch.setattr(ingest, "read_article", no_decoding)
        page = site_files(project, project.templates).pages["articles/harbour-talks-stall.md"]
    assert "Hanna Ek said" in page

    stored.unlink()
    assert extract_project(project, jobs=1).written == ["harbour-talks-stall"]
    assert stored.is_file()


def test_two_renders_of_the_same_content_are_byte_identical_whatever_the_hash_seed(tmp_path):
    """Aliases that differ only in case ("Western nations", "western nations") once swapped
    places between runs, and the search index followed: the order must not depend on
    Python's string hashing, which changes with every process."""
    import hashlib

    from generator.content.briefs import write_brief
    from generator.core.model import Brief

    root = make_project(tmp_path)
    spellings = ["Western nations", "western nations", "the West", "WESTERN NATIONS", "the west"]
    for n, spelling in enumerate(spellings):
        text = f"Report {n}\n\n{spelling} said the talks would resume.\n"
        article = root / "content" / "articles" / f"r{n}.txt"
        article.write_text(text, encoding="utf-8")
        brief = Brief.model_validate(
            {
                "id": f"r{n}",
                "title": f"Report {n}",
                "source": {"file": f"content/articles/r{n}.txt", "sha256": hashlib.sha256(text.encode()).hexdigest()},
                "actors": [{"id": "western-nations", "name": spelling, "type": "group", "aliases": spellings}],
            }
        )
        write_brief(
            root / "content" / "briefs" / f"r{n}.yml", root / "content" / "extracted" / f"r{n}.yml", brief, text
        )
    outputs = []
    for seed in ("1", "2", "3"):
        out = tmp_path / f"out-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-m", "generator.cli", "render", "--out", str(out), "--project", str(root)],
            env=env,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
        outputs.append({p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert outputs[0] == outputs[1] == outputs[2]


def test_the_rendered_site_builds_with_zensical_with_its_links_and_search(tmp_path):
    """A way out after Material: Zensical, its authors' successor, builds `digest render`'s
    output from the same plain configuration, every internal link resolves, and its search
    index holds every brief page."""
    import json
    import shutil

    from .test_site import broken_links

    zensical = shutil.which("zensical", path=str(Path(sys.executable).parent))
    assert zensical, "zensical is a test dependency (pip install -e '.[test]')"
    root = _project(tmp_path)
    plain = tmp_path / "plain"
    plain.mkdir()
    command = ["render", "--strict", "--for", "zensical", "--out", str(plain / "docs"), "--project", str(root)]
    result = CliRunner().invoke(app, command)
    assert result.exit_code == 0, result.output
    (plain / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    build = subprocess.run([zensical, "build", "--strict"], cwd=plain, capture_output=True, text=True)
    assert build.returncode == 0, build.stdout + build.stderr
    site = plain / "site"
    briefs = sorted(p.stem for p in (root / "content" / "briefs").glob("*.yml"))
    assert briefs and all((site / "briefs" / b / "index.html").is_file() for b in briefs)
    assert broken_links(site) == []
    indexed = json.loads((site / "search.json").read_text(encoding="utf-8"))["items"]
    locations = {item["location"].split("#")[0] for item in indexed}
    assert all(f"briefs/{b}/" in locations for b in briefs), sorted(locations)[:20]
