"""Re-extraction is byte-stable and never loses an editor's work."""

from __future__ import annotations

from pathlib import Path

from ruamel.yaml import YAML

from generator.project import Project
from generator.runner import extract

from .conftest import make_project

ARTICLE = ("Harbour Talks Stall\n\n"
           "Port director Hanna Ek said that the harbour would close on Friday. "
           "According to the union, about 300 workers will lose shifts every week. "
           "The council could sell the harbour to a private operator.\n")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.yml"))}


def test_second_run_leaves_briefs_byte_identical(tmp_path):
    root = make_project(tmp_path, {"harbour.txt": ARTICLE})
    project = Project(root)
    extract(project)
    first = snapshot(project.briefs)
    report = extract(project, force=True)
    assert report.written == [] and report.unchanged == ["harbour-talks-stall"]
    assert snapshot(project.briefs) == first
    assert extract(project).skipped == ["harbour-talks-stall"]


def test_hand_edits_deletions_and_comments_survive_a_changed_article(tmp_path):
    root = make_project(tmp_path, {"harbour.txt": ARTICLE})
    project = Project(root)
    extract(project)
    path = project.briefs / "harbour-talks-stall.yml"
    yaml = YAML()
    data = yaml.load(path.read_text())
    data["summary"] = "Edited by hand."
    data["claims"][0]["text"] = "the harbour closes Friday"
    deleted = data["scenarios"].pop(0)["id"]
    data.yaml_set_comment_before_after_key("kind", before="editor: checked against the original")
    with path.open("w") as handle:
        yaml.dump(data, handle)

    (root / "content" / "articles" / "harbour.txt").write_text(ARTICLE + "Officials expect a decision by March.\n")
    extract(project)
    text = path.read_text()
    after = YAML(typ="safe").load(text)
    assert after["summary"] == "Edited by hand."
    assert after["claims"][0]["text"] == "the harbour closes Friday"
    assert deleted not in [s["id"] for s in after["scenarios"]]
    assert "editor: checked against the original" in text
    assert any("decision by March" in s["evidence"] for s in after["scenarios"])
