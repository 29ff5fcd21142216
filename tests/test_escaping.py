"""Article text is untrusted: it is shown as text and never becomes markup."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from generator.cli import app
from generator.render import escape_text, safe_url

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
        assert "<h1 id=\"fake-heading" not in html
        if "pwned" in html:
            reached += 1
            assert "&lt;script&gt;" in html or "&#60;script&#62;" in html
    assert reached >= 2
    brief_page = next(p for p in pages if "/briefs/" in p.as_posix() and p.parent.name != "briefs")
    text = brief_page.read_text(encoding="utf-8")
    assert re.search(r"\{\{ 7\*7 \}\}|&#123;&#123; 7&#42;7 &#125;&#125;", text)


def test_joined_values_keep_their_separator_spaces():
    from generator.render import make_environment
    from .conftest import ROOT

    env = make_environment(ROOT / "templates")
    assert env.from_string("{{ names | join(', ') }}").render(names=["Kiev", "<b>"]) == "Kiev, &#60;b&#62;"
