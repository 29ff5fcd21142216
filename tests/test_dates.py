"""Dates a reader can trust: every brief says when (the article's own date, else the day it
entered the digest, written once), listings and feeds follow that date, and What's new
shows what arrived on the latest day."""

from __future__ import annotations

import datetime as dt
import re

import feedparser
from typer.testing import CliRunner

from generator.cli import app
from generator.content.merge import build_digest
from generator.content.registry import Registries
from generator.core.model import Brief
from generator.site.changes import changes

from .conftest import ROOT, make_project

DATED = "---\npublished: 2025-03-04\noutlet: Harbour Herald\n---\nHarbour Deal\n\nMayor Ines Dahl said the harbour would reopen.\n"
UNDATED = "Ferry Vote\n\nCouncillor Ola Berg said the ferry would cost $5 million.\n"


def _run(root, *args, env=None):
    return CliRunner().invoke(app, [*args, "--project", str(root)], env=env)


def test_the_day_a_brief_entered_the_digest_is_written_once(tmp_path, monkeypatch):
    root = make_project(tmp_path, {"a.md": DATED, "b.txt": UNDATED})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 1, 5, tzinfo=dt.UTC).timestamp())))
    assert _run(root, "extract").exit_code == 0
    ferry = root / "content" / "briefs" / "ferry-vote.yml"
    assert "ingested: '2026-01-05'" in ferry.read_text(encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 2, 9, tzinfo=dt.UTC).timestamp())))
    (root / "content" / "articles" / "b.txt").write_text(UNDATED + "He added that the vote was close.\n")
    assert _run(root, "extract", "--force").exit_code == 0
    assert "ingested: '2026-01-05'" in ferry.read_text(encoding="utf-8")  # never changed


def test_pages_say_which_date_they_show_and_feeds_never_show_1970(tmp_path, monkeypatch):
    root = make_project(tmp_path, {"a.md": DATED, "b.txt": UNDATED})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 1, 5, tzinfo=dt.UTC).timestamp())))
    result = _run(root, "build")
    assert result.exit_code == 0, result.output
    assert "site_url is not set in mkdocs.yml" in " ".join(result.output.split())
    harbour = (root / "site" / "briefs" / "harbour-deal" / "index.html").read_text(encoding="utf-8")
    ferry = (root / "site" / "briefs" / "ferry-vote" / "index.html").read_text(encoding="utf-8")
    assert "published 4 March 2025" in harbour and "added 5 January 2026" in ferry
    feed = feedparser.parse((root / "site" / "feeds" / "digest.xml").read_bytes())
    assert [e.title for e in feed.entries] == ["Ferry Vote", "Harbour Deal"]  # newest shown date first
    assert all(e.updated_parsed.tm_year > 1970 for e in feed.entries)
    home = (root / "site" / "index.html").read_text(encoding="utf-8")
    assert "What’s new" in home or "What's new" in home
    assert (root / "site" / "changes" / "index.html").is_file()


def test_with_site_url_the_sitemap_and_feeds_use_absolute_addresses(tmp_path):
    """Set `site_url` and sitemap.xml lists every page at its address, the feeds link
    absolutely, and the build no longer warns."""
    root = make_project(tmp_path, {"a.md": DATED, "b.txt": UNDATED})
    config = root / "mkdocs.yml"
    config.write_text("site_url: https://digest.example.org/\n" + config.read_text(encoding="utf-8"))
    result = _run(root, "build")
    assert result.exit_code == 0, result.output
    assert "site_url is not set" not in result.output
    sitemap = (root / "site" / "sitemap.xml").read_text(encoding="utf-8")
    listed = set(re.findall(r"<loc>([^<]+)</loc>", sitemap))
    for page in ("", "briefs/harbour-deal/", "briefs/ferry-vote/", "stories/", "figures/", "changes/"):
        assert f"https://digest.example.org/{page}" in listed, page
    feed = feedparser.parse((root / "site" / "feeds" / "digest.xml").read_bytes())
    assert all(e.link.startswith("https://digest.example.org/briefs/") for e in feed.entries)


def _brief(brief_id: str, day: dt.date, value: float) -> Brief:
    return Brief.model_validate(
        {
            "id": brief_id,
            "title": brief_id,
            "ingested": day.isoformat(),
            "source": {"file": f"content/articles/{brief_id}.txt", "sha256": "0" * 64},
            "actors": [{"id": "ines-dahl", "name": "Ines Dahl", "type": "person"}],
            "claims": [{"id": "c-one", "speaker": "ines-dahl", "text": "the port reopens", "evidence": "x."}],
            "figures": [
                {
                    "id": "f-one",
                    "text": f"${value}m",
                    "value": value,
                    "unit": "USD",
                    "measures": "cost of the port",
                    "stated_by": "ines-dahl",
                    "evidence": "x.",
                }
            ],
        }
    )


def test_whats_new_lists_days_newest_first_with_claims_and_changed_figures():
    first, second = dt.date(2026, 1, 5), dt.date(2026, 1, 9)
    briefs = [_brief("one", first, 5e6), _brief("two", second, 7e6), _brief("three", second, 7e6)]
    days = changes(build_digest(Registries(), briefs))
    assert [d.day for d in days] == [second, first]
    latest = days[0]
    assert [b.id for b in latest.briefs] == ["three", "two"] or [b.id for b in latest.briefs] == ["two", "three"]
    assert [(a.id, len(said)) for a, said in latest.claims] == [("ines-dahl", 2)]
    assert {(c.figure.value, c.earlier.value) for c in latest.figures} == {(7e6, 5e6)}
    assert days[1].figures == []


def test_changes_are_the_same_on_every_build():
    from generator.core.project import Project
    from generator.site.pages import site_files

    first = site_files(Project(ROOT), ROOT / "templates").pages["changes.md"]
    assert first == site_files(Project(ROOT), ROOT / "templates").pages["changes.md"]
