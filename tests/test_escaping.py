"""Article text is untrusted: it is shown as text and never becomes markup."""

from __future__ import annotations

import html
import re

import pytest
from markdown import Markdown
from typer.testing import CliRunner

from generator.cli import app
from generator.core.model import Outlet, Source, normalise_http_url
from generator.site.actor_map import actor_map_svg
from generator.site.escaping import escape_text, safe_url
from generator.site.sanitize import sanitize_html

from .conftest import make_project

MALICIOUS = """Minister <script>alert('x')</script> Warns <img src=x onerror=alert(1)>

# Fake heading from the article
Minister Karl Stone said that <script>alert("pwned")</script> and [click me](javascript:alert(1)) were **bold** {{ 7*7 }} {% raw %} | table | breaks.
Karl Stone said that the <img src=x onerror=alert(2)> plan would cost $5 billion.
"""


def test_escape_text_neutralizes_markup():
    out = str(escape_text("<b>x</b> [a](b) # h * _ `c` | {{ x }}"))
    assert "<" not in out and "[" not in out and "|" not in out and "{" not in out and "`" not in out
    assert str(escape_text("1. item")) != "1. item" and str(escape_text("- item")).startswith("&#45;")


def test_only_http_urls_pass():
    assert str(safe_url("javascript:alert(1)")) == "#"
    assert str(safe_url("data:text/html,x")) == "#"
    assert str(safe_url("https://example.org/a")) == "https://example.org/a"
    assert str(safe_url("https://example.org/a?x=1&y=2")) == "https://example.org/a?x=1&amp;y=2"


# Markdown reads these as structure even inside an HTML attribute: a URL keeps none of them.
MARKDOWN_IN_URL = set("[]()!*`{}<>\"'\\|^ ")


@pytest.mark.parametrize(
    "url",
    [
        "https://a.example/[r]:x/![i][r]{:onerror=alert`x`}",
        "https://a.example/a(b)c?q=[1]#<frag>",
        "https://a.example/'\"/*x*/|^",
        "https://a.example/\\windows\\path",
    ],
)
def test_a_url_keeps_no_markdown_or_html_character(url):
    out = normalise_http_url(url)
    assert out.startswith("https://a.example/")
    assert not MARKDOWN_IN_URL & set(out), out
    assert normalise_http_url(out) == out  # normalising twice changes nothing


