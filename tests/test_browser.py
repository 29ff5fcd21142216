"""What a reader sees, in a real headless Chromium (Debian's package) driven by Playwright."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser]
ARTIFACTS = Path(__file__).parent / "artifacts"


@pytest.fixture(scope="module")
def server(seed_site):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(seed_site / "site"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def open_page(browser, url: str, width: int = 1280):
    page = browser.new_page(viewport={"width": width, "height": 900})
    messages: list[str] = []
    page.on("console", lambda m: messages.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: messages.append(f"pageerror: {e}"))
    page.goto(url, wait_until="networkidle")
    return page, messages


def test_front_page_loads_without_console_errors(browser, server):
    page, messages = open_page(browser, server + "/")
    assert "Briefing Digest" in page.title()
    assert page.locator("h2", has_text="Latest briefs").count() == 1
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "front.png"), full_page=True)
    assert messages == []


def search(browser, server: str, query: str, start: str = "/briefs/") -> list[str]:
    """Type the query into the header's search box on ``start`` and return the result links."""
    page, messages = open_page(browser, server + start)
    page.fill("#digest-q", query)
    page.press("#digest-q", "Enter")
    page.wait_for_selector(".digest-search-result", timeout=15000)
    links = page.locator(".digest-search-result").evaluate_all("els => els.map(e => e.href)")
    page.close()
    assert messages == []
    return links


def test_search_finds_an_actor_by_surname_and_by_alias(browser, server):
    from urllib.parse import urlparse

    assert urlparse(search(browser, server, "Stoltenberg")[0]).path == "/actors/jens-stoltenberg/"
    assert any(
        urlparse(link).path == "/actors/ukraine/" for link in search(browser, server, "Kiev", "/actors/ukraine/")
    )


def test_one_search_downloads_a_small_part_of_the_index_at_2000_briefs(browser, tmp_path, seed_site):
    """Pagefind over the seed site plus 2,000 brief pages (the seed site's rendered brief
    and article pages under new addresses, each with its own name), as in a digest of
    2,000 briefs, its index in parts as a build writes it: the first search downloads the
    search code and only the index chunks and results of its words, under 500 KB, however
    large the whole index."""
    import re

    from generator.site.search_index import index_search

    site = tmp_path / "site"
    shutil.copytree(seed_site / "site", site, ignore=shutil.ignore_patterns("pagefind"))
    pages = sorted((seed_site / "site" / "briefs").glob("*/index.html")) + sorted(
        (seed_site / "site" / "articles").glob("*/index.html")
    )
    for n in range(2000):
        source = pages[n % len(pages)]
        html = source.read_text(encoding="utf-8")
        html = re.sub(r"<h1([^>]*)>", rf"<h1\1>Dispatch {n} ", html, count=1)
        target = site / "briefs" / f"copy-{n}" / "index.html"
        target.parent.mkdir(parents=True)
        target.write_text(html, encoding="utf-8")
    written = index_search(site)
    assert written.pages > 2000 and len(written.parts) > 2
    index_bytes = sum(p.stat().st_size for p in site.glob("pagefind*/**/*") if p.is_file())
    handler = functools.partial(QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        page, messages = open_page(browser, f"http://127.0.0.1:{httpd.server_address[1]}/briefs/")
        fetched: dict[str, int] = {}
        page.on("requestfinished", lambda r: fetched.__setitem__(r.url, r.sizes()["responseBodySize"]))
        page.fill("#digest-q", "Stoltenberg")
        page.press("#digest-q", "Enter")
        page.wait_for_selector(".digest-search-result", timeout=30000)
        page.wait_for_load_state("networkidle")
        results = page.locator(".digest-search-result").count()
        links = page.locator(".digest-search-result").evaluate_all("els => els.map(e => e.href)")
        page.close()
    finally:
        httpd.shutdown()
    assert any("/briefs/copy-" in link for link in links), links  # found in the parts merged into the search
    assert any("/pagefind-parts/" in url for url in fetched)
    search_bytes = sum(size for url, size in fetched.items() if "/pagefind" in url)
    print(f"search at 2,000 briefs: {search_bytes} bytes fetched of an index of {index_bytes} bytes")
    # Pagefind may warn that its web worker started slowly and search ran on the page itself.
    assert results > 0 and not [m for m in messages if not m.startswith("warning: Failed to initialize Pagefind")]
    assert 0 < search_bytes < 500_000
    assert search_bytes < index_bytes / 4


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def test_topic_page_shows_sources_side_by_side(browser, server, seed_site):
    topic = max(
        (p for p in (seed_site / "site" / "topics").iterdir() if p.is_dir()),
        key=lambda p: p.joinpath("index.html").read_text().count("digest-source-card"),
    )
    page, messages = open_page(browser, f"{server}/topics/{topic.name}/")
    boxes = page.locator(".digest-source-card").evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.left, r.top]; })"
    )
    assert len(boxes) >= 2
    assert any(abs(a[1] - b[1]) < 2 and a[0] != b[0] for a in boxes for b in boxes), boxes
    page.screenshot(path=str(ARTIFACTS / "topic.png"), full_page=True)
    assert messages == []


