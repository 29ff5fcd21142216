"""The actor registry: machine entries are appended without touching editors' work,
and only entries an editor has checked teach the entity ruler."""

from __future__ import annotations

from generator.model import RegistryActor
from generator.project import Project
from generator.registry import Registries, load_registries, record_actors
from generator.runner import extract

from .conftest import make_project


def test_only_checked_entries_feed_the_ruler():
    registries = Registries(actors=[
        RegistryActor(id="acme", name="Acme", type="organization", origin="extractor"),
        RegistryActor(id="zed-corp", name="Zed Corp", type="organization", aliases=["Zed"], origin="editor"),
        RegistryActor(id="kay-tee", name="Kay Tee", type="person"),
    ])
    assert [entry[0] for entry in registries.ruler_entries()] == ["zed-corp", "kay-tee"]
    assert registries.surfaces()["Acme"] == ("acme", "Acme")


def test_new_actors_are_appended_and_editor_entries_kept(tmp_path):
    root = make_project(tmp_path, {"a.txt": "Talks\n\nMinister Ola Berg said that Norway would join the fund."})
    project = Project(root)
    project.actors_file.write_text("# curated by the desk\nactors:\n  - id: norway\n    name: Norway\n"
                                   "    type: country\n    description: Kingdom  # checked\n")
    extract(project)
    text = project.actors_file.read_text()
    assert text.startswith("# curated by the desk") and "description: Kingdom  # checked" in text
    registries, problems = load_registries(project)
    assert problems == []
    by_id = {a.id: a for a in registries.actors}
    assert by_id["norway"].origin is None and by_id["ola-berg"].origin == "extractor"
    assert record_actors(project, []) == 0
