"""Hostile values in every field of a brief, an article and the registries: every page
type of the built site is loaded in Debian's Chromium; no script of theirs may run.

Each page is loaded with dialogs recorded; then every element gets the events that
inline handlers listen to, and every link is clicked (http(s) navigation is cancelled,
so a ``javascript:`` link would run and open a dialog). Search is typed into too."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest
from typer.testing import CliRunner

from generator.cli import app
from generator.site.render import PAGE_SIZE

from .hostile import PAYLOADS, make_hostile_project

pytestmark = [pytest.mark.browser]

PAGE_TYPES = [
    "",
    "briefs/",
    "briefs/hostile-0/",
    "articles/hostile-0/",
    "actors/",
    "actors/alpha-0/",
    "actors/beta-0/",
    "topics/",
    "topics/topic-0/",
    "sources/",
    "sources/outlet-0/",
    "figures/",
    "scenarios/",
]
# Pages that exist only past a listing cap: an outlet, actor or topic with more than 20
# briefs, and a second page of a listing; their titles carry the crowd's hostile name.
PAST_THE_CAPS = [
    "sources/crowd/briefs/",
    "actors/crowd/briefs/",
    "topics/crowd/briefs/",
    "briefs/pages/2/",
    "figures/pages/2/",
    "scenarios/pages/2/",
]

# Payloads call alert(); recording the calls (instead of opening dialogs) keeps the page
# running, so one injection does not hide the next.
RECORD_DIALOGS = """window.__dialogs = [];
for (const name of ['alert', 'confirm', 'prompt', 'print', 'open']) {
  window[name] = (...args) => { window.__dialogs.push(name + '(' + args.join(',') + ')'); };
}"""

FIRE_EVERYTHING = """() => {
  const fired = [];
  document.addEventListener('click', e => {
    const link = e.target.closest && e.target.closest('a');
    if (!link) return;
    const href = link.getAttribute('href') || (link.href && link.href.baseVal) || '';
    const url = new URL(href, location.href);
    if (url.protocol === 'http:' || url.protocol === 'https:') e.preventDefault();
  }, true);
  const events = ['mouseover', 'mouseenter', 'focus', 'blur', 'load', 'error', 'toggle', 'animationstart', 'pointerdown'];
  for (const el of document.querySelectorAll('body *')) {
    for (const name of events) el.dispatchEvent(new Event(name, {bubbles: false}));
  }
  for (const link of document.querySelectorAll('a')) { link.dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true})); fired.push(1); }
  return fired.length;
}"""

LINK_PROTOCOLS = """() => Array.from(document.querySelectorAll('a, area, [href], [src], [action], [formaction]')).flatMap(el =>
  ['href', 'src', 'action', 'formaction', 'xlink:href'].filter(a => el.hasAttribute(a))
    .map(a => new URL(el.getAttribute(a), location.href).protocol))"""

HANDLER_ATTRIBUTES = """() => Array.from(document.querySelectorAll('*')).flatMap(el =>
  Array.from(el.attributes).filter(a => a.name.toLowerCase().startsWith('on')).map(a => el.tagName + ' ' + a.name))"""

FOREIGN_SCRIPTS = """() => Array.from(document.scripts).filter(s => !s.src && s.id !== '__config'
  && /alert|onerror|onload/.test(s.textContent)).map(s => s.textContent.slice(0, 80))"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = make_hostile_project(tmp_path_factory.mktemp("hostile"), crowd=PAGE_SIZE + 1)
    result = CliRunner().invoke(app, ["build", "--strict", "--no-extract", "--project", str(root)])
    assert result.exit_code == 0, result.output
    site = root / "site"
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield site, f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


def test_every_page_type_exists(hostile_site):
    site, _ = hostile_site
    missing = [p for p in PAGE_TYPES + PAST_THE_CAPS if not (site / p / "index.html").is_file()]
    assert missing == []
    assert "digest-actor-map" in (site / "topics" / "topic-3" / "index.html").read_text(encoding="utf-8")


def _every_page(site) -> list[str]:
    return sorted(
        str(p.parent.relative_to(site)) + "/"
        for p in site.rglob("index.html")
        if p.parent != site and "guide" not in p.parts
    )


def test_every_page_is_checked(hostile_site):
    site, _ = hostile_site
    assert len(_every_page(site)) >= 5 * len(PAYLOADS)


def test_no_hostile_value_runs_script_on_any_page(browser, hostile_site):
    site, base = hostile_site
    page = browser.new_page()
    page.add_init_script(RECORD_DIALOGS)
    found: dict[str, list] = {}
    for path in ["", *_every_page(site)]:
        page.goto(base + path, wait_until="load")
        problems = [
            *page.evaluate(HANDLER_ATTRIBUTES),
            *page.evaluate(FOREIGN_SCRIPTS),
            *(p for p in page.evaluate(LINK_PROTOCOLS) if p not in ("http:", "https:", "mailto:")),
        ]
        page.evaluate(FIRE_EVERYTHING)
        page.wait_for_timeout(30)
        problems += page.evaluate("window.__dialogs")
        if problems:
            found[path] = problems
    page.close()
    assert found == {}


def test_titles_past_the_caps_are_text(browser, hostile_site):
    """The theme prints a page's title into <title> and the header: the crowd's hostile
    name reaches the reader as the text it is."""
    from .hostile import CROWD_NAME

    _, base = hostile_site
    page = browser.new_page()
    page.add_init_script(RECORD_DIALOGS)
    head_scripts = "document.head.querySelectorAll('script').length"
    page.goto(base, wait_until="load")
    theme_scripts = page.evaluate(head_scripts)
    for path in PAST_THE_CAPS[:3]:
        page.goto(base + path, wait_until="load")
        assert CROWD_NAME in page.title(), path
        assert page.evaluate(head_scripts) == theme_scripts, path
    assert page.evaluate("window.__dialogs") == []
    page.close()


def test_payloads_stay_visible_as_text(browser, hostile_site):
    """Escaping, not deletion: the reader sees the hostile text as text."""
    _, base = hostile_site
    page = browser.new_page()
    for k in (0, 2, 3):
        page.goto(base + f"briefs/hostile-{k}/", wait_until="networkidle")
        assert f"Title{k} {PAYLOADS[k]} title{k}" in page.inner_text("article")
    page.close()


def test_search_results_run_no_script(browser, hostile_site):
    _, base = hostile_site
    page = browser.new_page()
    page.add_init_script(RECORD_DIALOGS)
    found = 0
    for query in ("Actor", "alert", "onerror", "script"):
        page.goto(base + "search/?q=" + query, wait_until="networkidle")
        page.wait_for_timeout(800)
        found += page.locator(".digest-search-result").count()
        page.evaluate(FIRE_EVERYTHING)
    page.wait_for_timeout(200)
    assert found > 0
    assert page.evaluate("window.__dialogs") == []
    page.close()