def test_figures_table_sorts_within_a_unit_and_filters(browser, server):
    page, messages = open_page(browser, server + "/figures/")

    def rows():
        return page.locator("#digest-figures tbody tr:not([hidden])").evaluate_all(
            "els => els.map(e => [e.dataset.unit, parseFloat(e.cells[1].dataset.value)])"
        )

    page.locator("#digest-figures th", has_text="Value").click()
    ascending = rows()
    assert len(ascending) > 5 and len({unit for unit, _ in ascending}) > 2
    assert ascending == sorted(ascending)  # by unit, then by value: dollars are never ranked against percent
    page.locator("#digest-figures th", has_text="Value").click()
    assert rows() == sorted(ascending, key=lambda pair: (pair[0], -pair[1]))
    page.select_option("select[data-filter=unit]", "percent")
    units = page.locator("#digest-figures tbody tr:not([hidden])").evaluate_all("els => els.map(e => e.dataset.unit)")
    assert units and set(units) == {"percent"}
    page.screenshot(path=str(ARTIFACTS / "figures.png"), full_page=True)
    assert messages == []


def test_actor_map_renders(browser, server):
    page, messages = open_page(browser, server + "/actors/")
    svg = page.locator("svg.digest-actor-map")
    assert svg.count() == 1
    box = svg.bounding_box()
    assert box and box["width"] > 200 and box["height"] > 200
    assert page.locator("svg.digest-actor-map circle").count() >= 5
    assert page.locator("svg.digest-actor-map line").count() >= 3
    assert messages == []


def test_actor_map_is_legible_on_a_phone_and_readable_without_hovering(browser, server):
    page, messages = open_page(browser, server + "/actors/", width=375)
    heights = page.locator("svg.digest-actor-map text").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().height)"
    )
    assert heights and min(heights) >= 9  # was about 4 px when the map shrank to the screen
    listed = page.locator(".digest-actor-map-list li")
    assert listed.count() == page.locator("svg.digest-actor-map line").count()
    assert messages == []


def test_actor_page_screenshot(browser, server):
    page, messages = open_page(browser, server + "/actors/jens-stoltenberg/")
    assert page.locator("h1").inner_text().startswith("Jens Stoltenberg")
    page.screenshot(path=str(ARTIFACTS / "actor.png"), full_page=True)
    assert messages == []


