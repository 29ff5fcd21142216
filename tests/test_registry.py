"""The actor registry: machine entries are appended without touching editors' work,
and only entries an editor has checked teach the entity ruler."""

from __future__ import annotations

from generator.content.refresh import extract_project
from generator.content.registry import Registries, load_registries, record_actors
from generator.core.model import RegistryActor
from generator.core.project import Project

from .conftest import make_project


def test_only_checked_entries_feed_the_ruler():
    registries = Registries(
        actors=[
            RegistryActor(id="acme", name="Acme", type="organization", origin="extractor"),
            RegistryActor(id="zed-corp", name="Zed Corp", type="organization", aliases=["Zed"], origin="editor"),
            RegistryActor(id="kay-tee", name="Kay Tee", type="person"),
        ]
    )
    assert [entry[0] for entry in registries.ruler_entries()] == ["zed-corp", "kay-tee"]
    assert registries.surfaces()["Acme"] == ("acme", "Acme")


def test_new_actors_are_appended_and_editor_entries_kept(tmp_path):
    root = make_project(tmp_path, {"a.txt": "Talks\n\nMinister Ola Berg said that Norway would join the fund."})
    project = Project(root)
    project.actors_file.write_text(
        "# curated by the desk\nactors:\n  - id: norway\n    name: Norway\n"
        "    type: country\n    description: Kingdom  # checked\n"
        "  - id: ola-berg\n    name: Ola Berg\n    type: organization\n    origin: extractor\n"
    )
    extract_project(project)
    text = project.actors_file.read_text()
    assert text.startswith("# curated by the desk") and "description: Kingdom  # checked" in text
    # a machine entry takes the type the briefs now give; the editor's entry is never changed
    types = {a.id: a.type for a in load_registries(project)[0].actors}
    assert types["ola-berg"] == "person" and types["norway"] == "country", types
    registries, problems = load_registries(project)
    assert problems == []
    by_id = {a.id: a for a in registries.actors}
    assert by_id["norway"].origin is None and by_id["ola-berg"].origin == "extractor"
    assert record_actors(project, []) == 0


def test_merging_actors_by_alias_changes_the_pages_without_re_extracting(tmp_path):
    import yaml as pyyaml
    from typer.testing import CliRunner

    from generator.cli import app

    root = make_project(
        tmp_path,
        {
            "a.txt": "Mill Reopens\n\nMill owner Petra Vale said that the mill would reopen in May.\n",
            "b.txt": "Mill Hires Staff\n\nThe Vale Milling Company said that it would hire forty workers.\n",
        },
    )
    project = Project(root)
    extract_project(project)
    data = pyyaml.safe_load(project.actors_file.read_text())
    ids = {a["name"]: a["id"] for a in data["actors"]}
    assert "Vale Milling Company" in ids and "Petra Vale" in ids
    text = project.actors_file.read_text()
    # The editor decides the company speaks for its owner: one actor, with a dated role.
    entries = [a for a in data["actors"] if a["name"] != "Vale Milling Company"]
    owner = next(a for a in entries if a["name"] == "Petra Vale")
    owner["aliases"] = ["Vale Milling Company"]
    owner["roles"] = [{"title": "Mill owner", "start": "2019-01-01", "end": None}]
    owner["origin"] = "editor"
    project.actors_file.write_text(
        text.split("\n", 1)[0] + "\n" + pyyaml.safe_dump({"actors": entries}, sort_keys=False)
    )
    result = CliRunner().invoke(app, ["build", "--no-extract", "--strict", "--project", str(root)])
    assert result.exit_code == 0, result.output
    page = (root / "site" / "actors" / ids["Petra Vale"] / "index.html").read_text()
    assert "Mill Reopens" in page and "Mill Hires Staff" in page
    assert "2019-01-01" in page
    assert not (root / "site" / "actors" / ids["Vale Milling Company"]).exists()


def test_extracting_into_a_scratch_folder_leaves_the_registries_alone(tmp_path):
    """`digest extract --out DIR` (evaluation, trying a model) writes briefs there only."""
    root = make_project(tmp_path, {"a.txt": "Talks\n\nMinister Ola Berg said that Norway would join the fund."})
    project = Project(root)
    before = {
        p.name: p.read_bytes() for p in (project.actors_file, project.root / "content" / "sources.yml") if p.exists()
    }
    report = extract_project(project, out_dir=tmp_path / "scratch")
    assert report.written and (tmp_path / "scratch").glob("*.yml")
    after = {
        p.name: p.read_bytes() for p in (project.actors_file, project.root / "content" / "sources.yml") if p.exists()
    }
    assert after == before