@pytest.mark.parametrize(
    "url, message",
    [
        ("https://a.example/\n\n[r]:x", "one line"),
        ("https://a.example/a b", "one line"),
        ("javascript:alert(1)", "must be an http(s) URL"),
        ("ftp://a.example/", "must be an http(s) URL"),
        ("https://", "must be an http(s) URL"),
        ("https://user:pw@a.example/", "user name"),
    ],
)
def test_a_bad_url_is_refused_with_a_reason(url, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        normalise_http_url(url)


def test_every_url_field_uses_the_one_rule():
    """Briefs, the sources registry and the JSON Schema editors use all carry the rule."""
    assert Outlet(id="x", name="X", url="https://a.example/(x)").url == "https://a.example/%28x%29"
    with pytest.raises(ValueError):
        Source(file="a", sha256="0" * 64, url="https://a.example/\n\nx")
    schema = Source.model_json_schema()["properties"]["url"]
    assert schema["format"] == "uri" and schema["pattern"].startswith("^[Hh]")


def test_front_matter_url_is_checked_with_its_line(tmp_path):
    from generator.articles.ingest import read_article
    from generator.core.errors import DigestError

    article = tmp_path / "a.md"
    article.write_text('---\ntitle: T\nurl: "https://a.example/\\n\\n[r]:x"\n---\nBody text.\n', encoding="utf-8")
    with pytest.raises(DigestError, match=r"a.md:3.*one line"):
        read_article(article, tmp_path)


def _markdown(text: str) -> str:
    return Markdown(extensions=["attr_list", "md_in_html", "tables"]).convert(text)


def test_actor_map_survives_markdown_with_hostile_names():
    """The map sits in Markdown: no name may become a link, a tag or break an attribute."""
    from collections import Counter

    names = {"a": "[Lavrov](javascript:alert(1))", "b": 'x" onload="alert(2)', "c": "line\n\n# heading"}
    svg = actor_map_svg(
        Counter({("a", "b"): 2, ("b", "c"): 1}),
        names,
        "../actors/",
        "Military aid [x](a onload=alert(document.domain) b)",
    )
    html = _markdown(f"Before.\n\n{svg}\n\nAfter.")
    assert '<a href="javascript' not in html and "<h1" not in html
    assert "onload=" not in html.replace("onload&#61;", "")
    drawing, listing = html.split("</svg>")
    assert html.count("<svg") == 1 and drawing.count('href="../actors/') == 3
    assert listing.count('href="../actors/') == 4 and listing.count("<li>") == 2  # the map as a list, same escaping


def test_sanitizer_removes_what_escaping_missed():
    dirty = (
        '<p onclick="x()">a<script>alert(1)</script><a href="javascript:alert(2)">j</a>'
        '<svg viewBox="0 0 1 1" onload="alert(3)"><a href="../x/"><text x="1">t</text></a></svg>'
        '<table class="digest-sortable"><tr><td data-value="3">3</td></tr></table></p>'
    )
    clean = sanitize_html(dirty)
    assert "script" not in clean and "onclick" not in clean and "onload" not in clean
    assert "javascript:" not in clean
    assert 'viewBox="0 0 1 1"' in clean and 'href="../x/"' in clean and 'data-value="3"' in clean


def test_malicious_article_renders_as_visible_text_on_every_page(tmp_path):
    root = make_project(tmp_path, {"evil.txt": MALICIOUS})
    result = CliRunner().invoke(app, ["build", "--strict", "--project", str(root)])
    assert result.exit_code == 0, result.output
    pages = list((root / "site").rglob("*.html"))
    reached = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        assert 'href="javascript:' not in html
        assert '<h1 id="fake-heading' not in html
        if "pwned" in html:
            reached += 1
            assert "&lt;script&gt;" in html or "&#60;script&#62;" in html
    assert reached >= 2
    brief_page = next(p for p in pages if "/briefs/" in p.as_posix() and p.parent.name != "briefs")
    text = brief_page.read_text(encoding="utf-8")
    assert re.search(r"\{\{ 7\*7 \}\}|&#123;&#123; 7&#42;7 &#125;&#125;", text)


def test_joined_values_keep_their_separator_spaces():
    from generator.site.render import make_environment

    from .conftest import ROOT

    env = make_environment(ROOT / "templates")
    assert env.from_string("{{ names | join(', ') }}").render(names=["Kiev", "<b>"]) == "Kiev, &#60;b&#62;"


def test_a_title_the_theme_decoded_is_caught_after_it_renders():
    """Material prints an untitled page's <title> through `striptags`, which decodes the
    entities that kept a heading text: the page is read back after the theme."""
    from generator.site.sanitize import theme_output_problems

    title = "Briefs from </title><script>alert(1)</script>"
    decoded = f"<html><head><title>{title} - Site</title></head><body><h1>x</h1></body></html>"
    escaped = decoded.replace(title, html.escape(title))
    assert theme_output_problems(escaped, title, []) == []
    problems = theme_output_problems(decoded, title, [])
    assert problems and "not its title" in problems[0]
    svg_title = escaped.replace("<h1>x</h1>", "<svg><title>a map</title></svg>")
    assert theme_output_problems(svg_title, title, []) == []  # an SVG's title is not the page's
    label = "<img src=x onerror=alert(2)>"
    assert theme_output_problems(escaped.replace("<h1>x</h1>", f"<nav>{label}</nav>"), title, [label])


def test_a_second_title_far_down_a_long_head_is_still_caught():
    """The head is read in chunks until the body opens: a title the theme printed after a
    long run of metadata is read as surely as one at the top."""
    from generator.site.sanitize import HEAD_CHUNK, theme_output_problems

    metadata = '<meta name="x" content="y">' * (3 * HEAD_CHUNK // 25)
    page = f"<html><head><title>Port news</title>{metadata}<title>injected</title></head><body>x</body></html>"
    assert theme_output_problems(page, "Port news", [])
    body_titles = f"<html><head><title>Port news</title>{metadata}</head><body><svg><title>map</title></svg></body>"
    assert theme_output_problems(body_titles, "Port news", []) == []


def test_every_generated_page_names_its_own_title():
    from generator.core.project import Project
    from generator.site.pages import site_files

    from .conftest import ROOT

    pages = site_files(Project(ROOT), ROOT / "templates").pages
    assert len(pages) > 20
    assert [path for path, text in pages.items() if not text.startswith("---\ntitle: ")] == []


def test_a_heading_never_takes_an_id_the_theme_uses(tmp_path):
    """A brief titled `__config` once gave its heading the id of Material's configuration
    script, which broke the page's scripts and the search box."""
    root = make_project(
        tmp_path,
        {"a.md": "---\ntitle: __config\n---\n__config\n\nMinister Ola Berg said that Norway would join the fund.\n"},
    )
    result = CliRunner().invoke(app, ["build", "--project", str(root)])
    assert result.exit_code == 0, result.output
    for page in (root / "site").rglob("index.html"):
        ids = re.findall(r'\bid="([^"]+)"', page.read_text(encoding="utf-8"))
        assert len(ids) == len(set(ids)), (page, [i for i in ids if ids.count(i) > 1])