def test_only_the_sentence_a_link_points_to_is_highlighted(browser, server, seed_site):
    from generator.content.briefs import read_briefs

    briefs, _ = read_briefs(seed_site / "content" / "briefs", seed_site)
    brief = max(briefs, key=lambda b: len(b.claims))
    page, messages = open_page(browser, f"{server}/articles/{brief.id}/#{brief.claims[-1].id}")
    backgrounds = page.locator("mark.digest-evidence-mark").evaluate_all(
        "els => els.map(e => getComputedStyle(e).backgroundColor)"
    )
    lit = [b for b in backgrounds if b not in ("rgba(0, 0, 0, 0)", "transparent")]
    assert len(backgrounds) > 3 and len(lit) == 1
    page.screenshot(path=str(ARTIFACTS / "article.png"), full_page=False)
    assert messages == []


@pytest.mark.parametrize("path", ["/", "/figures/", "/actors/", "/briefs/", "/scenarios/"])
def test_no_horizontal_scroll_at_375_px(browser, server, seed_site, path):
    page, _ = open_page(browser, server + path, width=375)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, (path, overflow)


def test_malicious_article_runs_no_script(browser, tmp_path_factory):
    """The escaping test's malicious article, built and opened: no dialog, no injected console output."""
    from typer.testing import CliRunner

    from generator.cli import app

    from .conftest import make_project
    from .test_escaping import MALICIOUS

    root = make_project(
        tmp_path_factory.mktemp("evil"), {"evil.txt": MALICIOUS + "<script>console.log('injected')</script>\n"}
    )
    result = CliRunner().invoke(app, ["build", "--strict", "--project", str(root)])
    assert result.exit_code == 0, result.output
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root / "site"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        pages = ["/"] + [
            f"/{p.parent.relative_to(root / 'site').as_posix()}/"
            for p in (root / "site").rglob("index.html")
            if p.parent != root / "site"
        ]
        for url in pages:
            page, messages = open_page(browser, base + url)
            dialogs: list[str] = []
            page.on("dialog", lambda d, dialogs=dialogs: (dialogs.append(d.message), d.dismiss()))
            logs: list[str] = []
            page.on("console", lambda m, logs=logs: logs.append(m.text))
            page.reload(wait_until="networkidle")
            assert dialogs == [], (url, dialogs)
            assert not any("injected" in line or "pwned" in line for line in logs + messages), (url, logs)
            if "/briefs/" in url and url.count("/") > 3:
                assert "<script>" in page.inner_text("article")  # shown as text
            page.close()
    finally:
        httpd.shutdown()


def page_types(site: Path) -> dict[str, str]:
    """One page of every type the site has: name → path."""

    def first(folder: str) -> str:
        found = sorted(p.parent.name for p in (site / folder).glob("*/index.html"))
        assert found, folder
        return f"/{folder}/{found[0]}/"

    return {
        "front": "/",
        "briefs": "/briefs/",
        "brief": first("briefs"),
        "article": first("articles"),
        "topics": "/topics/",
        "topic": first("topics"),
        "actors": "/actors/",
        "actor": first("actors"),
        "sources": "/sources/",
        "source": first("sources"),
        "figures": "/figures/",
        "scenarios": "/scenarios/",
        "guide": "/guide/",
        "search": "/search/?q=Stoltenberg",
        "changes": "/changes/",
    }


def axe_violations(page, axe_script: Path) -> list[str]:
    """axe-core's serious and critical violations on the page, one line each."""
    page.add_script_tag(path=str(axe_script))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {len(v['nodes'])}× e.g. {v['nodes'][0]['target']}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("width", [1280, 375])
def test_every_page_type_is_accessible_and_fits_the_screen(browser, server, seed_site, node_tools, width):
    """axe-core finds no serious or critical issue, and nothing scrolls sideways, on every
    page type, on a desktop and on a phone; each is screenshotted into tests/artifacts."""
    ARTIFACTS.mkdir(exist_ok=True)
    problems: dict[str, list[str]] = {}
    for name, path in page_types(seed_site / "site").items():
        page, messages = open_page(browser, server + path, width=width)
        # axe first: a full-page screenshot resizes the viewport, and the theme's tab bar
        # fades while it settles, which axe once caught as low contrast mid-transition
        found = axe_violations(page, node_tools / "axe-core" / "axe.min.js") + messages
        page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            found.append(f"scrolls sideways by {overflow}px")
        if found:
            problems[path] = found
        page.close()
    assert problems == {}