def test_an_outlet_made_of_symbols_gets_an_id_and_the_registry_stays_whole(tmp_path):
    """`outlet: ★★★` once wrote `id: ''` to sources.yml, and the whole registry was then
    ignored: every curated name, URL and kind vanished."""
    from generator.core.slugs import slugify

    assert slugify("★★★").startswith("x-") and slugify("★★★") != slugify("☆☆☆")
    assert slugify("   ") == ""
    article = "---\noutlet: ★★★\n---\nTalks\n\nMinister Ola Berg said that Norway would join the fund.\n"
    root = make_project(tmp_path, {"a.md": article})
    project = Project(root)
    project.sources_file.write_text(
        "sources:\n  - id: desk-wire\n    name: Desk Wire\n    url: https://desk.example/\n    kind: wire\n",
        encoding="utf-8",
    )
    report = extract_project(project)
    assert report.problems == []
    registries, problems = load_registries(project)
    assert problems == []
    assert {s.name for s in registries.sources} == {"Desk Wire", "★★★"}
    assert all(s.id for s in registries.sources)


def test_one_bad_registry_entry_keeps_the_others(tmp_path):
    root = make_project(tmp_path)
    project = Project(root)
    project.sources_file.write_text(
        "sources:\n  - id: desk-wire\n    name: Desk Wire\n    kind: wire\n  - id: ''\n    name: Broken\n",
        encoding="utf-8",
    )
    registries, problems = load_registries(project)
    assert [s.id for s in registries.sources] == ["desk-wire"]
    assert len(problems) == 1 and problems[0].file == "content/sources.yml" and problems[0].line == 5


def test_a_run_killed_before_the_registries_caught_up_is_replayed(tmp_path):
    """The briefs were written, the kill came before actors.yml and sources.yml: `digest
    check` says so, and the next run adds what is missing, though no brief is stale."""
    from generator.content.check import check_warnings

    article = "---\noutlet: Harbour Herald\n---\nTalks\n\nMinister Ola Berg said that Norway would join the fund.\n"
    root = make_project(tmp_path, {"a.md": article})
    project = Project(root)
    extract_project(project)
    brief_id = next(project.briefs.glob("*.yml")).stem
    project.actors_file.write_text("actors: []\n", encoding="utf-8")  # as if the kill came first
    project.sources_file.write_text("sources: []\n", encoding="utf-8")
    project.registry_journal.parent.mkdir(parents=True, exist_ok=True)
    project.registry_journal.write_text(f"{brief_id}\n", encoding="utf-8")
    warnings = " ".join(str(w) for w in check_warnings(project))
    assert "actors missing from content/actors.yml: ola-berg" in warnings and "Harbour Herald" in warnings
    report = extract_project(project)
    assert report.written == [] and report.skipped == [brief_id]
    registries, _ = load_registries(project)
    assert "ola-berg" in {a.id for a in registries.actors}
    assert [s.name for s in registries.sources] == ["Harbour Herald"]
    assert not project.registry_journal.exists() and check_warnings(project) == []


def test_prune_removes_only_machine_actors_no_brief_names(tmp_path):
    from generator.content.briefs import read_briefs
    from generator.content.check import check_warnings
    from generator.content.registry import prune_actors

    root = make_project(tmp_path, {"a.txt": "Talks\n\nMinister Ola Berg said that Norway would join the fund.\n"})
    project = Project(root)
    extract_project(project)
    with project.actors_file.open("a", encoding="utf-8") as handle:
        handle.write(
            "  - id: kari-stranger\n    name: Kari Stranger\n    type: person\n    origin: extractor\n"
            "  - id: desk-pick\n    name: Desk Pick\n    type: person\n    origin: editor\n"
            "  - id: berg\n    name: Berg\n    type: person\n    origin: extractor\n"
        )
    assert any("kari-stranger" in str(w) for w in check_warnings(project))
    # "Berg" is now only Ola Berg's alias: the machine's entry of its own goes too
    assert sorted(prune_actors(project, read_briefs(project.briefs, root)[0])) == ["berg", "kari-stranger"]
    ids = {a.id for a in load_registries(project)[0].actors}
    assert "desk-pick" in ids and "ola-berg" in ids and "kari-stranger" not in ids
