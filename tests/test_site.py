"""The seed site, built with the real CLI and the real MkDocs: pages hold what the briefs say."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import yaml

from generator.content.briefs import read_briefs
from generator.core.model import Brief


def briefs_of(root: Path) -> list[Brief]:
    briefs, problems = read_briefs(root / "content" / "briefs", root)
    assert problems == []
    return briefs


def page_text(path: Path) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))


def test_site_has_front_page_briefs_topics_and_actors(seed_site):
    site = seed_site / "site"
    briefs = briefs_of(seed_site)
    assert len(briefs) == 5
    assert (site / "index.html").is_file()
    for brief in briefs:
        assert (site / "briefs" / brief.id / "index.html").is_file()
        for topic in brief.topics:
            assert (site / "topics" / topic / "index.html").is_file()
    actor_pages = [p for p in (site / "actors").iterdir() if p.is_dir()]
    assert len(actor_pages) >= 20


def test_brief_pages_hold_what_the_briefs_say(seed_site):
    for brief in briefs_of(seed_site):
        text = " ".join(page_text(seed_site / "site" / "briefs" / brief.id / "index.html").split())
        assert " ".join(brief.title.split()) in text
        for claim in brief.claims:
            assert " ".join(claim.text.split()) in text
        for figure in brief.figures:
            assert " ".join(figure.text.split()) in text


def test_every_evidence_is_verbatim_in_its_article(seed_site):
    for brief in briefs_of(seed_site):
        article = (seed_site / brief.source.file).read_text(encoding="utf-8")
        for item in [*brief.claims, *brief.figures, *brief.scenarios]:
            assert item.evidence in article, (brief.id, item.id)


def test_actor_in_two_articles_has_one_page_listing_both(seed_site):
    nato = page_text(seed_site / "site" / "actors" / "nato" / "index.html")
    titles = [b.title for b in briefs_of(seed_site) if any(a.id == "nato" for a in b.actors)]
    assert len(titles) >= 2
    for title in titles:
        assert " ".join(title.split()) in " ".join(nato.split())


def test_registries_are_seeded(seed_site):
    content = seed_site / "content"
    actors = yaml.safe_load((content / "actors.yml").read_text())["actors"]
    topics = yaml.safe_load((content / "topics.yml").read_text())["topics"]
    assert len(actors) >= 20 and len(topics) >= 5
    assert (content / "actors.yml").read_text().startswith("# yaml-language-server: $schema=")


def test_plain_mkdocs_build_strict_has_no_warning(seed_site, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "out")],
        cwd=seed_site,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr


def test_nav_lists_sections_not_every_page(seed_site):
    index = (seed_site / "site" / "index.html").read_text(encoding="utf-8")
    nav_links = re.findall(r'class="md-nav__link[^"]*"[^>]*href="([^"]+)"', index)
    assert not any(
        "briefs/" in link and link.rstrip("/") != "briefs" and "briefs/index" not in link and link.count("/") > 2
        for link in nav_links
    )
    assert len(set(nav_links)) < 20


def broken_links(site: Path) -> list[tuple[str, str]]:
    """Every href and src inside ``site`` that points inside the site and resolves to no
    file (or names a #fragment that is no id on the page it points to)."""
    ids_cache: dict[Path, set[str]] = {}

    def ids_of(page: Path) -> set[str]:
        if page not in ids_cache:
            ids_cache[page] = set(re.findall(r'\bid="([^"]+)"', page.read_text(encoding="utf-8")))
        return ids_cache[page]

    broken = []
    for page in site.rglob("*.html"):
        html_text = page.read_text(encoding="utf-8")
        for link in re.findall(r'(?:href|src)="([^"]+)"', html_text):
            if re.match(r"^(?:[a-z]+:|//|#$|mailto:)", link) or link.startswith("data:"):
                continue
            target_part, _, fragment = html.unescape(link).partition("#")
            target_part = target_part.split("?")[0]
            if target_part.startswith("/"):
                target = (site / target_part.lstrip("/")).resolve()
            else:
                target = (page.parent / target_part).resolve() if target_part else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists() or (fragment and target.suffix == ".html" and fragment not in ids_of(target)):
                broken.append((page.relative_to(site).as_posix(), link))
    return broken


def test_no_broken_internal_link(seed_site):
    """Every href and src inside site/ that points inside the site resolves to a file
    (and every #fragment to an id on the page it points to)."""
    site = seed_site / "site"
    assert len(list(site.rglob("*.html"))) > 50
    assert broken_links(site) == []


def test_evidence_links_to_the_sentence_in_the_article(seed_site):
    brief = briefs_of(seed_site)[0]
    page = (seed_site / "site" / "briefs" / brief.id / "index.html").read_text(encoding="utf-8")
    claim = brief.claims[0]
    assert f'articles/{brief.id}/#{claim.id}"' in page
    article = (seed_site / "site" / "articles" / brief.id / "index.html").read_text(encoding="utf-8")
    assert f'id="{claim.id}"' in article and "digest-evidence-mark" in article


def test_two_builds_of_unchanged_content_are_byte_identical(tmp_path):
    """Ties are broken by id, never by set order: builds under two hash seeds give the
    same bytes in every file (the "appears most with" lists used to change)."""
    import os
    import shutil
    import subprocess
    import sys

    from .conftest import ROOT, make_project

    root = make_project(tmp_path, seeds=True)
    for folder in ("briefs", "extracted"):
        shutil.copytree(ROOT / "content" / folder, root / "content" / folder)
    for name in ("actors.yml", "sources.yml", "topics.yml"):
        shutil.copy(ROOT / "content" / name, root / "content" / name)
    builds = []
    for seed in ("1", "2"):
        subprocess.run(
            [sys.executable, "-m", "generator.cli", "build", "--no-extract", "--project", str(root)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
            capture_output=True,
        )
        builds.append(shutil.copytree(root / "site", tmp_path / f"site-{seed}"))
    files = [p.relative_to(builds[0]) for p in builds[0].rglob("*") if p.is_file()]
    assert len(files) > 50
    assert [f for f in files if (builds[0] / f).read_bytes() != (builds[1] / f).read_bytes()] == []


def test_the_scenarios_page_lists_every_scenario_exactly_once(seed_site):
    page = (seed_site / "site" / "scenarios" / "index.html").read_text(encoding="utf-8")
    scenarios = [(brief.id, s.id) for brief in briefs_of(seed_site) for s in brief.scenarios]
    assert len(scenarios) >= 10
    rows = page.count("<tr>") - page.count("<thead>")
    assert rows == len(scenarios)
    for brief_id, scenario_id in scenarios:
        assert page.count(f'articles/{brief_id}/#{scenario_id}"') == 1, scenario_id
    assert f"{len(scenarios)} in all" in page


def test_every_brief_shows_its_outlet_or_a_reader_label_and_no_editor_instruction(seed_site):
    for brief in briefs_of(seed_site):
        page = (seed_site / "site" / "briefs" / brief.id / "index.html").read_text(encoding="utf-8")
        assert 'href="../../sources/' in page or "outlet not stated" in page, brief.id
        assert "unknown outlet" not in page.lower()
    sources = page_text(seed_site / "site" / "sources" / "index.html")
    assert "front matter" not in sources and "sources.yml" not in sources


def search_index_text(site: Path) -> dict[str, str]:
    """What Pagefind indexed, page URL → text: its fragments are gzipped JSON."""
    import gzip
    import json

    text = {}
    for fragment in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        text[data["url"].lstrip("/")] = data["content"]
    return text


def test_search_indexes_what_a_reader_looks_for_and_nothing_else(seed_site):
    text = search_index_text(seed_site / "site")
    assert not (seed_site / "site" / "search" / "search_index.json").exists()  # no lunr index for every reader
    assert any(loc.startswith("briefs/") for loc in text) and any(loc.startswith("actors/") for loc in text)
    assert not any("Editing guide" in t and "Briefs" in t and "Topics" in t for t in text.values())  # no navigation
    figures = " ".join(t for loc, t in text.items() if loc.startswith("figures/"))
    assert "Unit all" not in figures and "allall" not in figures  # the filter options are not indexed
    assert "FigureValue" not in figures  # table cells are words apart
    assert not any(
        "↗" in t or "unreviewed" in t or "Download" in t for loc, t in text.items() if not loc.startswith("guide")
    )
    actors = " ".join(t for loc, t in text.items() if loc.startswith("actors/"))
    assert "→" not in actors and "claim(s)" not in actors  # the actor map's arrows and hidden labels are not indexed
    assert any(loc.startswith("articles/") and len(t) > 200 for loc, t in text.items())  # article text is searchable
    for brief in briefs_of(seed_site):
        for claim in brief.claims:
            run_together = claim.text.rstrip(" .")[-12:] + claim.evidence[:12]
            assert not any(run_together in t for t in text.values()), claim.id


def test_briefs_and_topics_open_with_key_points_that_link_to_their_evidence(seed_site):
    site = seed_site / "site"
    with_points = 0
    for brief in briefs_of(seed_site):
        page = (site / "briefs" / brief.id / "index.html").read_text(encoding="utf-8")
        if "Key points" in page:
            with_points += 1
            section = page.split('id="key-points"')[1].split("<h2")[0]
            assert "digest-reason" in section and f"../../articles/{brief.id}/#" in section
    assert with_points >= 4
    topic = max((site / "topics").glob("*/index.html"), key=lambda p: p.stat().st_size).read_text(encoding="utf-8")
    assert topic.index('id="key-points"') < topic.index('id="side-by-side"')


def test_listings_page_and_entity_pages_cap_so_no_page_grows_with_the_digest(tmp_path, monkeypatch):
    """With small page sizes, a ten-brief digest behaves as a large one would: listings in
    pages whose links hold (strict build), every figure and scenario on exactly one page,
    topic and actor pages capped with a link to the paged list of all their briefs."""
    import shutil

    from typer.testing import CliRunner

    from generator.cli import app
    from generator.site import render

    from .conftest import ROOT, make_project

    monkeypatch.setattr(render, "PAGE_SIZE", 4)
    monkeypatch.setattr(render, "CAP", 3)
    monkeypatch.setattr(render, "LATEST", 2)
    root = make_project(tmp_path, seeds=True)
    briefs = root / "content" / "briefs"
    briefs.mkdir(parents=True)
    for name in ("actors.yml", "sources.yml", "topics.yml"):
        shutil.copy(ROOT / "content" / name, root / "content" / name)
    seeds = sorted((ROOT / "content" / "briefs").glob("*.yml"))
    for n in range(10):
        data = yaml.safe_load(seeds[n % len(seeds)].read_text(encoding="utf-8"))
        data["id"] = f"copy-{n}"
        (briefs / f"copy-{n}.yml").write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
        text = ROOT / "content" / "extracted" / f"{seeds[n % len(seeds)].stem}.txt"  # the article page's text
        (root / "content" / "extracted").mkdir(exist_ok=True)
        shutil.copy(text, root / "content" / "extracted" / f"copy-{n}.txt")
    result = CliRunner().invoke(app, ["build", "--strict", "--no-extract", "--project", str(root)])
    assert result.exit_code == 0, result.output
    site = root / "site"
    assert (site / "briefs" / "pages" / "3" / "index.html").is_file() and not (site / "briefs" / "pages" / "4").exists()
    all_briefs = briefs_of(root)
    figure_pages = [site / "figures" / "index.html", *sorted((site / "figures" / "pages").glob("*/index.html"))]
    assert sum(p.read_text(encoding="utf-8").count("<tr data-unit") for p in figure_pages) == sum(
        len(b.figures) for b in all_briefs
    )
    scenario_pages = [site / "scenarios" / "index.html", *sorted((site / "scenarios" / "pages").glob("*/index.html"))]
    for brief in all_briefs:
        for scenario in brief.scenarios:
            anchor = f'articles/{brief.id}/#{scenario.id}"'
            assert sum(p.read_text(encoding="utf-8").count(anchor) for p in scenario_pages) == 1
    busiest = max(
        (p for p in (site / "topics").glob("*/index.html") if p.parent.name != "topics"),
        key=lambda p: p.read_text(encoding="utf-8").count("digest-source-card"),
    )
    topic = busiest.read_text(encoding="utf-8")
    assert topic.count('class="digest-source-card"') == 2 and "briefs/" in topic and "of" in topic
    assert (busiest.parent / "briefs" / "index.html").is_file()


def test_search_shards_must_be_site_addresses():
    """extra.search_shards of mkdocs.yml: a wrong entry stops the build, naming it."""
    import pytest
    from mkdocs.exceptions import PluginError

    from generator.plugin import search_shards

    assert search_shards(None) == []
    assert search_shards(["../2024/", "/2023/", "https://digest.example/2022/"]) == [
        "../2024/",
        "/2023/",
        "https://digest.example/2022/",
    ]
    for wrong in ("../2024/", ["../2024"], ["javascript:alert(1)//"], ["http://plain.example/"], [3]):
        with pytest.raises(PluginError, match="search_shards"):
            search_shards(wrong)
