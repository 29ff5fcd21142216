"""A section added by an installed package (an entry point in ``briefing_digest.sections``)
is loaded by the command line and by every extraction worker, so ``--jobs 2`` extracts it."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from ruamel.yaml import YAML

from .conftest import make_project

ARTICLE = (
    "Harbour Talks Stall\n\n"
    "Port director Hanna Ek said that the harbour would close on Friday. "
    "The union will hold a ballot in March.\n"
)

PLUGIN = textwrap.dedent('''
    """A toy section plugin: every sentence with a date is an event."""
    from pydantic import Field

    from generator.extract.components import component
    from generator.extract.ids import make_item, stable_id
    from generator.core.model import ITEM_ID_PATTERN, SectionSpec, StrictModel, register_section


    class Event(StrictModel):
        id: str = Field(pattern=ITEM_ID_PATTERN)
        when: str = Field(min_length=1)
        evidence: str = Field(min_length=1)


    register_section(SectionSpec("events", Event, "Dated events."))


    @component("events")
    def find_events(extraction):
        used, events = set(), []
        for sent in extraction.doc.sents:
            for date in [e for e in sent.ents if e.label_ == "DATE"][:1]:
                events.append(make_item(Event, extraction.doc, id=stable_id("e", used, sent.text), when=date.text,
                                        evidence=sent.text.strip()))
        return [e for e in events if e is not None]
''')


def install_plugin(folder: Path, module: str, source: str) -> dict[str, str]:
    """A package on PYTHONPATH with its distribution metadata and entry point, as pip
    would install it; returns the environment that sees it."""
    (folder / f"{module}.py").write_text(source, encoding="utf-8")
    info = folder / f"{module}-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[briefing_digest.sections]\nevents = {module}\n", encoding="utf-8")
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(folder), os.environ.get("PYTHONPATH", "")])}


def digest(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], env=env, capture_output=True, text=True)


def test_an_installed_section_is_extracted_on_every_worker(tmp_path):
    (tmp_path / "plugins").mkdir()
    env = install_plugin(tmp_path / "plugins", "toy_events", PLUGIN)
    second = ARTICLE.replace("Harbour Talks Stall", "Harbour Talks Resume").replace("March", "April")
    root = make_project(tmp_path, {"harbour.txt": ARTICLE, "resume.txt": second})  # two articles: two workers
    assert digest(dict(os.environ), "extract", "--jobs", "2", "--project", str(root)).returncode == 0
    # Installing the plugin makes the briefs stale (the extractor key names it): no --force needed.
    result = digest(env, "extract", "--jobs", "2", "--project", str(root))
    assert result.returncode == 0, result.stderr
    assert "2 brief(s) written" in " ".join(result.stdout.split() + result.stderr.split()), (
        result.stdout + result.stderr
    )
    briefs = root / "content" / "briefs"
    for name, when in (("harbour-talks-stall", ["Friday", "March"]), ("harbour-talks-resume", ["Friday", "April"])):
        brief = YAML(typ="safe").load((briefs / f"{name}.yml").read_text())
        assert [e["when"] for e in brief["events"]] == when
        assert brief["extractor"].split("+")[-1].startswith("events.")
    checked = digest(env, "check", "--project", str(root))
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_a_broken_plugin_is_named(tmp_path):
    (tmp_path / "plugins").mkdir()
    env = install_plugin(tmp_path / "plugins", "broken_events", "raise RuntimeError('no events today')\n")
    root = make_project(tmp_path, {"harbour.txt": ARTICLE})
    result = digest(env, "check", "--project", str(root))
    assert result.returncode == 1
    message = " ".join(result.stderr.split())
    assert "entry point events = broken_events" in message and "no events today" in message


def test_briefs_written_with_a_plugin_build_without_it(tmp_path):
    """Remove the plugin: the site once built with 0 briefs, exit 0. The unknown section
    is kept in the file, named once as a warning, and the rest of every brief builds."""
    second = ARTICLE.replace("Harbour Talks Stall", "Ferry Talks Stall").replace("harbour", "ferry")
    root = make_project(tmp_path, {"harbour.txt": ARTICLE, "ferry.txt": second})
    plugin_dir = tmp_path / "plugins"
    plugin_dir.mkdir()
    with_plugin = install_plugin(plugin_dir, "digest_events_gone", PLUGIN)
    extracted = digest(with_plugin, "extract", "--project", str(root))
    assert extracted.returncode == 0, extracted.stderr
    briefs = sorted((root / "content" / "briefs").glob("*.yml"))
    brief = briefs[0]
    assert len(briefs) == 2 and all("events:" in b.read_text(encoding="utf-8") for b in briefs)
    without = {**os.environ}
    built = digest(without, "build", "--no-extract", "--project", str(root))
    assert built.returncode == 0, built.stderr
    output = " ".join(built.stderr.split())
    # Named once for all briefs (by the check, and by the site build that leaves it out), not per brief.
    assert output.count("section(s) events in some briefs are registered by no installed plugin") <= 2, output
    assert all((root / "site" / "briefs" / b.stem / "index.html").is_file() for b in briefs)
    assert "events:" in brief.read_text(encoding="utf-8")  # kept for when the plugin returns
    strict = digest(without, "build", "--no-extract", "--force", "--strict", "--project", str(root))
    assert strict.returncode == 1


def test_a_plugin_that_raises_on_an_article_costs_only_its_own_section(tmp_path):
    raising = PLUGIN.replace(
        "    used, events = set(), []", "    raise RuntimeError('toy plugin bug')\n    used, events = set(), []"
    )
    root = make_project(tmp_path, {"harbour.txt": ARTICLE})
    plugin_dir = tmp_path / "plugins"
    plugin_dir.mkdir()
    env = install_plugin(plugin_dir, "digest_events_raising", raising)
    extracted = digest(env, "extract", "--project", str(root))
    assert extracted.returncode == 0, extracted.stderr
    assert "section events: its extractor failed (RuntimeError: toy plugin bug)" in " ".join(extracted.stderr.split())
    brief = next((root / "content" / "briefs").glob("*.yml")).read_text(encoding="utf-8")
    assert "speaker: hanna-ek" in brief and "events: []" in brief  # the core sections are all there