WORDS_BROKEN = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll('table td, table th')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      const word = /[^\\s\\-\\u2010-\\u2015/]+/g;
      let m;
      while ((m = word.exec(node.textContent))) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set(Array.from(range.getClientRects()).filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (lines.size > 1) broken.push(m[0]);
      }
    }
  }
  return broken;
}"""

ROWS_AS_CARDS = """(width) => Array.from(document.querySelectorAll('table.digest-table tbody tr')).flatMap(row => {
  const problems = [];
  const box = row.getBoundingClientRect();
  if (getComputedStyle(row).display !== 'block') problems.push('row is not a card');
  if (box.left < 0 || box.right > width) problems.push('card wider than the screen');
  for (const cell of row.cells) {
    if (!cell.textContent.trim()) continue;
    const label = getComputedStyle(cell, '::before').content;
    if (!label.includes(cell.dataset.label)) problems.push('field without its name: ' + cell.dataset.label);
  }
  return problems;
})"""


def _page_with_figures(seed_site) -> str:
    for folder in sorted((seed_site / "site" / "briefs").iterdir()):
        if folder.is_dir() and "digest-table" in (folder / "index.html").read_text(encoding="utf-8"):
            return f"/briefs/{folder.name}/"
    raise AssertionError("no seed brief has figures")


@pytest.mark.parametrize("width", [1280, 375])
def test_no_word_in_a_table_cell_breaks_and_rows_are_cards_on_a_phone(browser, server, seed_site, width):
    """The figures table and a brief's figures: every word of every cell and header sits on
    one line; on a phone every row is a card that names each field and fits the screen."""
    for path in ("/figures/", _page_with_figures(seed_site)):
        page, _ = open_page(browser, server + path, width=width)
        assert page.locator("table.digest-table tbody tr").count() > 0, path
        assert page.evaluate(WORDS_BROKEN) == [], (path, width)
        if path == "/figures/" and width >= 1280:  # the whole table in view: no column scrolled away
            hidden = page.evaluate(
                "(() => { const s = document.querySelector('.digest-table-scroll'); "
                "return s.scrollWidth - s.clientWidth; })()"
            )
            assert hidden <= 0, hidden
        if width < 600:
            assert page.evaluate(ROWS_AS_CARDS, width) == [], path
        page.close()


def test_search_results_say_what_they_are_and_show_each_sentence_once(browser, server):
    """A sentence found in a brief and in its article text: the brief is listed, not the
    article text too; every result says what kind of page it is; no excerpt twice."""
    from urllib.parse import urlparse

    page, messages = open_page(browser, server + "/search/?q=frozen%20Russian%20assets")
    page.wait_for_selector(".digest-search-result", timeout=15000)
    rows = page.locator(".digest-search-results li").evaluate_all(
        "items => items.map(li => [li.querySelector('.digest-result-kind').textContent,"
        " li.querySelector('a').href, li.querySelector('p').textContent.trim()])"
    )
    page.close()
    assert messages == []
    kinds = {kind for kind, _, _ in rows}
    assert "Brief" in kinds and kinds <= {
        "Brief",
        "Article text",
        "Actor",
        "Topic",
        "Story",
        "Source",
        "Figures",
        "Scenarios",
        "What's new",
        "Page",
    }
    paths = [urlparse(href).path for _, href, _ in rows]
    briefs = {p.split("/")[2] for p in paths if p.startswith("/briefs/")}
    assert not any(p.startswith("/articles/") and p.split("/")[2] in briefs for p in paths), paths
    excerpts = [text for _, _, text in rows]
    assert len(excerpts) == len(set(excerpts)), excerpts


LABEL_PROBLEMS = """() => Array.from(document.querySelectorAll('svg.digest-actor-map')).flatMap(svg => {
  const frame = svg.getBoundingClientRect();
  const boxes = Array.from(svg.querySelectorAll('text')).map(t => [t.textContent, t.getBoundingClientRect()]);
  const problems = [];
  for (const [name, b] of boxes) {
    if (b.left < frame.left - 0.5 || b.right > frame.right + 0.5 || b.top < frame.top - 0.5 || b.bottom > frame.bottom + 0.5)
      problems.push('clipped: ' + name);
  }
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const [a, p] = boxes[i], [b, q] = boxes[j];
    const w = Math.min(p.right, q.right) - Math.max(p.left, q.left);
    const h = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
    if (w > 0.5 && h > 0.5) problems.push('overlap: ' + a + ' / ' + b);
  }
  return problems;
})"""


@pytest.mark.parametrize("width", [1280, 375])
def test_no_actor_map_label_is_clipped_or_overlaps_another(browser, server, seed_site, width):
    """Every name on every actor map (site-wide, per topic, per actor) lies inside the
    drawing and clear of every other name, on a desktop and on a phone."""
    topic = max(
        (p for p in (seed_site / "site" / "topics").iterdir() if p.is_dir()),
        key=lambda p: p.joinpath("index.html").read_text().count("digest-node"),
    )
    for path in ("/actors/", f"/topics/{topic.name}/"):
        page, _ = open_page(browser, server + path, width=width)
        assert page.locator("svg.digest-actor-map text").count() >= 5, path
        assert page.evaluate(LABEL_PROBLEMS) == [], (path, width)
        page.close()


def test_a_search_merges_the_indexes_of_the_other_shard_sites(browser, tmp_path):
    """A digest published as one site per year: a search on one shard finds a brief of
    another (Pagefind's multisite merge of the shards listed in extra.search_shards), and
    the result says what it is and links into that shard."""
    import json

    import yaml
    from typer.testing import CliRunner

    from generator.cli import app

    from .conftest import copy_of_repository

    www = tmp_path / "www"
    www.mkdir()
    for shard, other in (("a", "../b/"), ("b", None)):
        root = copy_of_repository(tmp_path / shard)
        config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
        if other:
            config.setdefault("extra", {})["search_shards"] = [other]
        (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
        if shard == "b":
            brief = sorted((root / "content" / "briefs").glob("*.yml"))[0]
            text = brief.read_text(encoding="utf-8")
            brief.write_text(text.replace("\nsummary: ", "\nsummary: Zyxwarble talks. ", 1), encoding="utf-8")
        result = CliRunner().invoke(app, ["build", "--no-extract", "--project", str(root)])
        assert result.exit_code == 0, result.output
        shutil.copytree(root / "site", www / shard)
    assert json.loads((www / "a" / "search-shards.json").read_text()) == {"shards": ["../b/"]}
    assert json.loads((www / "b" / "search-shards.json").read_text()) == {"shards": []}
    handler = functools.partial(QuietHandler, directory=str(www))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{httpd.server_address[1]}"
        page, messages = open_page(browser, base + "/a/search/?q=Zyxwarble")
        page.wait_for_selector(".digest-search-result", timeout=15000)
        links = page.locator(".digest-search-result").evaluate_all("els => els.map(e => e.href)")
        kinds = page.locator(".digest-result-kind").all_inner_texts()
        page.close()
    finally:
        httpd.shutdown()
    assert links and all(link.startswith(base + "/b/") for link in links), links  # only shard b has the word
    briefs = [kind for link, kind in zip(links, kinds, strict=True) if link.startswith(base + "/b/briefs/")]
    assert [kind.casefold() for kind in briefs] == ["brief"] and messages == []  # shown in capitals by CSS
