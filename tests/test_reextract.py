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


def edit(path: Path, change) -> None:
    """Apply a hand edit with ruamel round-trip, as an editor's tool would."""
    yaml = YAML()
    data = yaml.load(path.read_text())
    change(data)
    with path.open("w") as handle:
        yaml.dump(data, handle)


def load(path: Path) -> dict:
    return YAML(typ="safe").load(path.read_text())


def hand_edits(data) -> None:
    data["title"] = "Harbour talks stall (edited)"
    data["claims"][0]["text"] = "the harbour closes Friday"
    data["figures"].append({"id": "f-mine-1", "text": "three berths", "value": 3, "value_max": None, "unit": "berths",
                            "per": None, "approx": False, "measures": "berths affected", "stated_by": None,
                            "equals": None, "evidence": "The council could sell the harbour to a private operator."})
    data["scenarios"] = [x for x in data["scenarios"] if "could sell the harbour" not in x["evidence"]]
    data["figures"][0].yaml_add_eol_comment("checked by the desk", "value")


def assert_edits_kept(path: Path, text: str) -> None:
    after = load(path)
    assert after["title"] == "Harbour talks stall (edited)"
    assert after["claims"][0]["text"] == "the harbour closes Friday"
    assert "f-mine-1" in [f["id"] for f in after["figures"]]
    assert not any("could sell the harbour" in s["evidence"] for s in after["scenarios"])
    assert "# checked by the desk" in text


def test_edits_survive_re_extracting_the_same_article(tmp_path):
    project = Project(make_project(tmp_path, {"harbour.txt": ARTICLE}))
    extract(project)
    path = project.briefs / "harbour-talks-stall.yml"
    edit(path, hand_edits)
    extract(project, force=True)
    assert_edits_kept(path, path.read_text())


def test_edits_survive_a_new_extractor_version(tmp_path, monkeypatch):
    import generator.extract
    import generator.runner

    project = Project(make_project(tmp_path, {"harbour.txt": ARTICLE}))
    extract(project)
    path = project.briefs / "harbour-talks-stall.yml"
    edit(path, hand_edits)
    monkeypatch.setattr(generator.runner, "EXTRACTOR_VERSION", "99.0.0")
    monkeypatch.setattr(generator.extract, "EXTRACTOR_VERSION", "99.0.0")
    report = extract(project)
    assert report.skipped == []
    assert load(path)["extractor"] == "99.0.0"
    assert_edits_kept(path, path.read_text())


def test_conflict_when_the_article_changes_under_an_edited_item(tmp_path):
    root = make_project(tmp_path, {"harbour.txt": ARTICLE})
    project = Project(root)
    extract(project)
    path = project.briefs / "harbour-talks-stall.yml"
    edit(path, hand_edits)
    changed = ARTICLE.replace("Port director Hanna Ek said that the harbour would close on Friday. ", "")
    (root / "content" / "articles" / "harbour.txt").write_text(changed)
    report = extract(project)
    assert len(report.conflicts) == 1 and "claims[0]" in report.conflicts[0]
    text = path.read_text()
    assert "CONFLICT" in text
    assert load(path)["claims"][0]["text"] == "the harbour closes Friday"


def test_a_deleted_actor_stays_deleted_and_takes_machine_items_with_it(tmp_path):
    project = Project(make_project(tmp_path, {"harbour.txt": ARTICLE}))
    extract(project)
    path = project.briefs / "harbour-talks-stall.yml"
    union = next(a["id"] for a in load(path)["actors"] if "union" in a["name"])

    def drop_union(data):
        data["actors"] = [a for a in data["actors"] if a["id"] != union]
        for section, key in (("claims", "speaker"), ("figures", "stated_by")):
            data[section] = [i for i in data[section] if i.get(key) != union]

    edit(path, drop_union)
    extract(project, force=True)
    after = load(path)
    assert union not in [a["id"] for a in after["actors"]]
    assert not any(c["speaker"] == union for c in after["claims"])


def test_an_edited_speaker_keeps_its_actor_when_the_article_drops_it(tmp_path):
    """The editor gives a claim to an actor the machine found; the article then changes and
    no longer names that actor. The actor stays, so the brief stays valid and on the site."""
    from generator.check import check_project

    root = make_project(tmp_path, {"harbour.txt": ARTICLE})
    project = Project(root)
    extract(project)
    path = project.briefs / "harbour-talks-stall.yml"
    yaml = YAML()
    data = yaml.load(path.read_text(encoding="utf-8"))
    union = next(a["id"] for a in data["actors"] if "union" in a["name"].lower())
    claim = next(c for c in data["claims"] if c["speaker"] != union)
    claim["speaker"] = union
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    article = root / "content" / "articles" / "harbour.txt"
    article.write_text(ARTICLE.replace("According to the union, about", "About"), encoding="utf-8")
    report = extract(project)
    assert report.problems == []
    merged = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    assert union in {a["id"] for a in merged["actors"]}
    assert check_project(project) == []
